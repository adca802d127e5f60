package org.charter.core.preference;

import java.util.SplittableRandom;

/**
 * Data drawn from a Luce model with known strengths, from a seed: for recovery tests and benchmarks. Pairs and menus
 * are drawn uniformly among the items; the winner by the model's probabilities.
 */
public final class Simulate {
    private Simulate() { }

    /** {@code m} pairwise comparisons among {@code theta.length} items. */
    public static Choices pairwise(double[] theta, int m, SplittableRandom random) {
        int n = theta.length;
        if (n < 2) throw new IllegalArgumentException("pairwise comparisons need at least 2 items");
        int[] w = new int[m], l = new int[m];
        for (int c = 0; c < m; c++) {
            int i = random.nextInt(n), j = random.nextInt(n - 1);
            if (j >= i) j++;
            double p = 1 / (1 + Math.exp(theta[j] - theta[i]));
            if (random.nextDouble() < p) { w[c] = i; l[c] = j; } else { w[c] = j; l[c] = i; }
        }
        return Choices.pairwise(n, w, l);
    }

    /** {@code m} full rankings of {@code length} distinct random items each, drawn by successive Luce choices. */
    public static Choices rankings(double[] theta, int m, int length, SplittableRandom random) {
        int[][] rankings = new int[m][];
        for (int r = 0; r < m; r++) rankings[r] = ranking(theta, sample(theta.length, length, random), random);
        return Choices.rankings(theta.length, rankings);
    }

    /** A ranking of {@code set} drawn from the Plackett-Luce model (Plackett 1975): successive Luce choices. */
    public static int[] ranking(double[] theta, int[] set, SplittableRandom random) {
        int[] remaining = set.clone();
        int[] out = new int[set.length];
        for (int pos = 0, left = set.length; left > 0; pos++, left--) {
            double total = 0;
            for (int k = 0; k < left; k++) total += Math.exp(theta[remaining[k]]);
            double u = random.nextDouble() * total;
            int pick = left - 1;
            for (int k = 0; k < left; k++) {
                u -= Math.exp(theta[remaining[k]]);
                if (u < 0) { pick = k; break; }
            }
            out[pos] = remaining[pick];
            remaining[pick] = remaining[left - 1];
        }
        return out;
    }

    /** {@code k} distinct items of {@code n}, uniformly (partial Fisher-Yates with a small rejection loop). */
    public static int[] sample(int n, int k, SplittableRandom random) {
        if (k > n) throw new IllegalArgumentException(k + " distinct items from " + n);
        int[] out = new int[k];
        for (int a = 0; a < k; a++) {
            int candidate;
            boolean fresh;
            do {
                candidate = random.nextInt(n);
                fresh = true;
                for (int b = 0; b < a; b++) if (out[b] == candidate) { fresh = false; break; }
            } while (!fresh);
            out[a] = candidate;
        }
        return out;
    }
}
