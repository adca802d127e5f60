package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter export dpo}: JSON lines in TRL's preference shapes, with provenance, and clear errors. */
class ExportCommandTest {
    @Test
    void dpo_standardAndConversational(@TempDir Path tmp) throws IOException {
        Path dir = CharterDocCommandsTest.copyExamples(tmp);
        Path child = dir.resolve("health-desk.yaml");
        Path out = tmp.resolve("pairs.jsonl");
        CliTest.Run r = CliTest.run("export", "dpo", child.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" pairs from ").contains("wrote " + out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = mapper.readTree(line);
            assertThat(row.get("prompt").isTextual()).isTrue();
            assertThat(row.get("chosen").asText()).isNotEqualTo(row.get("rejected").asText());
            assertThat(row.get("clause_ids")).hasSize(1);
            assertThat(row.get("charter_id").asText()).isEqualTo("city-health-desk");
            assertThat(row.get("charter_hash").asText()).startsWith("sha256:");
            assertThat(row.has("authority")).isTrue();
        }
        CliTest.Run conv = CliTest.run("export", "dpo", child.toString(), "--format", "conversational");
        assertThat(conv.code()).as(conv.err()).isZero();
        JsonNode first = mapper.readTree(conv.out().lines().findFirst().orElseThrow());
        assertThat(first.get("prompt").isArray()).isTrue();
        assertThat(first.get("prompt").get(0).has("role")).isTrue();
        assertThat(first.get("chosen").get(0).get("role").asText()).isEqualTo("assistant");
        assertThat(conv.out().lines().count()).isEqualTo(lines.size());
        assertThat(conv.err()).contains(" pairs from ");
    }

    @Test
    void dpo_badInput(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "id: x\nversion: 1\nclauses: [{id: a, text: t, kind: rule, authority: nobody, override: never}]\n");
        CliTest.Run r = CliTest.run("export", "dpo", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("clauses[0].authority: unknown authority 'nobody'");
        Path dir = CharterDocCommandsTest.copyExamples(tmp);
        CliTest.Run f = CliTest.run("export", "dpo", dir.resolve("city-helpdesk.yaml").toString(), "--format", "xml");
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains("--format must be standard or conversational");
    }
}
