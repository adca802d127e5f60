package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    static List<ConstitutionCandidate> candidates(OpinionEngine.Matrix mx, OpinionInput input, OpinionEngine.Tallies tallies) {
        if (tallies.byGroup().isEmpty()) return List.of();
        int n = tallies.sizes().values().stream().mapToInt(Integer::intValue).sum();
        double c = pseudocount(n), threshold = threshold(n);
        var out = new ArrayList<ConstitutionCandidate>();
        for (int j = 0; j < mx.m; j++) {
            if (mx.zeroedCol[j]) continue;
            double score = 1;
            var support = new TreeMap<Integer, Double>();
            for (var e : tallies.byGroup().entrySet()) {
                int na = e.getValue().na()[j], nd = e.getValue().nd()[j];
                double p = (na + c) / (na + nd + 2 * c);
                double participation = (double) (na + nd) / tallies.sizes().get(e.getKey());
                score *= Math.pow(p, participation);
                support.put(e.getKey(), p);
            }
            if (score >= threshold) out.add(new ConstitutionCandidate(input.statements().get(j), score, threshold, support));
        }
        out.sort(Comparator.comparingDouble(ConstitutionCandidate::score).reversed().thenComparingInt(ConstitutionCandidate::tid));
        return out;
    }
}
