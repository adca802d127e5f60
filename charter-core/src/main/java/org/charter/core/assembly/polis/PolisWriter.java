package org.charter.core.assembly.polis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.core.opinion.GroupInformedConsensus;

/**
 * Writes an assembly as a Polis export in Polis's current format: comments.csv, votes.csv, participants-votes.csv
 * and summary.csv, with Polis's columns, codes (1 agree, -1 disagree, 0 pass; moderated 1 / 0 / -1) and order:
 * comments in the order they were stored, vote events by comment, voter and time, participants-votes rows by
 * participant and its columns by comment, both limited to those with a vote.
 */
public final class PolisWriter {
    private PolisWriter() { }

    /** Writes the four files into a directory, creating it when needed; existing files of those names are replaced. */
    public static void write(AssemblySnapshot snapshot, Path dir) {
        try {
            Files.createDirectories(dir);
            for (var file : render(snapshot).entrySet()) {
                Path tmp = dir.resolve(file.getKey() + ".tmp");
                Files.writeString(tmp, file.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(file.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The export's files by name, as text. */
    public static Map<String, String> render(AssemblySnapshot snapshot) {
        VoteMatrix matrix = snapshot.matrix();
        var files = new LinkedHashMap<String, String>();
        files.put(PolisFiles.COMMENTS, comments(snapshot, matrix));
        files.put(PolisFiles.VOTES, votes(snapshot));
        files.put(PolisFiles.PARTICIPANT_VOTES, participantVotes(snapshot, matrix));
        files.put(PolisFiles.SUMMARY, summary(snapshot, matrix));
        return files;
    }

    private static String comments(AssemblySnapshot snapshot, VoteMatrix matrix) {
        var groupOf = groups(snapshot);
        Map<Integer, Double> consensus = GroupInformedConsensus.of(matrix, groupOf);
        int groupCount = new TreeSet<>(groupOf.values()).size();
        var agrees = new HashMap<Integer, Integer>();
        var disagrees = new HashMap<Integer, Integer>();
        for (int pid : matrix.participants()) {
            matrix.row(pid).forEach((tid, v) -> {
                if (v == VoteValue.AGREE) agrees.merge(tid, 1, Integer::sum);
                if (v == VoteValue.DISAGREE) disagrees.merge(tid, 1, Integer::sum);
            });
        }
        var out = new StringBuilder();
        Csv.writeRow(out, PolisFiles.COMMENT_COLUMNS);
        for (Statement s : snapshot.statements()) {
            String gic = "";
            if (groupCount > 0) {
                // A statement nobody voted on scores (1/2) per group, as Polis's formula gives.
                gic = Double.toString(consensus.getOrDefault(s.tid(), Math.pow(0.5, groupCount)));
            }
            Csv.writeRow(out, List.of(
                    Long.toString(s.createdAt().toEpochMilli()),
                    Integer.toString(s.tid()),
                    s.authorPid() == null ? "" : Integer.toString(s.authorPid()),
                    Integer.toString(agrees.getOrDefault(s.tid(), 0)),
                    Integer.toString(disagrees.getOrDefault(s.tid(), 0)),
                    Integer.toString(s.moderation().polisCode()),
                    Boolean.toString(s.meta()),
                    Boolean.toString(s.seed()),
                    gic,
                    s.text()));
        }
        return out.toString();
    }

    private static String votes(AssemblySnapshot snapshot) {
        var ordered = new ArrayList<>(snapshot.votes()); // stable sort: events at the same time keep their order
        ordered.sort(Comparator.comparingInt(VoteEvent::tid).thenComparingInt(VoteEvent::pid).thenComparing(VoteEvent::at));
        var out = new StringBuilder(ordered.size() * 48);
        Csv.writeRow(out, PolisFiles.VOTE_COLUMNS);
        for (VoteEvent e : ordered) {
            Csv.writeRow(out, List.of(Long.toString(e.at().toEpochMilli()), PolisFiles.datetime(e.at()),
                    Integer.toString(e.tid()), Integer.toString(e.pid()), Integer.toString(e.vote().polisCode())));
        }
        return out.toString();
    }

    private static String participantVotes(AssemblySnapshot snapshot, VoteMatrix matrix) {
        var byPid = new HashMap<Integer, Participant>();
        snapshot.participants().forEach(p -> byPid.put(p.pid(), p));
        var authored = new HashMap<Integer, Integer>();
        snapshot.statements().forEach(s -> {
            if (s.authorPid() != null) authored.merge(s.authorPid(), 1, Integer::sum);
        });
        List<Integer> columns = List.copyOf(matrix.statements());
        var header = new ArrayList<>(PolisFiles.PARTICIPANT_COLUMNS);
        columns.forEach(tid -> header.add(Integer.toString(tid)));
        var out = new StringBuilder();
        Csv.writeRow(out, header);
        for (int pid : matrix.participants()) {
            Participant p = byPid.get(pid);
            var row = matrix.row(pid);
            int agree = 0, disagree = 0;
            for (VoteValue v : row.values()) {
                if (v == VoteValue.AGREE) agree++;
                if (v == VoteValue.DISAGREE) disagree++;
            }
            var fields = new ArrayList<String>(header.size());
            fields.add(Integer.toString(pid));
            fields.add(p.externalId() == null ? "" : p.externalId());
            fields.add(p.groupId() == null ? "" : Integer.toString(p.groupId()));
            fields.add(Integer.toString(authored.getOrDefault(pid, 0)));
            fields.add(Integer.toString(row.size()));
            fields.add(Integer.toString(agree));
            fields.add(Integer.toString(disagree));
            for (int tid : columns) {
                VoteValue v = row.get(tid);
                fields.add(v == null ? "" : Integer.toString(v.polisCode()));
            }
            Csv.writeRow(out, fields);
        }
        return out.toString();
    }

    private static String summary(AssemblySnapshot snapshot, VoteMatrix matrix) {
        var commenters = new TreeSet<Integer>();
        snapshot.statements().forEach(s -> {
            if (s.authorPid() != null) commenters.add(s.authorPid());
        });
        var out = new StringBuilder();
        Csv.writeRow(out, List.of("topic", snapshot.topic()));
        Csv.writeRow(out, List.of("url", ""));
        Csv.writeRow(out, List.of("voters", Integer.toString(matrix.participants().size())));
        Csv.writeRow(out, List.of("commenters", Integer.toString(commenters.size())));
        Csv.writeRow(out, List.of("comments", Integer.toString(snapshot.statements().size())));
        Csv.writeRow(out, List.of("groups", Integer.toString(new TreeSet<>(groups(snapshot).values()).size())));
        Csv.writeRow(out, List.of("conversation-description", snapshot.description()));
        return out.toString();
    }

    /** The group of each participant who voted: as in Polis, groups are made of voters, and only they are exported. */
    private static Map<Integer, Integer> groups(AssemblySnapshot snapshot) {
        var voters = snapshot.matrix().participants();
        var groupOf = new HashMap<Integer, Integer>();
        snapshot.participants().forEach(p -> {
            if (p.groupId() != null && voters.contains(p.pid())) groupOf.put(p.pid(), p.groupId());
        });
        return groupOf;
    }
}
