package org.charter.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Bulk seed upload: every line accepted or rejected with its number and reason, never skipped silently. */
class SeedUploadTest {
    @Test
    void lines_reportEveryRejectedLineWithItsNumber() {
        String text = "Cite your sources.\n\n   \nCITE your sources.\nSay when unsure.\n" + "x".repeat(21) + "\nOld one\n";
        var r = SeedUpload.check(text, SeedUpload.Format.LINES, Set.of("old ONE"), 20);
        assertThat(r.accepted()).extracting(SeedUpload.Accepted::line).containsExactly(1, 5);
        assertThat(r.rejected()).extracting(SeedUpload.Rejected::line).containsExactly(4, 6, 7);
        assertThat(r.rejected().get(0).reason()).isEqualTo("repeats line 1");
        assertThat(r.rejected().get(1).reason()).contains("21 characters long; the limit is 20");
        assertThat(r.rejected().get(2).reason()).contains("already has");
        assertThat(r.emptyLines()).isEqualTo(3); // lines 2, 3 and the empty last line after the final newline
        assertThat(r.storable()).isFalse();
    }

    @Test
    void csv_withHeaderQuotesAndMeta() {
        String text = "text,meta\n\"Commas, too\",false\n\"She said \"\"no\"\"\",\n\"Two\nlines\",true\nBad,maybe\na,b,c\n";
        var r = SeedUpload.check(text, SeedUpload.Format.CSV, Set.of(), 100);
        assertThat(r.accepted()).extracting(SeedUpload.Accepted::text).containsExactly("Commas, too", "She said \"no\"", "Two\nlines");
        assertThat(r.accepted()).extracting(SeedUpload.Accepted::line).containsExactly(2, 3, 4);
        assertThat(r.accepted().get(2).meta()).isTrue();
        assertThat(r.rejected()).extracting(SeedUpload.Rejected::line).containsExactly(6, 7);
        assertThat(r.rejected().get(0).reason()).contains("meta must be");
        assertThat(r.rejected().get(1).reason()).contains("3 columns");
        var open = SeedUpload.check("ok\n\"never closed\n", SeedUpload.Format.CSV, Set.of(), 100);
        assertThat(open.rejected()).extracting(SeedUpload.Rejected::reason).containsExactly("a quoted cell is never closed");
        assertThat(open.storable()).isFalse();
    }

    /** Every non-empty line of a plain upload is accounted for: accepted, rejected, or counted empty. */
    @Property(tries = 200)
    void everyLineIsAccountedFor(@ForAll @StringLength(max = 200) String text) {
        var r = SeedUpload.check(text, SeedUpload.Format.LINES, Set.of(), 30);
        int lines = text.split("\r\n|\n|\r", -1).length;
        assertThat(r.accepted().size() + r.rejected().size() + r.emptyLines()).isEqualTo(lines);
    }
}
