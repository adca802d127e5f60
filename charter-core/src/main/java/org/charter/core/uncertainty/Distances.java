package org.charter.core.uncertainty;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Distances between two categorical distributions given as counts per category (categories missing on one side count
 * zero): total variation, half the L1 distance, in [0, 1]; and the Jensen-Shannon divergence in bits, in [0, 1], the
 * mean Kullback-Leibler divergence of each distribution from their average [1]. Used to say how much a change of the
 * charter shifts what the model is judged to do and decides.
 */
public final class Distances {
    /*
     * [1] J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Information Theory 37(1), 1991.
     */
    private Distances() { }

    /** Counts normalised to probabilities over the union of both key sets, in first-seen order. */
    static Map<String, double[]> aligned(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
        double ta = total(a), tb = total(b);
        if (ta <= 0 || tb <= 0) throw new IllegalArgumentException("a distribution needs a positive total count");
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : keys) {
            double pa = a.containsKey(k) ? a.get(k).doubleValue() / ta : 0, pb = b.containsKey(k) ? b.get(k).doubleValue() / tb : 0;
            out.put(k, new double[] {pa, pb});
        }
        return out;
    }

    private static double total(Map<String, ? extends Number> m) {
        double t = 0;
        for (Number n : m.values()) {
            if (n.doubleValue() < 0) throw new IllegalArgumentException("a count is negative: " + n);
            t += n.doubleValue();
        }
        return t;
    }

    public static double totalVariation(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
        double s = 0;
        for (double[] p : aligned(a, b).values()) s += Math.abs(p[0] - p[1]);
        return s / 2;
    }

    public static double jensenShannon(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
        double s = 0;
        for (double[] p : aligned(a, b).values()) {
            double m = (p[0] + p[1]) / 2;
            if (p[0] > 0) s += 0.5 * p[0] * log2(p[0] / m);
            if (p[1] > 0) s += 0.5 * p[1] * log2(p[1] / m);
        }
        return Math.max(0, Math.min(1, s));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
