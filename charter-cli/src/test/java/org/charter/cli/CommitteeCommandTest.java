package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter committee}: the JSON contract, the three input formats, axioms, and exit codes. */
class CommitteeCommandTest {
    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    static String instanceS() {
        return SharedData.path("abcvoting/instanceS0000.abc.yaml").toString();
    }

    @Test
    void abcYaml_json_pavAndSeqPhragmen_matchAbcvoting() throws IOException {
        var r = run("committee", instanceS(), "--rule", "pav", "--rule", "seq-phragmen", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode results = root.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("rule").asText()).isEqualTo("pav");
        assertThat(results.get(0).get("committees").toString()).isEqualTo("[[\"0\",\"3\",\"5\"],[\"2\",\"3\",\"5\"]]");
        assertThat(results.get(0).get("explanation").get("optimalScore").asText()).isEqualTo("65/6");
        assertThat(results.get(1).get("rule").asText()).isEqualTo("seq-phragmen");
        assertThat(results.get(1).get("explanation").get("rounds")).hasSize(3);
    }

    @Test
    void jsonApprovals_namesInOutput_resolute_andAxiomsWithCounterexample(@TempDir Path dir) throws IOException {
        // Aziz et al. 2017: committee {c0..c3} (AV's tie-broken choice is not this; check the axioms via a rule that picks it)
        Path f = dir.resolve("aziz.json");
        Files.writeString(f, """
                {"candidates": ["a", "b", "c", "d", "e", "f"],
                 "approvals": [[0], [1], [2], [3], [0, 4, 5], [1, 4, 5], [2, 4, 5], [3, 4, 5]]}
                """);
        var r = run("committee", f.toString(), "--rule", "pav", "--size", "4", "--resolute", "--json", "--axioms");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode res = new ObjectMapper().readTree(r.out()).get("results").get(0);
        assertThat(res.get("committees")).hasSize(1);
        assertThat(res.get("committees").get(0).toString()).contains("\"e\"", "\"f\"");
        JsonNode axioms = res.get("axioms").get(0).get("axioms");
        assertThat(axioms).hasSize(4);
        for (JsonNode a : axioms) assertThat(a.get("holds").asBoolean()).as(a.toString()).isTrue();

        var text = run("committee", f.toString(), "--rule", "cc", "--size", "4", "--axioms");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("cc (irresolute)", "{a, b, c, d}", "EJR fails (voters [4, 5, 6, 7] approve [e, f]");
    }

    @Test
    void preflibCat_isReadWithAlternativeNames(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tiny.cat");
        Files.writeString(f, """
                # FILE NAME: tiny.cat
                # NUMBER ALTERNATIVES: 3
                # NUMBER VOTERS: 4
                # NUMBER UNIQUE PREFERENCES: 2
                # NUMBER CATEGORIES: 2
                # CATEGORY NAME 1: Yes
                # CATEGORY NAME 2: No
                # ALTERNATIVE NAME 1: Alice
                # ALTERNATIVE NAME 2: Bob
                # ALTERNATIVE NAME 3: Carol
                3: {1,2},{3}
                1: {3},{1,2}
                """);
        var r = run("committee", f.toString(), "--rule", "av", "--size", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("results").get(0).get("committees").toString())
                .isEqualTo("[[\"Alice\"],[\"Bob\"]]");
        var bad = run("committee", f.toString().replace("tiny", "missing"), "--rule", "av", "--size", "1");
        assertThat(bad.code()).isEqualTo(1);
        Files.writeString(f, Files.readString(f).replace("1: {3},{1,2}", "1: {3},{1,4}"));
        var broken = run("committee", f.toString(), "--rule", "av", "--size", "1");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err().strip()).isEqualTo("charter: tiny.cat:12: unknown alternative 4 (NUMBER ALTERNATIVES: 3)");
    }

    @Test
    void listRules_namesEveryRuleWithCitation() {
        var r = run("committee", "--list-rules");
        assertThat(r.code()).isZero();
        for (String id : new String[] {"av", "sav", "pav", "seq-pav", "revseq-pav", "cc", "seq-cc", "monroe", "greedy-monroe",
                "seq-phragmen", "minimax-phragmen", "equal-shares", "equal-shares-no-completion"}) {
            assertThat(r.out()).containsPattern("(?m)^" + id + " +\\S.*\\[.+\\]$");
        }
    }

    @Test
    void usageErrors_exitTwoWithOneLine() {
        for (var r : new CliTest.Run[] {run("committee", instanceS(), "--rule", "borda"), run("committee", instanceS(), "--rule", "pav", "--size", "0"),
                run("committee", instanceS(), "--rule", "pav", "--size", "7"), run("committee", instanceS()),
                run("committee", instanceS(), "--rule", "greedy-monroe"), run("committee", "profile.txt", "--rule", "av", "--size", "1")}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("charter: committee: ");
        }
        assertThat(run("committee", instanceS(), "--rule", "greedy-monroe", "--resolute").code()).isZero();
    }

    @Test
    void refusalBeyondTheExactLimit_exitOneWithReason(@TempDir Path dir) throws IOException {
        var sb = new StringBuilder("{\"candidates\": 40, \"approvals\": [");
        for (int v = 0; v < 40; v++) sb.append(v == 0 ? "" : ",").append("[").append(v).append("]");
        Files.writeString(dir.resolve("big.json"), sb.append("]}").toString());
        var r = run("committee", dir.resolve("big.json").toString(), "--rule", "monroe", "--size", "20");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("monroe: exact Monroe enumerates all C(m, k)").contains("more than the limit");
    }

    @Test
    void axiomBeyondItsExactLimit_isReportedUndecided_andTheOthersStillChecked(@TempDir Path dir) throws IOException {
        var sb = new StringBuilder("{\"candidates\": 50, \"approvals\": [");
        for (int v = 0; v < 1000; v++) sb.append(v == 0 ? "" : ",").append("[").append(v % 50).append("]");
        Files.writeString(dir.resolve("many.json"), sb.append("]}").toString());
        var r = run("committee", dir.resolve("many.json").toString(), "--rule", "av", "--size", "10", "--resolute", "--axioms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("JR holds", "PJR holds", "EJR holds", "PRICEABILITY undecided (the exact LP has");
    }
}
