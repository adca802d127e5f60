package org.charter.core.assembly.polis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class CsvTest {
    private static List<Csv.Row> read(String text) {
        return Csv.read(new StringReader(text), "t.csv");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        var rows = read("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\nlast,row\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"\nthere");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(2).line()).isEqualTo(4); // the quoted line break moved it down
    }

    @Test
    void crlfBomEmptyFieldsAndBlankLines() {
        var rows = read("\uFEFFa,b,c\r\n1,,3\r\n\r\n,,\r\n");
        assertThat(rows).extracting(Csv.Row::fields)
                .containsExactly(List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
        assertThat(rows.get(2).line()).isEqualTo(4);
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpened() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"never\nclosed\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("t.csv, line 3, column 2: a quoted field is never closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> read("a,b\n\"x\"y,2\n"))
                .isInstanceOf(CsvFormatException.class)
                .satisfies(e -> assertThat(((CsvFormatException) e).line()).isEqualTo(2))
                .hasMessageContaining("after a closing quote");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnError() {
        assertThatThrownBy(() -> read("a,b\nx\"y,2\n")).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 2, column 1");
    }

    @Property
    void writingThenReadingGivesTheSameFields(@ForAll @Size(min = 1, max = 6) List<@StringLength(max = 12) String> fields) {
        var out = new StringBuilder();
        Csv.writeRow(out, fields);
        Csv.writeRow(out, List.of("end"));
        var rows = read(out.toString());
        // A record whose only field is empty is a blank line, which readers skip; every other record survives.
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            assertThat(rows).extracting(Csv.Row::fields).containsExactly(List.of("end"));
        } else {
            assertThat(rows.get(0).fields()).isEqualTo(fields);
        }
    }
}
