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

    /**
     * An assembly of four participants and two statements, stored through the CLI's store: s0 agreed by all four,
     * s1 by p0 only. The opinion map puts p0 in group 0 and p1-p3 in group 1: s0 (1+1)/(1+2) * (3+1)/(3+2) = 8/15,
     * s1 (1+1)/(1+2) * (0+1)/(3+2) = 2/15; threshold 1/2 takes s0 only.
     */
    @Test
    void ratify_aStoredAssembly_byConsensus(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        long id;
        try (var db = org.charter.store.Database.open(org.charter.store.StoreConfig.sqlite(data))) {
            var store = new org.charter.store.AssemblyStore(db, java.time.Clock.systemUTC());
            id = store.createAssembly("Helpdesk", "", org.charter.core.assembly.AssemblySettings.DEFAULT).id();
            store.addStatement(id, "Cite your sources.", null, false, true, org.charter.core.assembly.Moderation.ACCEPTED, 2000);
            store.addStatement(id, "Answer in verse.", null, false, true, org.charter.core.assembly.Moderation.ACCEPTED, 2000);
            for (int p = 0; p < 4; p++) {
                store.addParticipant(id, "p" + p, java.util.Map.of());
                store.castVote(id, p, 0, org.charter.core.assembly.VoteValue.AGREE, null);
                store.castVote(id, p, 1, p == 0 ? org.charter.core.assembly.VoteValue.AGREE : org.charter.core.assembly.VoteValue.DISAGREE, null);
            }
        }
        String d = data.toString();
        CliTest.Run dry = CliTest.run("charters", "ratify", "helpdesk", "--assembly", String.valueOf(id), "--rule", "consensus", "--threshold", "1/2",
                "--dry-run", "--data-dir", d);
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+ s0  consensus 8/15").contains("group 0 1/0/0  group 1 3/0/0").contains("  s1  consensus 2/15").contains("+ clause assembly-" + id + "-s0")
                .contains("dry run, nothing stored");
        assertThat(CliTest.run("charters", "list", "--data-dir", d).out()).contains("0 charter(s)");
        CliTest.Run real = CliTest.run("charters", "ratify", "helpdesk", "--assembly", String.valueOf(id), "--rule", "committee", "--size", "1",
                "--by", "mo", "--data-dir", d);
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(real.out()).contains("committee seq-phragmen k=1: [0]").contains("stored as version 1");
        assertThat(CliTest.run("charters", "show", "helpdesk", "--history", "--data-dir", d).out()).contains("ratify assembly-" + id + ": seq-phragmen slate of 1");
        CliTest.Run bad = CliTest.run("charters", "ratify", "helpdesk", "--assembly", String.valueOf(id), "--rule", "consensus", "--threshold", "lots",
                "--data-dir", d);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a number");
    }
}
