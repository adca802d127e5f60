package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter prefs fit | mixture | groups}: output, JSON, exit codes and one-line errors. */
class PrefsFitCommandTest {
    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static JsonNode json(CliTest.Run r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void fit_choixPairwiseCase_jsonAsTheIssueSpecifies(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "p.json", "{\"items\": 3, \"comparisons\": [[0, 1], [0, 1], [1, 2], [2, 0]]}");
        for (String algorithm : new String[] {"mm", "ilsr", "newton"}) {
            JsonNode doc = json(CliTest.run("prefs", "fit", f.toString(), "--model", "bt", "--algorithm", algorithm, "--json"));
            assertThat(doc.get("model").asText()).isEqualTo("bt");
            // choix's ml_est for this case (../shared/data/vectors/social-choice.json)
            assertThat(doc.get("strengths").get(0).asDouble()).isCloseTo(0.419617624, within(1e-4));
            assertThat(doc.get("strengths").get(1).asDouble()).isCloseTo(-0.419617624, within(1e-4));
            assertThat(doc.get("strengths").get(2).asDouble()).isCloseTo(0, within(1e-4));
            assertThat(doc.get("stderr")).hasSize(3);
            assertThat(doc.get("iterations").asInt()).isPositive();
            assertThat(doc.has("logLikelihood")).isTrue();
        }
    }

