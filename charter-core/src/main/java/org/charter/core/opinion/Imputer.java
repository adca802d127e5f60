package org.charter.core.opinion;

import java.util.Arrays;

/**
 * Fills unseen votes from the participants most like the one who did not see the statement, as CIP's OSCCAI does,
 * instead of Polis's column mean: a missing vote becomes the mean vote of the (up to) five nearest participants who
 * saw it, nearness being the mean absolute difference over the statements both saw.
 */
final class Imputer {
    static final int NEIGHBOURS = 5;
    static final int MAX_PARTICIPANTS = 5_000;

    private Imputer() { }

    static double[][] nearest(double[][] x) {
        int n = x.length;
        if (n > MAX_PARTICIPANTS) {
            throw new IllegalArgumentException("nearest-participant imputation compares every pair of participants and is"
                    + " limited to " + MAX_PARTICIPANTS + " participants (this map has " + n + "); use the column mean");
        }
        int m = n == 0 ? 0 : x[0].length;
        double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double sum = 0;
                int common = 0;
                for (int j = 0; j < m; j++) {
                    if (!Double.isNaN(x[i][j]) && !Double.isNaN(x[k][j])) {
                        sum += Math.abs(x[i][j] - x[k][j]);
                        common++;
                    }
                }
                distance[i][k] = distance[k][i] = common == 0 ? Double.POSITIVE_INFINITY : sum / common;
            }
        }
        double[][] out = new double[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[i].clone();
            for (int q = 0; q < n; q++) order[q] = q;
            final int self = i;
            Arrays.sort(order, (a, b) -> a == b ? 0 : Double.compare(distance[self][a], distance[self][b]) != 0
                    ? Double.compare(distance[self][a], distance[self][b]) : Integer.compare(a, b));
            for (int j = 0; j < m; j++) {
                if (!Double.isNaN(x[i][j])) continue;
                double sum = 0;
                int found = 0;
                for (int q = 0; q < n && found < NEIGHBOURS; q++) {
                    int other = order[q];
                    if (other == i || Double.isInfinite(distance[i][other]) || Double.isNaN(x[other][j])) continue;
                    sum += x[other][j];
                    found++;
                }
                if (found > 0) out[i][j] = sum / found; // otherwise left unseen: the column mean fills it
            }
        }
        return out;
    }
}
