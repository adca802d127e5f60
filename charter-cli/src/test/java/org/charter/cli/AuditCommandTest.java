package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.charter.core.audit.AuditEntry;
import org.charter.store.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code charter audit verify|show}: an intact log, an altered payload, a deleted line, a malformed line, an empty file. */
class AuditCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    static List<AuditEntry> write(Path p, int n) {
        List<AuditEntry> out = new ArrayList<>();
        try (AuditLog log = AuditLog.open(p)) {
            for (int i = 0; i < n; i++) {
                ObjectNode o = M.createObjectNode();
                o.put("decision", i % 2 == 0 ? "answer" : "refuse").put("request", "req-" + i);
                out.add(log.append(Instant.parse("2026-11-28T03:00:00Z").plusSeconds(i), o));
            }
        }
        return out;
    }

    @Test
    void anIntactLogVerifies(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        List<AuditEntry> es = write(p, 4);
        CliTest.Run r = CliTest.run("audit", "verify", p.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("4 entries, chain intact, last hash " + es.get(3).hash());
        JsonNode j = M.readTree(CliTest.run("audit", "verify", p.toString(), "--json").out());
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("entries").asInt()).isEqualTo(4);
        assertThat(j.get("lastHash").asText()).isEqualTo(es.get(3).hash());
    }

    @Test
    void anAlteredPayloadIsReportedAtItsLine(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        write(p, 4);
        Files.writeString(p, Files.readString(p).replace("\"decision\":\"refuse\",\"request\":\"req-3\"",
                "\"decision\":\"answer\",\"request\":\"req-3\""));
        CliTest.Run r = CliTest.run("audit", "verify", p.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("charter: " + p + ": line 4 (entry seq 3): hash does not match the content (entry altered)");
        JsonNode j = M.readTree(CliTest.run("audit", "verify", p.toString(), "--json").out());
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("entries").asInt()).isEqualTo(3);
        assertThat(j.get("firstBreak").get("line").asInt()).isEqualTo(4);
        assertThat(j.get("firstBreak").get("problem").asText()).isEqualTo("HASH_MISMATCH");
    }

    @Test
    void aDeletedMiddleLineIsASequenceMismatch(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        write(p, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        lines.remove(2);
        Files.write(p, lines);
        CliTest.Run r = CliTest.run("audit", "verify", p.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("charter: " + p + ": line 3 (entry seq 3): wrong sequence number: expected 2, found 3");
    }

    @Test
    void aMalformedLineIsUnparsable(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        write(p, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(p, lines);
        CliTest.Run r = CliTest.run("audit", "verify", p.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("charter: " + p + ": line 2 (expected entry seq 1): unparsable line: not JSON");
        CliTest.Run show = CliTest.run("audit", "show", p.toString());
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out().strip().lines()).hasSize(1);
        assertThat(show.err()).contains("line 2");
    }

    @Test
    void anEmptyFileIsAnIntactEmptyLog_aMissingOneIsAnError(@TempDir Path dir) throws IOException {
        Path p = Files.createFile(dir.resolve("audit.jsonl"));
        CliTest.Run r = CliTest.run("audit", "verify", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("0 entries, chain intact (empty log)");
        CliTest.Run missing = CliTest.run("audit", "verify", dir.resolve("none.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("charter: no such file: " + dir.resolve("none.jsonl"));
    }

    @Test
    void aCheckpointDetectsATruncatedTail(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        List<AuditEntry> es = write(p, 4);
        String kept = es.get(3).hash();
        CliTest.Run r = CliTest.run("audit", "verify", p.toString(), "--checkpoint", es.get(2).hash());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("checkpoint at entry seq 2");
        List<String> lines = Files.readAllLines(p);
        Files.write(p, lines.subList(0, 3));
        assertThat(CliTest.run("audit", "verify", p.toString()).code()).as("a chain alone cannot see truncation").isZero();
        r = CliTest.run("audit", "verify", p.toString(), "--checkpoint", kept);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("is not in the chain (3 intact entries)");
        JsonNode j = M.readTree(CliTest.run("audit", "verify", p.toString(), "--checkpoint", kept, "--json").out());
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("checkpoint").get("seq").isNull()).isTrue();
        assertThat(CliTest.run("audit", "verify", p.toString(), "--checkpoint", "xyz").code()).isEqualTo(2);
    }

    @Test
    void showPrintsTheLastEntries(@TempDir Path dir) {
        Path p = dir.resolve("audit.jsonl");
        List<AuditEntry> es = write(p, 5);
        CliTest.Run r = CliTest.run("audit", "show", p.toString(), "--last", "2");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("3  2026-11-28T03:00:03Z  " + es.get(3).hash().substring(0, 12))
                .endsWith("{\"decision\":\"refuse\",\"request\":\"req-3\"}");
        assertThat(CliTest.run("audit", "show", p.toString(), "--last", "-1").code()).isEqualTo(2);
    }
}
