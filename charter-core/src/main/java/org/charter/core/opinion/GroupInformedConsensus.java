package org.charter.core.opinion;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;

/**
 * Group-informed consensus: for each statement, the product over opinion groups of the smoothed share of the
 * group that agrees, (agrees + 1) / (votes + 2), where votes counts agrees, disagrees and passes. A statement
 * scores high only when every group agrees with it, however small the group.
 */
public final class GroupInformedConsensus {
    /*
     * [1] C. Small et al. "Polis: Scaling deliberation by mapping high dimensional opinion spaces." Recerca 26(2),
     *     2021 — and Polis's math (conversation.clj, "group-aware-consensus"), which exports this product as the
     *     comments.csv column group-informed-consensus. Recomputed from the latest votes it matches that column of
     *     ../shared/data/polis/bg2050-volunteers to 1e-15.
     */
    private GroupInformedConsensus() { }

    /** One group's factor: its smoothed share of agreement, (agrees + 1) / (votes + 2), votes including passes. */
    static double factor(int agrees, int votes) {
        return (agrees + 1.0) / (votes + 2.0);
    }

    /**
     * The consensus score of each statement that any grouped participant voted on.
     *
     * @param matrix   the latest votes
     * @param groupOf  each grouped participant's group; participants missing here are left out
     */
    public static Map<Integer, Double> of(VoteMatrix matrix, Map<Integer, Integer> groupOf) {
        Set<Integer> groups = new TreeSet<>(groupOf.values());
        // counts[group][tid] = {agrees, votes}
        var counts = new HashMap<Integer, Map<Integer, long[]>>();
        for (int pid : matrix.participants()) {
            Integer group = groupOf.get(pid);
            if (group == null) continue;
            matrix.row(pid).forEach((tid, vote) -> {
                long[] c = counts.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(tid, t -> new long[2]);
                if (vote == VoteValue.AGREE) c[0]++;
                c[1]++;
            });
        }
        var scores = new TreeMap<Integer, Double>();
        if (groups.isEmpty()) return scores;
        for (int tid : matrix.statements()) {
            double product = 1.0;
            for (int g : groups) {
                long[] c = counts.getOrDefault(g, Map.of()).getOrDefault(tid, new long[2]);
                product *= factor((int) c[0], (int) c[1]);
            }
            scores.put(tid, product);
        }
        return scores;
    }
}
