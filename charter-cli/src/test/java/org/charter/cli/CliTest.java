package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.charter.core.SharedData;
import org.charter.core.assembly.polis.PolisReader;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charter command's contract: exit codes, one-line errors, and the Polis commands end to end. */
class CliTest {
    record Run(int code, String out, String err) {
        String lastLine() {
            var lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out().strip()).matches("charter \\d+\\.\\d+\\.\\d+.*");
        });
        assertThat(run("--help").out()).contains("serve", "assembly", "bench");
        assertThat(run("assembly", "import-polis", "--help").out()).contains("--data-dir", "--db");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        for (Run r : new Run[] {run("no-such-command"), run("serve", "--port", "eighty"), run(), run("serve", "--port", "70000"),
                run("assembly", "export-polis", "1")}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("charter: ");
        }
    }

    @Test
    void failuresAreOneLineAndExitOneAndVerboseAddsTheStackTrace(@TempDir Path tmp) {
        Run r = run("assembly", "import-polis", tmp.resolve("missing").toString(), "--data-dir", tmp.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("missing").contains("not a directory");
        Run verbose = run("assembly", "import-polis", tmp.resolve("missing").toString(), "--data-dir", tmp.toString(), "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("\tat org.charter.");
    }

    @Test
    void importExportAndReimportAPolisConversation(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        Run imported = run("assembly", "import-polis", SharedData.polis("london.youth.policing").toString(), "--data-dir", data.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        long id = Long.parseLong(imported.lastLine());
        // 26 voters as in summary.csv, and one author who never voted.
        assertThat(imported.out()).contains("27 participants (26 voted)", "39 statements", "640 vote events");

        Path exported = tmp.resolve("export");
        Run export = run("assembly", "export-polis", Long.toString(id), exported.toString(), "--data-dir", data.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(exported.resolve("comments.csv")).exists();
        assertThat(exported.resolve("votes.csv")).exists();
        assertThat(exported.resolve("participants-votes.csv")).exists();

        Run again = run("assembly", "import-polis", exported.toString(), "--data-dir", data.toString());
        long second = Long.parseLong(again.lastLine());
        try (Database db = Database.open(StoreConfig.sqlite(data))) {
            var store = new AssemblyStore(db, Clock.systemUTC());
            assertThat(store.matrix(second)).isEqualTo(store.matrix(id));
            assertThat(store.matrix(id)).isEqualTo(PolisReader.read(SharedData.polis("london.youth.policing")).exportedMatrix());
        }
        assertThat(run("assembly", "list", "--data-dir", data.toString()).out().lines()).hasSize(2);
        assertThat(run("assembly", "export-polis", "99", exported.toString(), "--data-dir", data.toString()))
                .satisfies(r -> assertThat(r.err().strip()).isEqualTo("charter: assembly 99 does not exist"))
                .extracting(Run::code).isEqualTo(1);
    }

    @Test
    void aMalformedExportNamesFileLineAndColumnAndStoresNothing(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("comments.csv"), "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Hello\n2,1,0,1,World\n");
        Files.writeString(dir.resolve("votes.csv"), "timestamp,comment-id,voter-id,vote\n5,0,0,1\n6,1,0,yes\n");
        Path data = tmp.resolve("data");
        Run r = run("assembly", "import-polis", dir.toString(), "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("charter: " + dir + "/votes.csv, line 3, column vote: expected a whole number, found \"yes\"");
        assertThat(run("assembly", "list", "--data-dir", data.toString()).out()).isEmpty();
    }

    @Test
    void opinionWithPolissGroupsPrintsTheDocumentedJson() throws IOException {
        var dir = SharedData.path("polis-golden/25ptpt-3gp-no-strict-with-meta");
        Run r = run("opinion", dir.toString(), "--json", "--groups-from", dir.resolve("math-pca2.json").toString(), "--bootstrap", "0");
        assertThat(r.code()).as(r.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        for (String key : new String[] {"participants", "comments", "inConv", "pca", "groups", "repness", "consensus",
                "groupAwareConsensus", "priorities", "stability"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("participants").asInt()).isEqualTo(27);
        assertThat(json.get("groups")).hasSize(3);
        assertThat(json.get("repness").get("0").get(0).get("tid").asInt()).isEqualTo(52); // Polis's own choice
        assertThat(json.get("pca").get("commentExtremity").has("4")).isTrue();
    }

    @Test
    void benchOpinionTimesAFullMapAndUpdatesOfTheKeptOne(@TempDir Path tmp) {
        Run r = run("bench", "opinion", "--polis", tmp.resolve("none").toString(), "--participants", "3000", "--statements", "60",
                "--votes", "60000", "--planted-groups", "3", "--new-votes", "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(no Polis export at", "after each of 7 batches of 200 new votes", "PCA iterations")
                .containsPattern("against the planted groups 0\\.9|against the planted groups 1\\.0")
                .containsPattern("lowest adjusted Rand index (0\\.9|1\\.0)");
        assertThat(run("bench", "opinion", "--votes", "0").code()).isEqualTo(2);
    }

    @Test
    void opinionOfAStoredAssemblyAndItsErrors(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        long id = Long.parseLong(run("assembly", "import-polis", SharedData.polis("brexit-consensus").toString(),
                "--data-dir", data.toString()).lastLine());
        Run first = run("opinion", "assembly", Long.toString(id), "--data-dir", data.toString(), "--bootstrap", "5");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Groups:", "Consensus (agree):");
        Run second = run("opinion", "assembly", Long.toString(id), "--data-dir", data.toString(), "--bootstrap", "5",
                "--compare", SharedData.polis("brexit-consensus").resolve("participants-votes.csv").toString());
        assertThat(second.out()).contains("warm-started", "adjusted Rand index");
        assertThat(run("opinion", "assembly", "x", "--data-dir", data.toString()).code()).isEqualTo(2);
        assertThat(run("opinion", "assembly", "99", "--data-dir", data.toString()).err().strip()).isEqualTo("charter: assembly 99 does not exist");
        assertThat(run("opinion", tmp.resolve("nowhere").toString()).code()).isEqualTo(1);
        assertThat(run("opinion", tmp.toString(), "--imputation", "median").code()).isEqualTo(2);
    }

    @Test
    void axiomsOfACommitteeRuleAreThoseOfItsCommittees() {
        Run r = run("axioms", SharedData.path("abcvoting/instanceS0000.abc.yaml").toString(), "--rule", "pav");
        assertThat(r.code()).as(r.err()).isZero();
        // abcvoting lists two PAV committees for this instance; PAV satisfies EJR.
        assertThat(r.out()).contains("{0, 3, 5}", "{2, 3, 5}", "EJR holds");
        assertThat(run("axioms", SharedData.path("abcvoting/instanceS0000.abc.yaml").toString(), "--rule", "nope").code()).isEqualTo(2);
    }
}
