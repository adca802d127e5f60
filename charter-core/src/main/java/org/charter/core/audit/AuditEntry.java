package org.charter.core.audit;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One entry of an audit chain: its sequence number (from 0), when it was recorded (an ISO-8601 date-time with an
 * offset, as the caller gave it), the previous entry's hash (64 zeros for the first), the payload as canonical JSON
 * (see {@link CanonicalJson}) and its own hash (see {@link AuditChain#hashOf}). The record checks the shape of each
 * field; whether the hashes link up is {@link AuditChain#verify}'s job.
 */
public record AuditEntry(long seq, String at, String prev, String payload, String hash) {
    /** The previous hash of entry 0. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public AuditEntry {
        if (seq < 0) throw new IllegalArgumentException("seq: must be >= 0, got " + seq);
        if (at == null) throw new IllegalArgumentException("at: missing");
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at: not an ISO-8601 date-time with offset: \"" + at + "\"");
        }
        if (prev == null || !HEX64.matcher(prev).matches())
            throw new IllegalArgumentException("prev: not 64 lowercase hex digits");
        if (hash == null || !HEX64.matcher(hash).matches())
            throw new IllegalArgumentException("hash: not 64 lowercase hex digits");
        if (payload == null) throw new IllegalArgumentException("payload: missing");
        String canonical;
        try {
            canonical = CanonicalJson.canonicalise(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload: " + e.getMessage());
        }
        if (!canonical.equals(payload)) throw new IllegalArgumentException("payload: not in canonical form");
    }
}
