package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.charter.core.SharedData;
import org.charter.core.choice.Rules;
import org.charter.core.choice.SingleWinnerRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter vote} and {@code charter axioms}: output contracts, exit codes and one-line errors. */
class VoteCommandTest {
    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static String preflib(String name) {
        return SharedData.path("preflib/" + name).toString();
    }

    @Test
    void debian2002_jsonNamesBdaleGarbeeUnderBothConventions() throws IOException {
        for (String t : List.of("below", "incomparable")) {
            CliTest.Run r = run("vote", preflib("00002-00000001.soi"), "--rule", "schulze", "--rule", "split-cycle", "--rule", "irv", "--truncated", t, "--json");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode root = new ObjectMapper().readTree(r.out());
            assertThat(root.get("results")).hasSize(3);
            for (JsonNode result : root.get("results")) {
                assertThat(result.get("winners").toString()).isEqualTo("[\"Bdale Garbee\"]");
                assertThat(result.get("explanation").isObject()).isTrue();
            }
            assertThat(root.get("results").get(0).get("rule").asText()).isEqualTo("schulze");
            assertThat(root.get("results").get(2).get("explanation").get("rounds")).isNotEmpty();
        }
    }

    @Test
    void netflixAndDebian2010_textOutputNamesTheWinner() {
        CliTest.Run r = run("vote", preflib("00004-00000006.soc"), "--rule", "ranked-pairs");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ranked-pairs: winner The X-Files: Season 3").contains("locked");
        CliTest.Run d = run("vote", preflib("00002-00000006.toc"), "--rule", "copeland", "--json");
        assertThat(d.out()).contains("\"winners\":[\"Stefano Zacchiroli\"]");
    }

    @Test
    void listRulesShowsEveryRegisteredIdWithACitation() {
        CliTest.Run r = run("vote", "--list-rules");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        List<String> ids = new ArrayList<>();
        for (SingleWinnerRule rule : Rules.all()) ids.add(rule.id());
        assertThat(lines).hasSize(ids.size());
        assertThat(ids).containsExactly("plurality", "borda", "anti-plurality", "copeland", "llull", "minimax", "schulze", "ranked-pairs",
                "split-cycle", "stable-voting", "river", "kemeny-young", "irv", "irv-put", "coombs", "baldwin", "nanson", "weak-nanson",
                "bucklin", "condorcet", "smith-set", "schwartz-set", "top-cycle", "uncovered-set", "approval", "score", "star",
                "majority-judgment", "maximal-lottery", "random-dictator", "proportional-borda");
        for (int i = 0; i < ids.size(); i++) assertThat(lines.get(i)).startsWith(ids.get(i) + " ").endsWith("]");
    }

    @Test
    void jsonFilesForRankingsGradesAndApprovals(@TempDir Path tmp) throws IOException {
        Path ranked = tmp.resolve("e.json");
        Files.writeString(ranked, "{\"candidates\":[\"a\",\"b\",\"c\"],\"ballots\":[{\"ranking\":[[\"a\"],[\"b\",\"c\"]],\"count\":3},{\"ranking\":[[\"c\"],[\"b\"]],\"count\":2}]}");
        assertThat(run("vote", ranked.toString(), "--rule", "plurality", "--json").out()).contains("\"winners\":[\"a\"]");
        Path grades = tmp.resolve("g.json");
        Files.writeString(grades, "{\"candidates\":[\"a\",\"b\"],\"grades\":[{\"scores\":{\"a\":5,\"b\":0},\"count\":2},{\"scores\":{\"a\":0,\"b\":4},\"count\":3}]}");
        CliTest.Run g = run("vote", grades.toString(), "--rule", "score", "--rule", "star", "--rule", "majority-judgment", "--json");
        assertThat(g.code()).as(g.err()).isZero();
        // score: a 10, b 12; STAR runoff: a preferred by 2, b by 3; median grades: a 0, b 4.
        assertThat(g.out()).contains("{\"rule\":\"score\",\"winners\":[\"b\"]").contains("{\"rule\":\"star\",\"winners\":[\"b\"]")
                .contains("{\"rule\":\"majority-judgment\",\"winners\":[\"b\"]");
        Path approvals = tmp.resolve("a.json");
        Files.writeString(approvals, "{\"candidates\":[\"a\",\"b\"],\"approvals\":[{\"approved\":[\"a\"],\"weight\":\"3/2\"},{\"approved\":[\"a\",\"b\"]},{\"approved\":[\"b\"],\"weight\":1.5}]}");
        assertThat(run("vote", approvals.toString(), "--rule", "approval", "--json").out()).contains("\"winners\":[\"a\",\"b\"]");
    }

