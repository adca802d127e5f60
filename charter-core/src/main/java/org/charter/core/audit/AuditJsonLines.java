package org.charter.core.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit log's file format, JSON Lines: one entry per line, {@code {"seq":n,"at":"...","prev":"...","payload":...,
 * "hash":"..."}}, fields in that order, no whitespace, each line ended by {@code \n} (only {@code \n} separates lines),
 * UTF-8. A line must be exactly the text {@link #line} writes for the entry it holds, so every change to a byte is
 * either unparsable, not canonical, or a change of content that breaks the chain. No file I/O here: callers pass a
 * Reader.
 */
public final class AuditJsonLines {
    private AuditJsonLines() { }

    /** The line for {@code e}, without its {@code \n}. */
    public static String line(AuditEntry e) {
        return "{\"seq\":" + e.seq() + ",\"at\":" + CanonicalJson.write(CanonicalJson.MAPPER.getNodeFactory().textNode(e.at()))
                + ",\"prev\":\"" + e.prev() + "\",\"payload\":" + e.payload() + ",\"hash\":\"" + e.hash() + "\"}";
    }

    /** Reads one line (without its {@code \n}); the message of the exception says what is wrong with it. */
    public static AuditEntry parse(String line) {
        if (line.isEmpty()) throw new IllegalArgumentException("empty line");
        JsonNode node = CanonicalJson.parse(line);
        if (!(node instanceof ObjectNode o)) throw new IllegalArgumentException("not a JSON object");
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        if (!names.equals(java.util.List.of("seq", "at", "prev", "payload", "hash")))
            throw new IllegalArgumentException("fields must be seq, at, prev, payload, hash in that order, found " + names);
        JsonNode seq = o.get("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong()) throw new IllegalArgumentException("seq: not an integer");
        for (String f : new String[] {"at", "prev", "hash"})
            if (!o.get(f).isTextual()) throw new IllegalArgumentException(f + ": not a string");
        AuditEntry e = new AuditEntry(seq.longValue(), o.get("at").textValue(), o.get("prev").textValue(),
                CanonicalJson.canonicalise(o.get("payload")), o.get("hash").textValue());
        if (!line(e).equals(line)) throw new IllegalArgumentException("not in canonical form (whitespace, escapes, numbers or key order altered)");
        return e;
    }

    /** A reader that fails on bytes that are not UTF-8 instead of replacing them. */
    public static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * Verifies the log read from {@code in}, stopping at the first broken entry; {@code onEntry} sees every intact
     * entry in order (pass {@code e -> { }} to ignore them). A last line without its {@code \n} (an interrupted
     * write) and bytes that are not UTF-8 count as unparsable lines.
     */
    public static AuditChain.Verification verify(Reader in, Consumer<AuditEntry> onEntry) throws IOException {
        AuditChain.Verifier v = new AuditChain.Verifier();
        StringBuilder line = new StringBuilder();
        char[] buf = new char[8192];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (CharacterCodingException e) {
                v.unparsable("not valid UTF-8");
                return v.result();
            }
            if (n < 0) break;
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                AuditEntry e;
                try {
                    e = parse(line.toString());
                } catch (IllegalArgumentException bad) {
                    v.unparsable(bad.getMessage());
                    return v.result();
                }
                if (v.accept(e).isPresent()) return v.result();
                onEntry.accept(e);
                line.setLength(0);
            }
        }
        if (!line.isEmpty()) v.unparsable("last line has no newline (interrupted write?)");
        return v.result();
    }

    /** The verification as JSON: ok, entries, lastHash and, when broken, line, seq, problem and detail. */
    public static ObjectNode toJson(AuditChain.Verification v) {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("ok", v.ok());
        o.put("entries", v.entriesChecked());
        o.put("lastHash", v.lastHash());
        v.firstBreak().ifPresent(b -> {
            ObjectNode br = o.putObject("firstBreak");
            br.put("line", b.line());
            br.put(b.seqKnown() ? "seq" : "expectedSeq", b.seq());
            br.put("problem", b.problem().name());
            br.put("description", b.problem().description());
            br.put("detail", b.detail());
        });
        return o;
    }

}
