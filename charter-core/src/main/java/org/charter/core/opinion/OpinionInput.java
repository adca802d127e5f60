package org.charter.core.opinion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteMatrix;

/**
 * What the opinion map is computed from: participants (rows, in this order), statements (columns, in this order),
 * the latest votes, and which statements Polis "zeroes": those moderated out and meta statements.
 */
public record OpinionInput(List<Integer> participants, List<Integer> statements, VoteMatrix votes,
                           Set<Integer> moderatedOut, Set<Integer> meta, History history, CompactVotes compact) {
    /**
     * Latest votes as primitive arrays, for conversations too large for {@link VoteMatrix}'s maps: participant row i
     * (in {@code participants} order) holds statement columns col[start[i]..start[i+1]) with votes val[...] coded
     * +1 agree, -1 disagree, 0 pass (as in Polis's exports).
     */
    public record CompactVotes(int[] start, int[] col, byte[] val) { }

    /** An input given as compact votes (no history): for generated or very large conversations. */
    public static OpinionInput compact(List<Integer> participants, List<Integer> statements, CompactVotes votes,
                                       Set<Integer> moderatedOut, Set<Integer> meta) {
        if (votes.start().length != participants.size() + 1) throw new IllegalArgumentException("start must have one entry per participant, plus one");
        return new OpinionInput(participants, statements, VoteMatrix.of(Map.of()), moderatedOut, meta, null, votes);
    }
    /**
     * When things happened, for Polis's "once in, always in" rule: the vote events in time order and each statement's
     * creation time. Absent (null) when only the latest votes are known.
     */
    public record History(List<VoteEvent> votes, Map<Integer, Instant> statementCreated) {
        public History {
            votes = List.copyOf(votes);
            statementCreated = Map.copyOf(statementCreated);
        }
    }

    public OpinionInput {
        participants = List.copyOf(participants);
        statements = List.copyOf(statements);
        moderatedOut = Set.copyOf(moderatedOut);
        meta = Set.copyOf(meta);
    }

    /**
     * The input of a stored or imported assembly: every participant who voted (by pid), every statement with a
     * vote (by tid), rejected and meta statements zeroed as Polis does.
     */
    public static OpinionInput of(AssemblySnapshot snapshot) {
        VoteMatrix matrix = snapshot.matrix();
        var tids = new TreeSet<Integer>();
        var out = new TreeSet<Integer>();
        var meta = new TreeSet<Integer>();
        var voted = matrix.statements();
        for (Statement s : snapshot.statements()) {
            if (voted.contains(s.tid())) tids.add(s.tid()); // Polis's matrix has a column per statement with a vote
            if (s.meta()) {
                meta.add(s.tid());
                out.add(s.tid());
            }
            if (s.moderation() == Moderation.REJECTED) out.add(s.tid());
        }
        var created = new java.util.HashMap<Integer, Instant>();
        snapshot.statements().forEach(s -> created.put(s.tid(), s.createdAt()));
        var events = new ArrayList<>(snapshot.votes());
        events.sort(java.util.Comparator.comparing(VoteEvent::at)); // stable: ties keep storage order
        return new OpinionInput(new ArrayList<>(matrix.participants()), new ArrayList<>(tids), matrix, out, meta,
                new History(events, created), null);
    }

    /** Whether the statement's column is zeroed (moderated out or meta). */
    public boolean zeroed(int tid) {
        return moderatedOut.contains(tid) || meta.contains(tid);
    }
}
