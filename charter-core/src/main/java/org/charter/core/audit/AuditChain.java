package org.charter.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A linear hash chain of audit entries: each entry's hash covers its sequence number, timestamp, the previous entry's
 * hash and its payload, so changing, inserting, reordering or removing an entry breaks the chain at that entry.
 *
 * <pre>
 * [1] S. Haber, W. S. Stornetta, "How to time-stamp a digital document", Journal of Cryptology 3(2):99-111, 1991
 *     (linked time-stamping: the hash chain).
 * [2] B. Laurie, A. Langley, E. Kasper, "Certificate Transparency", RFC 6962, 2013 (context: an append-only log;
 *     CT uses a Merkle tree with signed heads and proofs, this is a linear chain without either).
 * </pre>
 *
 * The hash is SHA-256, in lowercase hex, over the UTF-8 bytes of the canonical JSON array
 * {@code [seq,"at","prev",payload]} (payload as canonical JSON); JSON encoding makes the concatenation unambiguous.
 * A chain detects any change to the entries it is given; it cannot tell that entries were cut off its end unless the
 * last hash is compared with a copy kept elsewhere.
 */
public final class AuditChain {
    private AuditChain() { }

    /** The entry that follows {@code previous} (or the first entry when it is null). */
    public static AuditEntry append(AuditEntry previous, String at, JsonNode payload) {
        long seq = previous == null ? 0 : previous.seq() + 1;
        String prev = previous == null ? AuditEntry.GENESIS : previous.hash();
        String canonical = CanonicalJson.canonicalise(payload);
        return new AuditEntry(seq, at, prev, canonical, hashOf(seq, at, prev, canonical));
    }

    /** SHA-256 hex of {@code [seq,"at","prev",payload]} with {@code payload} already canonical JSON text. */
    public static String hashOf(long seq, String at, String prev, String canonicalPayload) {
        String text = "[" + seq + "," + CanonicalJson.write(CanonicalJson.MAPPER.getNodeFactory().textNode(at)) + ",\""
                + prev + "\"," + canonicalPayload + "]";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Checks the entries in order; line numbers in the result are list positions from 1. */
    public static Verification verify(List<AuditEntry> entries) {
        Verifier v = new Verifier();
        for (AuditEntry e : entries) if (v.accept(e).isPresent()) break;
        return v.result();
    }

    /** What was wrong with the first broken entry. */
    public enum Problem {
        WRONG_SEQUENCE("wrong sequence number"),
        PREVIOUS_HASH_MISMATCH("previous hash does not match the hash of the entry before (entry removed, inserted or reordered)"),
        HASH_MISMATCH("hash does not match the content (entry altered)"),
        UNPARSABLE_LINE("unparsable line");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The first broken entry: its line (from 1), the sequence number it carries (or, when it could not be read, the one
     * expected there: {@code seqKnown} says which), the problem and a detail.
     */
    public record Break(long line, long seq, boolean seqKnown, Problem problem, String detail) {
        /** {@code line L (entry seq S): why}. */
        public String describe() {
            return "line " + line + " (" + (seqKnown ? "entry seq " : "expected entry seq ") + seq + "): "
                    + problem.description() + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** The outcome: entries checked and found intact, the last intact hash (genesis when none), the first break. */
    public record Verification(long entriesChecked, String lastHash, Optional<Break> firstBreak) {
        public boolean ok() {
            return firstBreak.isEmpty();
        }
    }

    /** Checks entries one at a time, so that a log of any length can be verified while it is read. */
    public static final class Verifier {
        private long expectedSeq;
        private String lastHash = AuditEntry.GENESIS;
        private long line;
        private Break broken;

        /** Checks the next entry; once broken, later entries are ignored. */
        public Optional<Break> accept(AuditEntry e) {
            if (broken != null) return Optional.of(broken);
            line++;
            if (e.seq() != expectedSeq) {
                broken = new Break(line, e.seq(), true, Problem.WRONG_SEQUENCE, "expected " + expectedSeq + ", found " + e.seq());
            } else if (!e.prev().equals(lastHash)) {
                broken = new Break(line, e.seq(), true, Problem.PREVIOUS_HASH_MISMATCH,
                        "prev " + abbreviate(e.prev()) + ", previous entry's hash " + abbreviate(lastHash));
            } else {
                String h = hashOf(e.seq(), e.at(), e.prev(), e.payload());
                if (!h.equals(e.hash())) {
                    broken = new Break(line, e.seq(), true, Problem.HASH_MISMATCH,
                            "recorded " + abbreviate(e.hash()) + ", computed " + abbreviate(h));
                } else {
                    expectedSeq++;
                    lastHash = h;
                }
            }
            return Optional.ofNullable(broken);
        }

        /** Records a line that could not be read as an entry. */
        public Break unparsable(String detail) {
            if (broken != null) return broken;
            line++;
            broken = new Break(line, expectedSeq, false, Problem.UNPARSABLE_LINE, detail);
            return broken;
        }

        /** The entry that would come next: its sequence number. */
        public long expectedSeq() {
            return expectedSeq;
        }

        public Verification result() {
            return new Verification(expectedSeq, lastHash, Optional.ofNullable(broken));
        }
    }

    private static String abbreviate(String hash) {
        return hash.substring(0, 12) + "...";
    }
}
