package org.charter.core.assembly;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A participant of an assembly, known by a pseudonymous number (Polis's pid) that is unique within the assembly.
 *
 * @param pid         the participant's number in the assembly, from 0
 * @param externalId  an id from the host system (Polis's xid), or null
 * @param attributes  self-described attributes such as region or age band, for per-group analysis; may be empty
 * @param groupId     the opinion group the latest opinion map (or an imported Polis export) put them in, or null
 */
public record Participant(int pid, String externalId, Map<String, String> attributes, Integer groupId, Instant createdAt) {
    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_ATTRIBUTE_LENGTH = 200;

    public Participant {
        if (pid < 0) throw new InvalidFieldException("pid", "must not be negative");
        if (externalId != null && (externalId.isBlank() || externalId.length() > MAX_ATTRIBUTE_LENGTH)) {
            throw new InvalidFieldException("externalId", "must be 1 to " + MAX_ATTRIBUTE_LENGTH + " characters");
        }
        attributes = validAttributes(attributes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Sorted, copied, and checked: keys and values non-empty and short. */
    public static Map<String, String> validAttributes(Map<String, String> attributes) {
        if (attributes == null) return Map.of();
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidFieldException("attributes", "has more than " + MAX_ATTRIBUTES + " entries");
        }
        var sorted = new TreeMap<String, String>();
        attributes.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_ATTRIBUTE_LENGTH) {
                throw new InvalidFieldException("attributes", "keys must be 1 to " + MAX_ATTRIBUTE_LENGTH + " characters");
            }
            if (v == null || v.length() > MAX_ATTRIBUTE_LENGTH) {
                throw new InvalidFieldException("attributes." + k, "must be a text of at most " + MAX_ATTRIBUTE_LENGTH + " characters");
            }
            sorted.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
