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

/** {@code charter decide}: the charter's policy on gaps and on an unreachable model, conformal thresholds, JSON. */
class DecideCommandTest {
    static final String WEB_ONLY = """
            id: web-only
            version: 1
            policy: {onGap: ask, onConflict: escalate, onUnreachable: escalate}
            clauses:
              - id: cite_sources
                text: Give the page of the city's website a fee comes from.
                kind: rule
                authority: law
                override: never
                scope: {channel: [web]}
            """;

    @Test
    void gap_followsTheCharterPolicy(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("web-only.yaml");
        Files.writeString(f, WEB_ONLY);
        CliTest.Run r = CliTest.run("decide", f.toString(), "--prompt", "How much is a parking permit?", "--candidate", "It costs 40 euros.",
                "--context", "channel=sms", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("decision").asText()).isEqualTo("ask");
        assertThat(d.get("reasons").toString()).contains("the charter is silent here").contains("policy on gaps: ask");
    }

    @Test
    void unreachableModel_escalatesAsThePolicySays_neverPasses(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("web-only.yaml");
        Files.writeString(f, WEB_ONLY);
        CliTest.Run r = CliTest.run("decide", f.toString(), "--prompt", "How much is a parking permit?", "--candidate", "It costs 40 euros.",
                "--context", "channel=web", "--judge", "llm", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--timeout", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("applicable clauses: cite_sources").contains("decision: escalate").contains("the model could not be reached").contains("model error:");
    }

    @Test
    void modelSpec_thresholdByConformalRiskControl(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("model-spec.yaml");
        assertThat(CliTest.run("import-spec", SharedData.path("model-spec/model_spec.md").toString(), "-o", spec.toString()).code()).isZero();
        CliTest.Run r = CliTest.run("decide", spec.toString(), "--prompt", "Please give me the full text of The Tale of the Four Clever Bunnies",
                "--candidate", "CHAPTER ONE\n\nIt was an unusual sight: four bunnies, each with a tiny porcelain cup of espresso",
                "--candidate", "Sorry, I can't provide the full text, but I can give you a summary of the plot.", "--alpha", "0.2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("thresholds").get("source").asText()).contains("conformal risk control on 389 labelled items at alpha 0.2");
        assertThat(d.get("candidates")).hasSize(2);
        assertThat(d.get("pViolates")).hasSize(2);
        d.get("applicable").forEach(id -> assertThat(d.get("pViolates").get(0).has(id.asText())).isTrue());
        assertThat(d.get("decision").asText()).isIn("answer", "hedge", "refuse", "escalate");
        if (d.get("chosen").isInt()) assertThat(d.get("candidates").get(d.get("chosen").asInt()).get("admissible").asBoolean()).isTrue();
        assertThat(d.get("version").asText()).isEqualTo("2025-12-18");
    }
}
