package org.charter.core.assembly;

import java.time.Instant;
import java.util.Objects;

/** An assembly: a community's conversation on one topic, in which participants write and vote on statements. */
public record Assembly(long id, String topic, String description, AssemblySettings settings, Instant createdAt) {
    /** The longest topic accepted; longer input is refused, not cut. */
    public static final int MAX_TOPIC_LENGTH = 1_000;
    /** The longest description accepted. */
    public static final int MAX_DESCRIPTION_LENGTH = 20_000;

    public Assembly {
        topic = validTopic(topic);
        description = validDescription(description);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Checks a topic as every assembly needs it; the message names the field. */
    public static String validTopic(String topic) {
        if (topic == null || topic.isBlank()) throw new InvalidFieldException("topic", "must not be empty");
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidFieldException("topic", "is longer than " + MAX_TOPIC_LENGTH + " characters");
        }
        return topic;
    }

    /** A missing description is the empty one. */
    public static String validDescription(String description) {
        if (description == null) return "";
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidFieldException("description", "is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }
}
