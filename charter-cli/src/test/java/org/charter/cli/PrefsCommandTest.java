package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter prefs eval-hh}: the real HH-RLHF file end to end, exit codes and one-line errors. */
class PrefsCommandTest {
    static String pair(String prompt, String chosen, String rejected) {
        String p = "\\n\\nHuman: " + prompt + "\\n\\nAssistant: ";
        return "{\"chosen\": \"" + p + chosen + "\", \"rejected\": \"" + p + rejected + "\"}\n";
    }

    static Path gzip(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void help_saysNothingIsTunedOnTheTestSplit() {
        assertThat(CliTest.run("--help").out()).contains("prefs");
        assertThat(CliTest.run("prefs", "--help").out()).contains("Learn rewards from comparisons.", "eval-hh");
        assertThat(CliTest.run("prefs", "eval-hh", "--help").out())
                .contains("--train-fraction", "--seed", "--bits", "--json", "validation", "No hyper-parameter is tuned on the test");
    }

    @Test
    void evalHh_harmlessBaseTest_json() throws IOException {
        Path file = SharedData.path("hh-rlhf/harmless-base-test.jsonl.gz");
        CliTest.Run r = CliTest.run("prefs", "eval-hh", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode result = doc.get("result");
        assertThat(result.get("pairsRead").asInt()).isEqualTo(2312);
        assertThat(result.get("identicalExcluded").asInt()).isZero();
        int train = result.get("trainPairs").asInt(), validation = result.get("validationPairs").asInt(), test = result.get("testPairs").asInt();
        assertThat(train + validation + test).isEqualTo(2312);
        assertThat(test).isEqualTo(2312 - 1850);
        assertThat(validation).isEqualTo(278); // 15% of the 1,850 training pairs
        JsonNode accuracy = result.get("accuracy");
        assertThat(accuracy.get("n").asInt()).isEqualTo(test);
        assertThat(accuracy.get("lower").asDouble()).isLessThan(accuracy.get("estimate").asDouble());
        assertThat(accuracy.get("upper").asDouble()).isGreaterThan(accuracy.get("estimate").asDouble());
        assertThat(result.get("calibration").get("ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("calibration").get("bins").asInt()).isEqualTo(15);
        assertThat(result.get("calibration").get("brier").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("calibration").get("logLoss").asDouble()).isPositive();
        JsonNode baselines = result.get("baselines");
        assertThat(baselines.get(0).get("name").asText()).isEqualTo("shorter");
        assertThat(baselines.get(1).get("name").asText()).isEqualTo("longer");
        // With ties counted one half, the two length rules' accuracies add up to exactly 1.
        assertThat(baselines.get(0).get("accuracy").get("estimate").asDouble() + baselines.get(1).get("accuracy").get("estimate").asDouble())
                .isCloseTo(1, within(1e-12));
        assertThat(result.get("training").get("epochsRun").asInt()).isPositive();
        assertThat(result.get("l2Trials")).hasSize(4);
        assertThat(doc.get("seed").asLong()).isEqualTo(1);
        assertThat(doc.get("seconds").asDouble()).isPositive();
    }

    @Test
    void evalHh_plainTextFile_printsTheFigures(@TempDir Path tmp) throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < 12; i++) text.append(pair("question " + i, "I can't help with that " + i, "Sure, here is how " + i));
        text.append(pair("same", "identical", "identical"));
        Path f = tmp.resolve("small.jsonl");
        Files.writeString(f, text);
        CliTest.Run r = CliTest.run("prefs", "eval-hh", f.toString(), "--seed", "3", "--bits", "12");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("13 pairs (1 with identical responses left out)", "held-out pairwise accuracy:", "ECE", "Brier", "log-loss",
                "baseline shorter:", "baseline longer:", "2^12 dims", "time:");
    }

    @Test
    void evalHh_errorsNameTheFileAndLine(@TempDir Path tmp) throws IOException {
        CliTest.Run missing = CliTest.run("prefs", "eval-hh", tmp.resolve("nope.jsonl.gz").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("charter: no such file: ").contains("nope.jsonl.gz");

        Path bad = gzip(tmp, "bad.jsonl.gz", pair("a", "b", "c") + pair("d", "e", "f") + "{\"chosen\": \"x\", \"rejected\": 3}\n");
        CliTest.Run malformed = CliTest.run("prefs", "eval-hh", bad.toString());
        assertThat(malformed.code()).isEqualTo(1);
        assertThat(malformed.err().strip()).isEqualTo("charter: " + bad + ", line 3: field \"rejected\" is not a string");

        Path notJson = gzip(tmp, "notjson.jsonl.gz", pair("a", "b", "c") + "chosen,rejected\n");
        CliTest.Run r = CliTest.run("prefs", "eval-hh", notJson.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("notjson.jsonl.gz, line 2: not JSON");
        assertThat(r.err().strip().lines()).hasSize(1);

        Path latin1 = tmp.resolve("latin1.jsonl");
        Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', '}', '\n'});
        CliTest.Run enc = CliTest.run("prefs", "eval-hh", latin1.toString());
        assertThat(enc.code()).isEqualTo(1);
        assertThat(enc.err()).contains("latin1.jsonl, line 1: not UTF-8 text");
    }

    @Test
    void evalHh_usageErrorsExitTwo(@TempDir Path tmp) throws IOException {
        Path f = gzip(tmp, "x.jsonl.gz", pair("a", "b", "c"));
        for (CliTest.Run r : new CliTest.Run[] {CliTest.run("prefs", "eval-hh", f.toString(), "--train-fraction", "1"),
                CliTest.run("prefs", "eval-hh", f.toString(), "--bits", "31"), CliTest.run("prefs", "eval-hh"), CliTest.run("prefs")}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("charter: ");
            assertThat(r.err().strip().lines()).hasSize(1);
        }
    }
}
