package org.charter.core.assembly.polis;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The names, columns and codes of a Polis export, as Polis writes them (its "export" of a conversation). Two
 * generations exist: the older one has a datetime column in comments.csv and no is-meta / is-seed columns; the
 * current one (2024) has is-meta, is-seed and group-informed-consensus. Charter reads both and writes the current one.
 */
final class PolisFiles {
    private PolisFiles() { }

    static final String COMMENTS = "comments.csv";
    static final String VOTES = "votes.csv";
    static final String PARTICIPANT_VOTES = "participants-votes.csv";
    static final String SUMMARY = "summary.csv";

    static final List<String> COMMENT_COLUMNS = List.of("timestamp", "comment-id", "author-id", "agrees", "disagrees",
            "moderated", "is-meta", "is-seed", "group-informed-consensus", "comment-body");
    static final List<String> VOTE_COLUMNS = List.of("timestamp", "datetime", "comment-id", "voter-id", "vote");
    /** The columns before one column per statement; "n-comments" counts the statements the participant wrote. */
    static final List<String> PARTICIPANT_COLUMNS = List.of("participant", "xid", "group-id", "n-comments", "n-votes",
            "n-agree", "n-disagree");

    /** Polis prints times as Java's Date.toString does, in its server's zone; Charter writes UTC. */
    static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static String datetime(Instant at) {
        return DATETIME.format(at);
    }
}
