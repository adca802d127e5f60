package org.charter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.charter.core.audit.AuditChain.Problem;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hash chain of Haber and Stornetta (1991) over decisions: links, canonical payloads, and tamper detection. */
class AuditChainTest {
    private static final ObjectMapper M = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<AuditEntry> chain(String... payloads) {
        List<AuditEntry> out = new ArrayList<>();
        AuditEntry prev = null;
        for (int i = 0; i < payloads.length; i++) {
            prev = AuditChain.append(prev, "2026-01-01T00:00:0" + i + "Z", json(payloads[i]));
            out.add(prev);
        }
        return out;
    }

    static String text(List<AuditEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (AuditEntry e : entries) sb.append(AuditJsonLines.line(e)).append('\n');
        return sb.toString();
    }

    static AuditChain.Verification verifyText(String s) throws IOException {
        return AuditJsonLines.verify(new StringReader(s), e -> { });
    }

    @Test
    void firstEntryHashIsSha256OfTheCanonicalArray_checkedWithSha256sum() {
        // printf '%s' '[0,"2026-01-01T00:00:00Z","000...0",{"a":1,"b":[true,null,"x"]}]' | sha256sum
        AuditEntry e = AuditChain.append(null, "2026-01-01T00:00:00Z", json("{\"b\": [true, null, \"x\"], \"a\": 1}"));
        assertThat(e.seq()).isZero();
        assertThat(e.prev()).isEqualTo("0".repeat(64));
        assertThat(e.payload()).isEqualTo("{\"a\":1,\"b\":[true,null,\"x\"]}");
        assertThat(e.hash()).isEqualTo("10268f5914dcf386bcb77bbedc1e9f5d72323aa75efd0022068cd1771e8d53c5");
        assertThat(AuditJsonLines.line(e)).isEqualTo("{\"seq\":0,\"at\":\"2026-01-01T00:00:00Z\",\"prev\":\"" + "0".repeat(64)
                + "\",\"payload\":{\"a\":1,\"b\":[true,null,\"x\"]},\"hash\":\"" + e.hash() + "\"}");
    }

    @Test
    void sameContentInAnyKeyOrderHashesTheSame() {
        ObjectNode a = M.createObjectNode();
        a.put("z", 1).putObject("m").put("y", 2.5).put("x", "s");
        ObjectNode b = M.createObjectNode();
        b.putObject("m").put("x", "s").put("y", new BigDecimal("2.5"));
        b.put("z", 1);
        assertThat(AuditChain.append(null, "2026-01-01T00:00:00Z", a).hash())
                .isEqualTo(AuditChain.append(null, "2026-01-01T00:00:00Z", b).hash());
        assertThat(CanonicalJson.canonicalise(a)).isEqualTo("{\"m\":{\"x\":\"s\",\"y\":2.5},\"z\":1}");
    }

    @Test
    void entriesLinkToTheirPredecessor_andAnIntactChainVerifies() {
        List<AuditEntry> c = chain("{\"decision\":\"answer\"}", "{\"decision\":\"refuse\"}", "[1,2,3]", "\"plain\"");
        for (int i = 1; i < c.size(); i++) {
            assertThat(c.get(i).seq()).isEqualTo(i);
            assertThat(c.get(i).prev()).isEqualTo(c.get(i - 1).hash());
        }
        AuditChain.Verification v = AuditChain.verify(c);
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(4);
        assertThat(v.lastHash()).isEqualTo(c.get(3).hash());
        assertThat(AuditChain.verify(List.of()).ok()).isTrue();
    }

    @Test
    void alteredPayloadIsAHashMismatchAtThatEntry() {
        List<AuditEntry> c = new ArrayList<>(chain("{\"d\":\"answer\"}", "{\"d\":\"refuse\"}", "{\"d\":\"hedge\"}"));
        AuditEntry e = c.get(1);
        c.set(1, new AuditEntry(e.seq(), e.at(), e.prev(), "{\"d\":\"answer\"}", e.hash()));
        AuditChain.Break b = AuditChain.verify(c).firstBreak().orElseThrow();
        assertThat(b.line()).isEqualTo(2);
        assertThat(b.seq()).isEqualTo(1);
        assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(AuditChain.verify(c).entriesChecked()).isEqualTo(1);
    }

