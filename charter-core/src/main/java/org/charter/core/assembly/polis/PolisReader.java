package org.charter.core.assembly.polis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;

/**
 * Reads a Polis export directory (comments.csv and votes.csv; participants-votes.csv and summary.csv when present)
 * into an assembly. Both generations of Polis's export are read (see {@link PolisFiles}). Every error names the
 * file, line and column; nothing is returned unless the whole export reads.
 *
 * <p>What is taken from where: statements and their moderation, meta and seed flags from comments.csv; every vote
 * event from votes.csv (the latest per participant and statement counts, ties going to the later line); external
 * ids (xid) and Polis's group per participant from participants-votes.csv, whose vote cells are compared with the
 * vote log and any difference reported in the notes; topic and description from summary.csv.
 */
public final class PolisReader {
    private PolisReader() { }

    /** Reads the export in a directory; a missing required file is an error that names it. */
    public static PolisImport read(Path dir) {
        if (!Files.isDirectory(dir)) throw new CsvFormatException(dir.toString(), 0, null, "not a directory");
        var texts = new LinkedHashMap<String, String>();
        for (String name : List.of(PolisFiles.COMMENTS, PolisFiles.VOTES, PolisFiles.PARTICIPANT_VOTES, PolisFiles.SUMMARY)) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    texts.put(name, Files.readString(file, StandardCharsets.UTF_8));
                } catch (java.nio.charset.MalformedInputException e) {
                    throw new CsvFormatException(file.toString(), 0, null, "not valid UTF-8 text");
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            }
        }
        String fallbackTopic = dir.toAbsolutePath().normalize().getFileName() == null ? "Polis conversation"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        return parse(texts, dir.toString(), fallbackTopic);
    }

    /**
     * Reads an export given as file name to content; comments.csv and votes.csv are required.
     *
     * @param where          how to name the directory in errors
     * @param fallbackTopic  the topic when there is no summary.csv
     */
    public static PolisImport parse(Map<String, String> files, String where, String fallbackTopic) {
        for (String required : List.of(PolisFiles.COMMENTS, PolisFiles.VOTES)) {
            if (!files.containsKey(required)) {
                throw new CsvFormatException(where + "/" + required, 0, null, "missing: a Polis export needs "
                        + PolisFiles.COMMENTS + " and " + PolisFiles.VOTES);
            }
        }
        var notes = new ArrayList<String>();
        var comments = new CsvTable(reader(files.get(PolisFiles.COMMENTS)), where + "/" + PolisFiles.COMMENTS);
        var votes = new CsvTable(reader(files.get(PolisFiles.VOTES)), where + "/" + PolisFiles.VOTES);
        CsvTable pv = files.containsKey(PolisFiles.PARTICIPANT_VOTES)
                ? new CsvTable(reader(files.get(PolisFiles.PARTICIPANT_VOTES)), where + "/" + PolisFiles.PARTICIPANT_VOTES)
                : null;
        Map<String, String> summary = files.containsKey(PolisFiles.SUMMARY)
                ? summary(new StringReader(files.get(PolisFiles.SUMMARY)), where + "/" + PolisFiles.SUMMARY)
                : Map.of();

        // Earliest activity per participant, for its created time.
        var firstSeen = new HashMap<Integer, Long>();

        comments.require("timestamp", "comment-id", "author-id", "moderated", "comment-body");
        var statements = new ArrayList<Statement>();
        var tids = new HashMap<Integer, Integer>(); // tid -> line
        for (Csv.Row row : comments.rows) {
            int tid = comments.id(row, "comment-id");
            Integer earlier = tids.putIfAbsent(tid, row.line());
            if (earlier != null) throw comments.error(row, "comment-id", "comment " + tid + " appears again (first on line " + earlier + ")");
            long ts = comments.longValue(row, "timestamp");
            Integer author = comments.optionalId(row, "author-id"); // blank: written by the organisers
            Moderation moderation;
            try {
                moderation = Moderation.fromPolisCode(comments.intValue(row, "moderated"));
            } catch (IllegalArgumentException e) {
                throw comments.error(row, "moderated", e.getMessage());
            }
            String body = comments.text(row, "comment-body");
            if (body.isBlank()) throw comments.error(row, "comment-body", "the statement's text is empty");
            statements.add(new Statement(tid, body, author, Instant.ofEpochMilli(ts), moderation,
                    comments.bool(row, "is-meta"), comments.bool(row, "is-seed")));
            if (author != null) firstSeen.merge(author, ts, Math::min);
        }

        votes.require("timestamp", "comment-id", "voter-id", "vote");
        var events = new ArrayList<VoteEvent>(votes.rows.size());
        for (Csv.Row row : votes.rows) {
            long ts = votes.longValue(row, "timestamp");
            int tid = votes.id(row, "comment-id");
            if (!tids.containsKey(tid)) throw votes.error(row, "comment-id", "no comment " + tid + " in " + PolisFiles.COMMENTS);
            int pid = votes.id(row, "voter-id");
            VoteValue vote;
            try {
                vote = VoteValue.fromPolisCode(votes.intValue(row, "vote"));
            } catch (IllegalArgumentException e) {
                throw votes.error(row, "vote", e.getMessage());
            }
            events.add(new VoteEvent(pid, tid, vote, Instant.ofEpochMilli(ts)));
            firstSeen.merge(pid, ts, Math::min);
        }

        var externalIds = new HashMap<Integer, String>();
        var groups = new HashMap<Integer, Integer>();
        VoteMatrix exported = null;
        if (pv != null) {
            exported = participantVotes(pv, tids, externalIds, groups);
            for (int pid : exported.participants()) firstSeen.putIfAbsent(pid, 0L);
        }

        var participants = new ArrayList<Participant>();
        new TreeMap<>(firstSeen).forEach((pid, ts) -> participants.add(
                new Participant(pid, externalIds.get(pid), Map.of(), groups.get(pid), Instant.ofEpochMilli(ts))));

        String topic = summary.getOrDefault("topic", "");
        if (topic.isBlank()) topic = fallbackTopic;
        var snapshot = new AssemblySnapshot(topic, summary.getOrDefault("conversation-description", ""),
                AssemblySettings.DEFAULT, participants, statements, events);

        if (exported != null) {
            VoteMatrix fromLog = snapshot.matrix();
            if (!fromLog.equals(exported)) {
                List<String> diff = fromLog.differences(exported, 3);
                notes.add(PolisFiles.PARTICIPANT_VOTES + " disagrees with the latest votes of " + PolisFiles.VOTES
                        + " (" + String.join("; ", diff) + (diff.size() == 3 ? "; ..." : "")
                        + " — log vs table); the latest votes of " + PolisFiles.VOTES + " are kept");
            }
        }
        return new PolisImport(snapshot, exported, notes);
    }

    private static VoteMatrix participantVotes(CsvTable pv, Map<Integer, Integer> tids,
                                               Map<Integer, String> externalIds, Map<Integer, Integer> groups) {
        pv.require("participant", "group-id", "n-disagree");
        int first = pv.header.indexOf("n-disagree") + 1;
        var columns = new int[pv.header.size()];
        for (int i = first; i < pv.header.size(); i++) {
            String name = pv.header.get(i).trim();
            try {
                columns[i] = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                throw new CsvFormatException(pv.file, 1, name, "expected a comment id as the column's name");
            }
            if (!tids.containsKey(columns[i])) {
                throw new CsvFormatException(pv.file, 1, name, "no comment " + columns[i] + " in " + PolisFiles.COMMENTS);
            }
        }
        var cells = new HashMap<Integer, Map<Integer, VoteValue>>();
        for (Csv.Row row : pv.rows) {
            int pid = pv.id(row, "participant");
            if (cells.containsKey(pid)) throw pv.error(row, "participant", "participant " + pid + " appears again");
            Integer group = pv.optionalInt(row, "group-id");
            if (group != null) groups.put(pid, group);
            String xid = pv.text(row, "xid");
            if (xid != null && !xid.isBlank()) externalIds.put(pid, xid);
            var votes = new HashMap<Integer, VoteValue>();
            for (int i = first; i < pv.header.size(); i++) {
                String cell = row.fields().get(i).trim();
                if (cell.isEmpty()) continue;
                try {
                    votes.put(columns[i], VoteValue.fromPolisCode(Integer.parseInt(cell)));
                } catch (IllegalArgumentException e) {
                    throw pv.error(row, pv.header.get(i), "expected a vote of 1, 0, -1 or blank, found \"" + cell + "\"");
                }
            }
            cells.put(pid, votes);
        }
        return VoteMatrix.of(cells);
    }

    /** summary.csv holds key,value lines (the value may span lines in quotes). */
    private static Map<String, String> summary(Reader in, String file) {
        var out = new HashMap<String, String>();
        for (Csv.Row row : Csv.read(in, file)) {
            if (row.fields().size() < 2) continue; // a key with no value says nothing
            out.put(row.fields().get(0).trim(), row.fields().get(1));
        }
        return out;
    }

    private static Reader reader(String text) {
        return new StringReader(text);
    }
}
