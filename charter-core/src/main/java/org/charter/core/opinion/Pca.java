package org.charter.core.opinion;

/**
 * Principal components of the vote matrix as Polis computes them: missing votes filled with the column mean of the
 * observed votes, the matrix centred, components found by power iteration with deflation.
 */
public final class Pca {
    /*
     * [1] C. Small et al., "Polis: Scaling deliberation by mapping high dimensional opinion spaces", Recerca 26(2),
     *     2021, and Polis's math (pca.clj): power iteration warm-started from the previous components.
     * Here the iteration runs to convergence (change below 1e-13, at most 10,000 iterations) rather than Polis's
     * fixed 100 steps, so the result does not depend on the start; the sign of each component is fixed so that its
     * largest entry in absolute value is positive (components are defined up to sign).
     */
    private Pca() { }

    /** Centre (column means), components (rows), and the number of iterations each took. */
    public record Result(double[] center, double[][] components, int[] iterations) { }

    /**
     * @param x        participants x statements, Polis coding (agree -1, disagree 1, pass 0), NaN = not seen
     * @param k        how many components
     * @param previous components of an earlier map to start from (warm start), or null
     */
    public static Result compute(double[][] x, int k, double[][] previous) {
        int n = x.length, m = n == 0 ? 0 : x[0].length;
        double[] center = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            int count = 0;
            for (double[] row : x) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
            center[j] = count == 0 ? 0 : sum / count;
        }
        // Filled with the column mean and centred: a missing vote contributes nothing.
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) a[i][j] = Double.isNaN(x[i][j]) ? 0 : x[i][j] - center[j];
        }
        double[][] comps = new double[k][];
        int[] iterations = new int[k];
        for (int c = 0; c < k; c++) {
            double[] v = start(m, c, previous);
            double[] av = new double[n];
            int it = 0;
            for (; it < 10_000; it++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    double[] row = a[i];
                    for (int j = 0; j < m; j++) s += row[j] * v[j];
                    av[i] = s;
                }
                double[] next = new double[m];
                for (int i = 0; i < n; i++) {
                    double s = av[i];
                    if (s == 0) continue;
                    double[] row = a[i];
                    for (int j = 0; j < m; j++) next[j] += row[j] * s;
                }
                for (int p = 0; p < c; p++) orthogonalise(next, comps[p]);
                double norm = norm(next);
                if (norm == 0) { // no variance left: any unit vector orthogonal to the others will do
                    v = new double[m];
                    break;
                }
                double delta = 0;
                for (int j = 0; j < m; j++) {
                    next[j] /= norm;
                    delta = Math.max(delta, Math.abs(next[j] - v[j]));
                }
                v = next;
                if (delta < 1e-13) break;
            }
            iterations[c] = it + 1;
            comps[c] = fixSign(v);
        }
        return new Result(center, comps, iterations);
    }

    private static double[] start(int m, int c, double[][] previous) {
        if (previous != null && c < previous.length && previous[c].length == m && norm(previous[c]) > 0) {
            return previous[c].clone();
        }
        double[] v = new double[m];
        for (int j = 0; j < m; j++) v[j] = 1.0 + (j % (c + 2)) * 0.5 + j * 1e-3; // deterministic, not orthogonal to much
        double norm = norm(v);
        for (int j = 0; j < m; j++) v[j] /= norm;
        return v;
    }

    private static void orthogonalise(double[] v, double[] u) {
        double dot = 0;
        for (int j = 0; j < v.length; j++) dot += v[j] * u[j];
        for (int j = 0; j < v.length; j++) v[j] -= dot * u[j];
    }

    static double norm(double[] v) {
        double s = 0;
        for (double d : v) s += d * d;
        return Math.sqrt(s);
    }

    private static double[] fixSign(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[best])) best = j;
        if (v.length > 0 && v[best] < 0) for (int j = 0; j < v.length; j++) v[j] = -v[j];
        return v;
    }
}