    @Test
    void usageErrorsExitTwo_failuresExitOne_withOneLine(@TempDir Path tmp) throws IOException {
        for (CliTest.Run r : new CliTest.Run[] {run("vote", preflib("00004-00000006.soc")), run("vote", preflib("00004-00000006.soc"), "--rule", "no-such"),
                run("vote", preflib("00004-00000006.soc"), "--rule", "irv", "--truncated", "sideways"), run("vote", "--rule", "irv"),
                run("vote", tmp.resolve("x.txt").toString(), "--rule", "irv"), run("axioms", preflib("00004-00000006.soc"))}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("charter: ");
        }
        Path bad = tmp.resolve("bad.soi");
        Files.writeString(bad, "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# NUMBER VOTERS: 2\n2: 1,3\n");
        CliTest.Run r = run("vote", bad.toString(), "--rule", "irv");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("charter: " + bad + ":5: unknown alternative 3 (alternatives are numbered 1..2)");
        CliTest.Run missing = run("vote", tmp.resolve("missing.soc").toString(), "--rule", "irv");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
        Path grades = tmp.resolve("g.json");
        Files.writeString(grades, "{\"candidates\":[\"a\"],\"grades\":[{\"scores\":{\"a\":1}}]}");
        CliTest.Run refused = run("vote", grades.toString(), "--rule", "schulze");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("charter: schulze refuses: it needs ranked ballots (PrefLib .soc/.soi/.toc/.toi or JSON \"ballots\"), got graded ballots");
    }

    @Test
    void axioms_bordaOnTheBordaCondorcetVector_reportsViolationsWithCounterexamples(@TempDir Path tmp) throws IOException {
        // pref_voting's minimal Borda Condorcet violation: 2 x (1,2,0), 1 x (2,0,1).
        Path f = tmp.resolve("borda.soc");
        Files.writeString(f, "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: x\n# ALTERNATIVE NAME 2: y\n# ALTERNATIVE NAME 3: z\n"
                + "# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 2\n2: 2,3,1\n1: 3,1,2\n");
        CliTest.Run r = run("axioms", f.toString(), "--rule", "borda", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("winners").toString()).isEqualTo("[\"y\",\"z\"]");
        JsonNode axioms = root.get("axioms");
        assertThat(axioms.get(0).get("axiom").asText()).isEqualTo("condorcet-winner");
        assertThat(axioms.get(0).get("status").asText()).isEqualTo("violated");
        assertThat(axioms.get(4).get("axiom").asText()).isEqualTo("majority");
        assertThat(axioms.get(4).get("status").asText()).isEqualTo("violated");
        CliTest.Run text = run("axioms", f.toString(), "--rule", "schulze");
        assertThat(text.out()).contains("condorcet-winner", "holds");
    }

    @Test
    void benchVoteRunsSmallAndPrintsEachRule() {
        CliTest.Run r = run("bench", "vote", "--ballots", "3000", "--candidates", "5", "--pool", "50", "--repeat", "1", "--warmup", "0", "--no-scaling");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3000 ballots (3000 lines) x 5 candidates", "schulze", "ranked-pairs", "split-cycle", "copeland", "irv");
        assertThat(run("bench", "vote", "--ballots", "0").code()).isEqualTo(2);
    }

    @Test
    void tiedWinnersShowTheResoluteTieBreak() throws IOException {
        CliTest.Run r = run("vote", preflib("00004-00000006.soc"), "--rule", "condorcet", "--json");
        JsonNode e = new ObjectMapper().readTree(r.out()).get("results").get(0).get("explanation");
        assertThat(e.get("resolute_winner").asText()).isEqualTo("The X-Files: Season 3");
        assertThat(e.get("resolute_tie_break").asText()).isEqualTo("lowest candidate index among the tied winners");
    }
}