    @Test
    void deletedMiddleEntryIsAWrongSequence_andRenumberingItIsAPreviousHashMismatch() {
        List<AuditEntry> c = new ArrayList<>(chain("{\"n\":0}", "{\"n\":1}", "{\"n\":2}"));
        c.remove(1);
        AuditChain.Break b = AuditChain.verify(c).firstBreak().orElseThrow();
        assertThat(b.line()).isEqualTo(2);
        assertThat(b.problem()).isEqualTo(Problem.WRONG_SEQUENCE);
        AuditEntry e = c.get(1);
        String rehashed = AuditChain.hashOf(1, e.at(), e.prev(), e.payload());
        c.set(1, new AuditEntry(1, e.at(), e.prev(), e.payload(), rehashed));
        b = AuditChain.verify(c).firstBreak().orElseThrow();
        assertThat(b.problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
        assertThat(b.describe()).startsWith("line 2 (entry seq 1): previous hash does not match");
    }

    @Test
    void linesThatAreNotCanonicalOrNotEntriesAreUnparsable() throws IOException {
        String good = text(chain("{\"a\":1}", "{\"a\":2}"));
        String spaced = good.replaceFirst("\"a\":2", "\"a\": 2");
        AuditChain.Break b = verifyText(spaced).firstBreak().orElseThrow();
        assertThat(b.line()).isEqualTo(2);
        assertThat(b.problem()).isEqualTo(Problem.UNPARSABLE_LINE);
        assertThat(b.detail()).contains("canonical");
        assertThat(verifyText(good + "not json\n").firstBreak().orElseThrow().line()).isEqualTo(3);
        assertThat(verifyText(good.substring(0, good.length() - 1)).firstBreak().orElseThrow().detail()).contains("no newline");
        assertThat(verifyText(good.replace("\n", "\r\n")).ok()).isFalse();
        assertThat(verifyText("").ok()).isTrue();
        assertThat(verifyText("").entriesChecked()).isZero();
    }

    @Test
    void timestampsMustBeIsoDateTimesWithAnOffset() {
        assertThatThrownBy(() -> AuditChain.append(null, "yesterday", json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at:");
        assertThatThrownBy(() -> AuditChain.append(null, "2026-01-01T00:00:00", json("{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditChain.append(null, "2026-01-01T01:00:00+01:00", json("{}")).at()).isEqualTo("2026-01-01T01:00:00+01:00");
    }

    // ---- properties ----

    @Provide
    Arbitrary<List<String>> payloads() {
        Arbitrary<String> str = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n', '"', '\\', '€').ofMaxLength(12);
        Arbitrary<String> obj = Combinators.combine(str, Arbitraries.integers(), Arbitraries.doubles().between(-1e6, 1e6),
                        Arbitraries.of(true, false))
                .as((s, i, d, t) -> {
                    ObjectNode o = M.createObjectNode();
                    o.put("text", s).put("n", i).put("p", d).put("ok", t);
                    o.putArray("clauses").add(s).add(i);
                    return o.toString();
                });
        return obj.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void anySingleByteChangeIsDetectedAtOrBeforeItsLine(@ForAll("payloads") List<String> payloads,
            @ForAll double where, @ForAll byte replacement) throws IOException {
        String text = text(chain(payloads.toArray(String[]::new)));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int pos = (int) Math.min(bytes.length - 1, Math.floor(Math.abs(where) % 1.0 * bytes.length));
        if (bytes[pos] == replacement) replacement = (byte) (replacement + 1);
        int line = 1;
        for (int i = 0; i < pos; i++) if (bytes[i] == '\n') line++;
        bytes[pos] = replacement;
        AuditChain.Verification v = AuditJsonLines.verify(
                AuditJsonLines.strictUtf8(new ByteArrayInputStream(bytes)), e -> { });
        assertThat(v.ok()).as("byte %d of %s", pos, text).isFalse();
        assertThat(v.firstBreak().orElseThrow().line()).isLessThanOrEqualTo(line);
    }

    @Property(tries = 200)
    void canonicalisingIsIdempotent_andTheWrittenLogVerifies(@ForAll("payloads") List<String> payloads) throws IOException {
        for (String p : payloads) {
            String c = CanonicalJson.canonicalise(p);
            assertThat(CanonicalJson.canonicalise(c)).isEqualTo(c);
        }
        List<AuditEntry> c = chain(payloads.toArray(String[]::new));
        AuditChain.Verification v = verifyText(text(c));
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(payloads.size());
    }
}
