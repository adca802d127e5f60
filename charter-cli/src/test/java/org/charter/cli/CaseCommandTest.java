package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a gap to a precedent: decide --cases, case list / rule, amend, validate and diff the new version. */
class CaseCommandTest {
    @Test
    void gapBecomesAPrecedentOfTheNextVersion(@TempDir Path tmp) throws IOException {
        Path charter = tmp.resolve("web-only.yaml");
        Files.writeString(charter, DecideCommandTest.WEB_ONLY);
        Path cases = tmp.resolve("cases");
        CliTest.Run d = CliTest.run("decide", charter.toString(), "--prompt", "How much is a parking permit?", "--candidate", "It costs 40 euros.",
                "--candidate", "See the city's fees page.", "--context", "channel=sms", "--cases", cases.toString());
        assertThat(d.code()).as(d.err()).isZero();
        Matcher m = Pattern.compile("open case (\\S+) in").matcher(d.out());
        assertThat(m.find()).as(d.out()).isTrue();
        String id = m.group(1);
        assertThat(CliTest.run("case", "list", cases.toString(), "--open").out()).contains(id).contains("gap").contains("1 case(s)");

        CliTest.Run bad = CliTest.run("case", "rule", cases.toString(), id, "--charter", charter.toString(), "--candidate", "1", "--ruling", "complies",
                "--clause", "nope", "--rationale", "r", "--by", "panel");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("no clause 'nope'");
        CliTest.Run rule = CliTest.run("case", "rule", cases.toString(), id, "--charter", charter.toString(), "--candidate", "1", "--ruling", "complies",
                "--clause", "cite_sources", "--rationale", "Pointing to the official page is right on every channel.", "--by", "residents' panel",
                "--date", "2026-11-28");
        assertThat(rule.code()).as(rule.err()).isZero();
        assertThat(CliTest.run("case", "list", cases.toString(), "--open").out()).contains("0 case(s)");

        Path next = tmp.resolve("web-only-2.yaml");
        CliTest.Run amend = CliTest.run("amend", charter.toString(), "--cases", cases.toString(), "--version", "2", "-o", next.toString());
        assertThat(amend.code()).as(amend.err()).isZero();
        assertThat(amend.out()).contains("1 precedent(s) added (case-" + id + "-1)").contains("0 case(s) still open");
        assertThat(CliTest.run("validate", next.toString()).code()).isZero();
        assertThat(Files.readString(next)).contains("case-" + id + "-1").contains("See the city's fees page.").contains("residents' panel");
        assertThat(CliTest.run("diff", charter.toString(), next.toString()).out()).contains("case-" + id + "-1");
        // amending again adds nothing new
        Path again = tmp.resolve("web-only-3.yaml");
        assertThat(CliTest.run("amend", next.toString(), "--cases", cases.toString(), "--version", "3", "-o", again.toString()).out())
                .contains("0 precedent(s) added");
        CliTest.Run same = CliTest.run("amend", charter.toString(), "--cases", cases.toString(), "--version", "1", "-o", again.toString());
        assertThat(same.code()).isEqualTo(2);
        assertThat(same.err()).contains("must differ");
    }
}
