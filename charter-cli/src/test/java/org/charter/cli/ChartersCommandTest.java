package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored charters: import, list, show with history and diff; the gateway's case files imported; amend with decided cases. */
class ChartersCommandTest {
    @Test
    void importListShow_andABadFileStoresNothing(@TempDir Path tmp) throws IOException {
        String data = tmp.resolve("data").toString();
        Path charter = tmp.resolve("web-only.yaml");
        Files.writeString(charter, DecideCommandTest.WEB_ONLY);
        CliTest.Run imp = CliTest.run("charters", "import", charter.toString(), "--by", "admin", "--data-dir", data);
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("stored as version 1");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, DecideCommandTest.WEB_ONLY.replace("kind: rule", "kind: whatever"));
        CliTest.Run refused = CliTest.run("charters", "import", bad.toString(), "--data-dir", data);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("bad.yaml").contains("whatever");
        CliTest.Run list = CliTest.run("charters", "list", "--data-dir", data);
        assertThat(list.out()).contains("version 1").contains("by admin: import web-only.yaml").contains("1 charter(s)");
        String name = list.out().split(" ")[0];
        assertThat(CliTest.run("charters", "show", name, "--data-dir", data).out()).contains("clauses:");
        CliTest.Run first = CliTest.run("charters", "show", name, "--diff", "--data-dir", data);
        assertThat(first.code()).isEqualTo(1);
        assertThat(first.err()).contains("is the first");
        CliTest.Run none = CliTest.run("charters", "show", "nope", "--data-dir", data);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no charter 'nope'");
    }

    @Test
    void caseFilesFromTheGateway_areImported_andRuledCasesBecomePrecedents(@TempDir Path tmp) throws IOException {
        String data = tmp.resolve("data").toString();
        Path charter = tmp.resolve("web-only.yaml");
        Files.writeString(charter, DecideCommandTest.WEB_ONLY);
        Path cases = tmp.resolve("cases");
        CliTest.Run d = CliTest.run("decide", charter.toString(), "--prompt", "How much is a parking permit?", "--candidate", "It costs 40 euros.",
                "--candidate", "See the city's fees page.", "--context", "channel=sms", "--cases", cases.toString());
        assertThat(d.code()).as(d.err()).isZero();
        Matcher m = Pattern.compile("open case (\\S+) in").matcher(d.out());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        // the file-based ruling still works, and the store takes the ruled case as decided
        assertThat(CliTest.run("case", "rule", cases.toString(), id, "--charter", charter.toString(), "--candidate", "1", "--ruling", "complies",
                "--rationale", "Point to the official page.", "--by", "panel", "--date", "2026-11-28").code()).isZero();
        assertThat(CliTest.run("charters", "import", charter.toString(), "--data-dir", data).code()).isZero();
        CliTest.Run imp = CliTest.run("charters", "import-cases", cases.toString(), "--data-dir", data);
        assertThat(imp.out()).contains("1 case(s) imported, 0 already stored");
        assertThat(CliTest.run("charters", "import-cases", cases.toString(), "--data-dir", data).out()).contains("0 case(s) imported, 1 already stored (" + id + ")");
        assertThat(CliTest.run("charters", "import-cases", cases.toString(), "--panel", "most", "--data-dir", data).code()).isEqualTo(2);

        String name = CliTest.run("charters", "list", "--data-dir", data).out().split(" ")[0];
        CliTest.Run amend = CliTest.run("charters", "amend", name, "--by", "moderator", "--data-dir", data);
        assertThat(amend.code()).as(amend.err()).isZero();
        assertThat(amend.out()).contains("+ precedent case-" + id + "-1").contains("stored as version 2");
        assertThat(CliTest.run("charters", "show", name, "--history", "--data-dir", data).out()).contains("2  parent 1  label 2");
        assertThat(CliTest.run("charters", "show", name, "--diff", "--data-dir", data).out()).contains("+ precedent case-" + id + "-1");
        assertThat(CliTest.run("charters", "amend", name, "--data-dir", data).out()).contains("nothing stored");
    }
}
