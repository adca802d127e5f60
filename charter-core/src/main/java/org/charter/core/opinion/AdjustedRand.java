package org.charter.core.opinion;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index of two partitions of the same items: 1 when equal, about 0 for chance agreement. */
public final class AdjustedRand {
    /*
     * [1] L. Hubert, P. Arabie, "Comparing partitions", Journal of Classification 2, 1985.
     */
    private AdjustedRand() { }

    /** Compares the labels of the items both maps label; items only one map labels are left out. */
    public static double index(Map<Integer, Integer> a, Map<Integer, Integer> b) {
        var table = new HashMap<Long, Long>();
        var rows = new HashMap<Integer, Long>();
        var cols = new HashMap<Integer, Long>();
        long n = 0;
        for (var e : a.entrySet()) {
            Integer other = b.get(e.getKey());
            if (other == null) continue;
            n++;
            table.merge(((long) e.getValue() << 32) ^ (other & 0xffffffffL), 1L, Long::sum);
            rows.merge(e.getValue(), 1L, Long::sum);
            cols.merge(other, 1L, Long::sum);
        }
        if (n < 2) return 1.0;
        double index = 0, sumRows = 0, sumCols = 0;
        for (long c : table.values()) index += pairs(c);
        for (long c : rows.values()) sumRows += pairs(c);
        for (long c : cols.values()) sumCols += pairs(c);
        double expected = sumRows * sumCols / pairs(n);
        double max = (sumRows + sumCols) / 2;
        if (max == expected) return 1.0; // both partitions trivial in the same way
        return (index - expected) / (max - expected);
    }

    private static double pairs(long c) {
        return c * (c - 1) / 2.0;
    }
}
