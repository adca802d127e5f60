package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter welfare} and {@code charter shapley}: output, JSON, exit codes and one-line errors. */
class WelfareCommandTest {
    static final String TABLE = """
            option,a,b,c
            A,10,1,1
            B,4,4,3
            C,3,3,5
            D,6,5,0
            E,3,3,3
            """;

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void help_listsBothCommands() {
        assertThat(CliTest.run("--help").out()).contains("welfare", "shapley");
        assertThat(CliTest.run("welfare", "--help").out()).contains("--swf", "--pareto", "#weights", "atkinson:EPS");
        assertThat(CliTest.run("shapley", "--help").out()).contains("--samples", "--seed", "weightedVoting");
    }

    @Test
    void welfare_textNamesTheBestOptionsAndEveryValue(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "u.csv", TABLE);
        CliTest.Run r = CliTest.run("welfare", f.toString(), "--swf", "egalitarian");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("best: B, C").contains("* B").contains("* C").contains("  D       0");
        CliTest.Run lex = CliTest.run("welfare", f.toString(), "--swf", "leximin", "--swf", "nash", "--pareto");
        assertThat(lex.code()).as(lex.err()).isZero();
        assertThat(lex.out()).contains("leximin (exact):", "best: B", "nash (exact):", "sorted [3, 4, 4]")
                .contains("Pareto frontier (no option is at least as good for every group and better for one): A, B, C, D")
                .contains("E is dominated by")
                .contains("says nothing about fairness");
    }

    @Test
    void welfare_jsonCarriesResultsAndTheFrontier(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "u.csv", TABLE);
        CliTest.Run r = CliTest.run("welfare", f.toString(), "--swf", "atkinson:2", "--swf", "utilitarian", "--pareto", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("results")).hasSize(2);
        JsonNode atkinson = doc.get("results").get(0);
        assertThat(atkinson.get("swf").asText()).isEqualTo("atkinson:2");
        assertThat(atkinson.get("best").get(0).asText()).isEqualTo("B");
        assertThat(atkinson.get("options").get(1).get("approx").asDouble()).isEqualTo(3.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(doc.get("results").get(1).get("best").get(0).asText()).isEqualTo("A");
        assertThat(doc.get("pareto").get("efficient")).hasSize(4);
        JsonNode e = doc.get("pareto").get("dominated").get(0);
        assertThat(e.get("option").asText()).isEqualTo("E");
        assertThat(e.get("witness").get("aBetter")).isNotEmpty();
    }

    @Test
    void welfare_usageErrorsExitTwo(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "u.csv", TABLE);
        for (CliTest.Run r : new CliTest.Run[] {CliTest.run("welfare", f.toString()), CliTest.run("welfare", f.toString(), "--swf", "rawls"),
                CliTest.run("welfare", f.toString(), "--swf", "atkinson:-2"), CliTest.run("welfare", "--swf", "nash")}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("charter: ");
        }
    }

    @Test
    void welfare_badFilesExitOneWithFileLineAndColumn(@TempDir Path tmp) throws IOException {
        Path bad = write(tmp, "bad.csv", "option,a,b\nx,1,2\ny,1,lots\n");
        CliTest.Run r = CliTest.run("welfare", bad.toString(), "--swf", "utilitarian");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("charter: " + bad + ", line 3, column b (3): expected a utility such as 3, -3/4 or 0.25, found \"lots\"");
        Path negative = write(tmp, "neg.csv", "option,a\nx,-1\n");
        CliTest.Run nash = CliTest.run("welfare", negative.toString(), "--swf", "nash");
        assertThat(nash.code()).isEqualTo(1);
        assertThat(nash.err()).startsWith("charter: " + negative + ": Nash welfare needs non-negative utilities");
        CliTest.Run missing = CliTest.run("welfare", tmp.resolve("nope.csv").toString(), "--swf", "nash");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file").contains("nope.csv");
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "option,a\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        CliTest.Run enc = CliTest.run("welfare", latin1.toString(), "--swf", "nash");
        assertThat(enc.code()).isEqualTo(1);
        assertThat(enc.err().strip()).isEqualTo("charter: " + latin1 + ": not UTF-8 text");
        for (CliTest.Run x : new CliTest.Run[] {r, nash, missing, enc}) assertThat(x.err().strip().lines()).hasSize(1);
    }

    @Test
    void shapley_exactSampledAndJson(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "g.json", "{\"players\": [\"big\", \"mid\", \"small\"], \"weightedVoting\": {\"quota\": 51, \"weights\": [50, 49, 1]}}");
        CliTest.Run exact = CliTest.run("shapley", f.toString());
        assertThat(exact.code()).as(exact.err()).isZero();
        assertThat(exact.out()).contains("exact").contains("big     2/3").contains("small   1/6").contains("sum = 1");
        CliTest.Run sampled = CliTest.run("shapley", f.toString(), "--samples", "5000", "--seed", "3", "--json");
        assertThat(sampled.code()).as(sampled.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(sampled.out());
        assertThat(doc.get("result").get("samples").asLong()).isEqualTo(5000);
        assertThat(doc.get("result").get("seed").asLong()).isEqualTo(3);
        JsonNode big = doc.get("result").get("players").get(0);
        assertThat(big.get("approx").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(5 * big.get("standardError").asDouble()));
        assertThat(CliTest.run("shapley", f.toString(), "--samples", "5000", "--seed", "3", "--json").out()).isEqualTo(sampled.out());
    }

    @Test
    void shapley_errors(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "g.json", "{\"players\": [\"a\", \"b\"],\n \"values\": {\"a\": 1, \"b\": 1, \"a,b\": 3, \"c\": 1}}");
        CliTest.Run bad = CliTest.run("shapley", f.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("charter: " + f + ", line 2, field values.\"c\": \"c\" is not one of the players");
        StringBuilder players = new StringBuilder(), weights = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            players.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
            weights.append(i == 0 ? "" : ",").append(i + 1);
        }
        Path airport = write(tmp, "airport.json", "{\"players\": [" + players + "], \"airport\": {\"costs\": [" + weights + "]}}");
        CliTest.Run refused = CliTest.run("shapley", airport.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("25 players is above the limit of 20").contains("--samples");
        assertThat(refused.err().strip().lines()).hasSize(1);
        CliTest.Run sampled = CliTest.run("shapley", airport.toString(), "--samples", "100");
        assertThat(sampled.code()).as(sampled.err()).isZero();
        assertThat(sampled.out()).contains("seed 0");
        // A weighted voting game of 25 players is still exact: swings are counted.
        Path voting = write(tmp, "voting.json", "{\"players\": [" + players + "], \"weightedVoting\": {\"quota\": 163, \"weights\": [" + weights + "]}}");
        CliTest.Run counted = CliTest.run("shapley", voting.toString());
        assertThat(counted.code()).as(counted.err()).isZero();
        assertThat(counted.out()).contains("counting swings").contains("sum = 1");
        assertThat(CliTest.run("shapley", f.toString(), "--seed", "1").code()).isEqualTo(2);
        assertThat(CliTest.run("shapley", f.toString(), "--samples", "1").code()).isEqualTo(2);
    }
}