    @Test
    void fit_namesRankingsAndBootstrap_text(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "r.json", """
                {"items": ["tea", "coffee", "juice", "water"],
                 "rankings": [["tea", "coffee", "juice"], ["water", "juice", "tea"], ["coffee", "water"],
                              {"ranking": ["tea", "water", "coffee", "juice"], "count": 3}, ["juice", "tea"]]}
                """);
        CliTest.Run r = CliTest.run("prefs", "fit", f.toString(), "--bootstrap", "50", "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Plackett-Luce by mm: 4 items, 5 observations").contains("95% bootstrap interval").contains("tea");
        // the same seed gives the same intervals
        assertThat(CliTest.run("prefs", "fit", f.toString(), "--bootstrap", "50", "--seed", "3").out()).isEqualTo(r.out());
    }

    @Test
    void fit_alphaFollowsChoixsObjective(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "p.json", "{\"items\": 2, \"comparisons\": [[0, 1], [0, 1], [0, 1]]}");
        // 0 always wins: no maximum-likelihood estimate; with alpha the optimum solves 2 alpha t = 3 sigma(-2t) ... in t = theta_0 = -theta_1
        JsonNode doc = json(CliTest.run("prefs", "fit", f.toString(), "--alpha", "1", "--json"));
        double t = doc.get("strengths").get(0).asDouble();
        assertThat(doc.get("strengths").get(1).asDouble()).isCloseTo(-t, within(1e-9));
        // stationarity of alpha (t^2 + t^2) - 3 log sigma(2t): 4 alpha t = 6 sigma(-2t)
        assertThat(4 * t).isCloseTo(6 / (1 + Math.exp(2 * t)), within(1e-7));
        JsonNode auto = json(CliTest.run("prefs", "fit", f.toString(), "--json"));
        assertThat(auto.get("alpha").asDouble()).isEqualTo(0.01);
        assertThat(auto.get("notes").get(0).asText()).contains("item \"1\" is never chosen");
        CliTest.Run text = CliTest.run("prefs", "fit", f.toString());
        assertThat(text.out()).contains("note: The maximum-likelihood estimate does not exist");
    }

    @Test
    void fit_ties(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "t.json", """
                {"items": ["a", "b"], "comparisons": [{"winner": "a", "loser": "b", "count": 6}, {"winner": "b", "loser": "a", "count": 2}],
                 "ties": [{"items": ["a", "b"], "count": 4}]}
                """);
        CliTest.Run missing = CliTest.run("prefs", "fit", f.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("has 4 ties: choose --ties rao-kupper or --ties davidson");
        JsonNode doc = json(CliTest.run("prefs", "fit", f.toString(), "--ties", "davidson", "--json"));
        assertThat(doc.get("strengths").get(0).asDouble() - doc.get("strengths").get(1).asDouble()).isCloseTo(Math.log(3), within(1e-8));
        assertThat(doc.get("nu").asDouble()).isCloseTo(4 / Math.sqrt(12), within(1e-8));
    }

    @Test
    void badInput_namesFileAndField(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "bad.json", "{\"items\": [\"a\", \"b\"], \"comparisons\": [[\"a\", \"b\"], [\"a\", \"zz\"]]}");
        CliTest.Run r = CliTest.run("prefs", "fit", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json: comparisons[1][1]: unknown item \"zz\"").doesNotContain("Exception");
        Path self = write(tmp, "self.json", "{\"items\": 2, \"comparisons\": [{\"winner\": 1, \"loser\": 1}]}");
        assertThat(CliTest.run("prefs", "fit", self.toString()).err()).contains("self.json: comparisons[0]: an item compared with itself");
        Path syntax = write(tmp, "syntax.json", "{\"items\": 2,\n \"comparisons\": [[0, 1],, ]}");
        assertThat(CliTest.run("prefs", "fit", syntax.toString()).err()).contains("syntax.json: line 2: not valid JSON");
        Path wrongModel = write(tmp, "w.json", "{\"items\": 2, \"comparisons\": [[0, 1], [1, 0]]}");
        CliTest.Run m = CliTest.run("prefs", "fit", wrongModel.toString(), "--model", "pl");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("--model pl needs \"rankings\"");
        CliTest.Run ilsr = CliTest.run("prefs", "fit", wrongModel.toString(), "--algorithm", "ilsr", "--alpha", "0.1");
        assertThat(ilsr.code()).isEqualTo(2);
        assertThat(ilsr.err()).contains("without a penalty");
    }

    static String annotated() {
        // p0..p5 like a > b > c; q0..q5 like c > b > a
        StringBuilder s = new StringBuilder("{\"items\": [\"a\", \"b\", \"c\"], \"comparisons\": [");
        String[][] up = {{"a", "b"}, {"b", "c"}, {"a", "c"}};
        boolean first = true;
        for (int p = 0; p < 6; p++) {
            for (String[] pair : up) {
                for (int rep = 0; rep < 4; rep++) {
                    String winner = rep == 3 ? pair[1] : pair[0], loser = rep == 3 ? pair[0] : pair[1];
                    for (String who : new String[] {"p" + p, "q" + p}) {
                        boolean flip = who.startsWith("q");
                        s.append(first ? "" : ",").append("{\"winner\":\"").append(flip ? loser : winner).append("\",\"loser\":\"")
                                .append(flip ? winner : loser).append("\",\"annotator\":\"").append(who).append("\",\"group\":\"")
                                .append(flip ? "south" : "north").append("\"}");
                        first = false;
                    }
                }
            }
        }
        return s.append("]}").toString();
    }

    @Test
    void mixture_findsTheTwoGroups(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "m.json", annotated());
        JsonNode doc = json(CliTest.run("prefs", "mixture", f.toString(), "--k", "2", "--seed", "4", "--json"));
        assertThat(doc.get("k").asInt()).isEqualTo(2);
        JsonNode assignment = doc.get("assignment");
        int p = assignment.get("p0").asInt(), q = assignment.get("q0").asInt();
        assertThat(p).isNotEqualTo(q);
        for (int i = 0; i < 6; i++) {
            assertThat(assignment.get("p" + i).asInt()).isEqualTo(p);
            assertThat(assignment.get("q" + i).asInt()).isEqualTo(q);
        }
        JsonNode chosen = json(CliTest.run("prefs", "mixture", f.toString(), "--max-k", "3", "--seed", "4", "--json"));
        assertThat(chosen.get("selection")).hasSize(3);
        CliTest.Run text = CliTest.run("prefs", "mixture", f.toString(), "--k", "2", "--seed", "4");
        assertThat(text.out()).contains("2 group(s) of 12 annotators").contains("p0: group");
        Path unannotated = write(tmp, "u.json", "{\"items\": 2, \"comparisons\": [[0, 1], [1, 0]]}");
        CliTest.Run bad = CliTest.run("prefs", "mixture", unannotated.toString(), "--k", "2", "--seed", "1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("must name its \"annotator\"");
    }

    @Test
    void groups_welfareChoiceWithDistribution(@TempDir Path tmp) throws IOException {
        Path f = write(tmp, "g.json", annotated());
        JsonNode doc = json(CliTest.run("prefs", "groups", f.toString(), "--candidates", "a,b,c", "--swf", "egalitarian", "--swf", "utilitarian", "--json"));
        assertThat(doc.get("candidates")).hasSize(3);
        assertThat(doc.get("sizes").get("north").asInt()).isEqualTo(6);
        // opposite groups of equal size: the egalitarian choice is the compromise b
        assertThat(doc.get("results").get(0).get("best").get(0).asText()).isEqualTo("b");
        JsonNode north = doc.get("distribution").get("north");
        assertThat(north.get(0).asDouble() + north.get(1).asDouble() + north.get(2).asDouble()).isCloseTo(1, within(1e-9));
        assertThat(north.get(0).asDouble()).isGreaterThan(north.get(2).asDouble());
        CliTest.Run latent = CliTest.run("prefs", "groups", f.toString(), "--candidates", "a,b,c", "--latent", "2", "--seed", "4");
        assertThat(latent.code()).as(latent.err()).isZero();
        assertThat(latent.out()).contains("latent-0").contains("latent-1").contains("egalitarian: best b");
        CliTest.Run unknown = CliTest.run("prefs", "groups", f.toString(), "--candidates", "a,zz");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown item \"zz\"");
    }
}
