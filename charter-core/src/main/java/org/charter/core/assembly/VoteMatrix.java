package org.charter.core.assembly;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The latest-vote matrix of an assembly: for each participant and statement, the vote that counts, or nothing when
 * the participant has not voted on it. Rows are the participants who voted at least once, columns the statements
 * that received at least one vote, both in increasing id order, as in Polis's participants-votes.csv.
 */
public final class VoteMatrix {
    private final SortedMap<Integer, SortedMap<Integer, VoteValue>> rows;
    private final SortedSet<Integer> statements;
    private final int cells;

    private VoteMatrix(SortedMap<Integer, SortedMap<Integer, VoteValue>> rows) {
        var copy = new TreeMap<Integer, SortedMap<Integer, VoteValue>>();
        var columns = new TreeSet<Integer>();
        int count = 0;
        for (var row : rows.entrySet()) {
            if (row.getValue().isEmpty()) continue;
            copy.put(row.getKey(), Collections.unmodifiableSortedMap(new TreeMap<>(row.getValue())));
            columns.addAll(row.getValue().keySet());
            count += row.getValue().size();
        }
        this.rows = Collections.unmodifiableSortedMap(copy);
        this.statements = Collections.unmodifiableSortedSet(columns);
        this.cells = count;
    }

    /** A matrix from its cells, given per participant as statement id to vote. */
    public static VoteMatrix of(Map<Integer, ? extends Map<Integer, VoteValue>> cellsByParticipant) {
        var sorted = new TreeMap<Integer, SortedMap<Integer, VoteValue>>();
        cellsByParticipant.forEach((pid, row) -> sorted.put(pid, new TreeMap<>(row)));
        return new VoteMatrix(sorted);
    }

    /**
     * The latest vote per participant and statement. "Latest" is the greatest time; of events at the same time, the
     * one later in the list wins (so a store's arrival order settles ties, as Polis's event log does).
     */
    public static VoteMatrix latestOf(List<VoteEvent> events) {
        record Cell(int pid, int tid) { }
        var latest = new HashMap<Cell, VoteEvent>();
        for (VoteEvent e : events) {
            latest.merge(new Cell(e.pid(), e.tid()), e, (old, now) -> now.at().isBefore(old.at()) ? old : now);
        }
        var rows = new TreeMap<Integer, SortedMap<Integer, VoteValue>>();
        latest.forEach((cell, e) -> rows.computeIfAbsent(cell.pid(), p -> new TreeMap<>()).put(cell.tid(), e.vote()));
        return new VoteMatrix(rows);
    }

    /** Participants with at least one vote, in increasing order. */
    public SortedSet<Integer> participants() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(rows.keySet()));
    }

    /** Statements with at least one vote, in increasing order. */
    public SortedSet<Integer> statements() {
        return statements;
    }

    /** The vote that counts, or null when the participant has not voted on the statement. */
    public VoteValue vote(int pid, int tid) {
        var row = rows.get(pid);
        return row == null ? null : row.get(tid);
    }

    /** One participant's votes by statement id (empty when they have not voted). */
    public SortedMap<Integer, VoteValue> row(int pid) {
        return rows.getOrDefault(pid, Collections.emptySortedMap());
    }

    /** The number of (participant, statement) pairs with a vote. */
    public int cellCount() {
        return cells;
    }

    /** Counts of each vote value among the cells. */
    public Map<VoteValue, Integer> tally() {
        var tally = new java.util.EnumMap<VoteValue, Integer>(VoteValue.class);
        for (VoteValue v : VoteValue.values()) tally.put(v, 0);
        rows.values().forEach(row -> row.values().forEach(v -> tally.merge(v, 1, Integer::sum)));
        return tally;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VoteMatrix other && rows.equals(other.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "VoteMatrix[" + rows.size() + " participants x " + statements.size() + " statements, " + cells + " votes]";
    }

    /** A description of the first cells where two matrices differ, for test failures and import warnings. */
    public List<String> differences(VoteMatrix other, int limit) {
        var out = new java.util.ArrayList<String>();
        var pids = new TreeSet<>(rows.keySet());
        pids.addAll(other.rows.keySet());
        for (int pid : pids) {
            var tids = new TreeSet<>(row(pid).keySet());
            tids.addAll(other.row(pid).keySet());
            for (int tid : tids) {
                VoteValue a = vote(pid, tid), b = other.vote(pid, tid);
                if (a != b) {
                    out.add("participant " + pid + ", statement " + tid + ": " + a + " vs " + b);
                    if (out.size() >= limit) return out;
                }
            }
        }
        return out;
    }

}
