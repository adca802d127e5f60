package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import org.charter.core.assembly.polis.CsvFormatException;
import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

class UtilityCsvTest {
    static UtilityProfile read(String text) {
        return UtilityCsv.read(new StringReader(text), "u.csv");
    }

    @Test
    void readsNamesWeightsAndExactNumbers() {
        var p = read("option,north,\"south, coast\"\n#weights,120,80\nkeep,3,-3/4\nreform,0.25,1e3\n");
        assertThat(p.options()).containsExactly("keep", "reform");
        assertThat(p.groups()).containsExactly("north", "south, coast");
        assertThat(p.weights()).containsExactly(Rational.of(120), Rational.of(80));
        assertThat(p.row(0)).containsExactly(Rational.of(3), Rational.of(-3, 4));
        assertThat(p.row(1)).containsExactly(Rational.of(1, 4), Rational.of(1000));
        assertThat(read("o,a\nx,1\n").unitWeights()).isTrue();
    }

    @Test
    void badFilesNameFileLineAndColumn() {
        assertError("", "u.csv: the file is empty");
        assertError("option\nx\n", "u.csv, line 1: the header needs");
        assertError("option,a,a\n", "u.csv, line 1, column a (3): the group \"a\" appears twice");
        assertError("option,a,b\nx,1,2\ny,1,two\n", "u.csv, line 3, column b (3): expected a utility such as 3, -3/4 or 0.25, found \"two\"");
        assertError("option,a,b\nx,1\n", "u.csv, line 2: expected 3 fields as in the header, found 2");
        assertError("option,a\nx,1\n\nx,2\n", "u.csv, line 4, column option (1): the option \"x\" already appears on line 2");
        assertError("option,a\nx,1\n#weights,2\n", "u.csv, line 3, column option (1): the #weights line must come directly after the header");
        assertError("option,a\n#weights,0\nx,1\n", "u.csv, line 2, column a (2): a weight must be positive, found 0");
        assertError("option,a\n#weights,1\n", "u.csv: the file has no option lines after the header");
        assertError("option,a\nx,\n", "u.csv, line 2, column a (2): a utility is missing (blank field)");
        assertError("option,a\n,1\n", "u.csv, line 2, column option (1): the option name is blank");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(CsvFormatException.class).hasMessageStartingWith(message);
    }

    @Test
    void profileValidatesItsShape() {
        assertThatThrownBy(() -> UtilityProfile.unweighted(List.of("x"), List.of("a", "b"), List.of(List.of(Rational.ONE))))
                .hasMessageContaining("has 1 utilities for 2 groups");
        assertThatThrownBy(() -> UtilityProfile.unweighted(List.of(), List.of("a"), List.of())).hasMessageContaining("at least one option");
    }
}
