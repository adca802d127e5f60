package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.opinion.OpinionMap.ConstitutionCandidate;

/**
 * Constitution candidates by the rule of CIP's OSCCAI: group-aware consensus without passes, with a pseudocount that
 * grows with the number of participants, each group's agreement raised to the power of its participation on the
 * statement, and a threshold that falls as the assembly grows.
 */
final class Osccai {
    /*
     * [1] Collective Intelligence Project, OSCCAI (open-source Collective Constitutional AI), 2024: score(j) =
     *     prod over groups g of ((A_g + c) / (A_g + D_g + 2c)) ^ (participation of g on j), c = 0.3 log2(1 + n/10);
     *     a statement enters the constitution if score >= min(0.85, 0.66 (1 + 2 / log2(2 + n))).
     */
    private Osccai() { }

    static double threshold(int n) {
        return Math.min(0.85, 0.66 * (1 + 2 / log2(2 + n)));
    }

    static double pseudocount(int n) {
        return 0.3 * log2(1 + n / 10.0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static List<ConstitutionCandidate> candidates(OpinionEngine.Matrix mx, OpinionInput input, Map<Integer, Integer> groupOf) {
        if (groupOf.isEmpty()) return List.of();
        var rowOf = new HashMap<Integer, Integer>();
        for (int i = 0; i < mx.n; i++) rowOf.put(input.participants().get(i), i);
        var members = new TreeMap<Integer, List<Integer>>();
        groupOf.forEach((pid, g) -> {
            Integer row = rowOf.get(pid);
            if (row != null) members.computeIfAbsent(g, x -> new ArrayList<>()).add(row);
        });
        int n = groupOf.size();
        double c = pseudocount(n), threshold = threshold(n);
        var out = new ArrayList<ConstitutionCandidate>();
        var counts = new TreeMap<Integer, OpinionEngine.ColumnCounts>();
        members.forEach((g, rows) -> counts.put(g, mx.counts(rows)));
        for (int j = 0; j < mx.m; j++) {
            int tid = input.statements().get(j);
            if (mx.zeroedCol[j]) continue;
            double score = 1;
            var support = new TreeMap<Integer, Double>();
            for (var e : members.entrySet()) {
                OpinionEngine.ColumnCounts k = counts.get(e.getKey());
                int na = k.na()[j], nd = k.nd()[j];
                double p = (na + c) / (na + nd + 2 * c);
                double participation = (double) (na + nd) / e.getValue().size();
                score *= Math.pow(p, participation);
                support.put(e.getKey(), p);
            }
            if (score >= threshold) out.add(new ConstitutionCandidate(tid, score, threshold, support));
        }
        out.sort(Comparator.comparingDouble(ConstitutionCandidate::score).reversed().thenComparingInt(ConstitutionCandidate::tid));
        return out;
    }
}
