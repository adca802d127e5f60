package org.charter.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.charter.core.audit.AuditChain;
import org.charter.core.audit.AuditEntry;
import org.charter.core.audit.AuditJsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The audit log file: continues its chain across reopenings, serialises concurrent appends, refuses broken chains. */
class AuditLogTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    static ObjectNode decision(String d, int i) {
        ObjectNode o = M.createObjectNode();
        o.put("decision", d).put("request", i);
        return o;
    }

    static AuditChain.Verification verify(Path p) throws IOException {
        try (Reader r = AuditJsonLines.strictUtf8(Files.newInputStream(p))) {
            return AuditJsonLines.verify(r, e -> { });
        }
    }

    @Test
    void appendsContinueTheChainAfterReopening(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        AuditEntry first;
        try (AuditLog log = AuditLog.open(p)) {
            assertThat(log.last()).isEmpty();
            first = log.append(T0, decision("answer", 1));
            log.append(T0.plusSeconds(1), decision("refuse", 2));
        }
        try (AuditLog log = AuditLog.open(p)) {
            assertThat(log.last().orElseThrow().seq()).isEqualTo(1);
            AuditEntry third = log.append(T0.plusSeconds(2), decision("escalate", 3));
            assertThat(third.seq()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(AuditJsonLines.line(first));
        assertThat(lines.get(0)).contains("\"at\":\"2026-11-28T03:00:00Z\"");
        AuditChain.Verification v = verify(p);
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(3);
    }

    @Test
    void concurrentAppendsFormOneIntactChain(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(p)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<AuditEntry>> fs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> log.append(T0.plusMillis(n), decision("answer", n))));
                }
                for (Future<AuditEntry> f : fs) f.get();
            } finally {
                pool.shutdown();
            }
            assertThat(log.last().orElseThrow().seq()).isEqualTo(199);
            // Group commit: overlapping callers may share a force; never more forces than appends.
            assertThat(log.forces()).isBetween(1L, 200L);
        }
        AuditChain.Verification v = verify(p);
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(200);
    }

    @Test
    void refusesToAppendToABrokenChain_andSaysWhere(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(p)) {
            for (int i = 0; i < 3; i++) log.append(T0, decision("answer", i));
            assertThat(log.forces()).as("one caller at a time: one force per entry").isEqualTo(3);
        }
        Files.writeString(p, Files.readString(p).replace("\"request\":1", "\"request\":7"));
        assertThatThrownBy(() -> AuditLog.open(p))
                .isInstanceOf(AuditLogException.class)
                .hasMessageContaining("line 2 (entry seq 1)")
                .hasMessageContaining("entry altered")
                .hasMessageContaining("refusing to append");
    }

    @Test
    void refusesAnInterruptedLastLine_andASecondWriter(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(p)) {
            log.append(T0, decision("answer", 0));
            assertThatThrownBy(() -> AuditLog.open(p)).isInstanceOf(AuditLogException.class)
                    .hasMessageContaining("already open");
            log.close();
            assertThatThrownBy(() -> log.append(T0, decision("answer", 1))).isInstanceOf(IllegalStateException.class);
        }
        Files.writeString(p, "{\"seq\":1,\"at\"", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditLog.open(p)).isInstanceOf(AuditLogException.class)
                .hasMessageContaining("line 2").hasMessageContaining("no newline");
    }
}
