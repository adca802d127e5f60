package org.charter.core.opinion;

/**
 * Principal components of the vote matrix as Polis computes them: missing votes filled with the column mean of the
 * observed votes, the matrix centred, components found by power iteration with deflation. Because a filled-in vote
 * equals its column's mean, it is zero once centred, so the iteration only ever touches the votes cast: the cost is
 * proportional to the number of votes, not to participants x statements.
 */
public final class Pca {
    /*
     * [1] C. Small et al., "Polis: Scaling deliberation by mapping high dimensional opinion spaces", Recerca 26(2),
     *     2021, and Polis's math (pca.clj): power iteration warm-started from the previous components.
     * Here the iteration runs to convergence (largest change below 1e-12, at most 5,000 iterations) rather than
     * Polis's fixed 100 steps, so the result does not depend on the start; the sign of each component is fixed so
     * that its largest entry in absolute value is positive (components are defined up to sign).
     */
    private Pca() { }

    /** The entries of a sparse matrix by row: row i holds col[start[i]..start[i+1]) with values val[...]. */
    public record Rows(int n, int m, int[] start, int[] col, double[] val) {
        /** All finite entries of a dense matrix (NaN = missing). */
        static Rows dense(double[][] x) {
            int n = x.length, m = n == 0 ? 0 : x[0].length, count = 0;
            for (double[] row : x) for (double v : row) if (!Double.isNaN(v)) count++;
            int[] start = new int[n + 1], col = new int[count];
            double[] val = new double[count];
            int at = 0;
            for (int i = 0; i < n; i++) {
                start[i] = at;
                for (int j = 0; j < m; j++) {
                    if (Double.isNaN(x[i][j])) continue;
                    col[at] = j;
                    val[at++] = x[i][j];
                }
            }
            start[n] = at;
            return new Rows(n, m, start, col, val);
        }
    }

    /** Centre (column means), components (rows), and the number of iterations each took. */
    public record Result(double[] center, double[][] components, int[] iterations) { }

    /**
     * @param x        the observed entries, Polis coding (agree -1, disagree 1, pass 0)
     * @param k        how many components
     * @param previous components of an earlier map to start from (warm start), or null
     */
    public static Result compute(Rows x, int k, double[][] previous) {
        int n = x.n(), m = x.m();
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int q = 0; q < x.col().length; q++) {
            sum[x.col()[q]] += x.val()[q];
            count[x.col()[q]]++;
        }
        double[] center = new double[m];
        for (int j = 0; j < m; j++) center[j] = count[j] == 0 ? 0 : sum[j] / count[j];
        double[] centred = new double[x.val().length];
        for (int q = 0; q < centred.length; q++) centred[q] = x.val()[q] - center[x.col()[q]];

        double[][] comps = new double[k][];
        int[] iterations = new int[k];
        double[] av = new double[n];
        for (int c = 0; c < k; c++) {
            double[] v = start(m, c, previous);
            for (int p = 0; p < c; p++) orthogonalise(v, comps[p]);
            normalise(v);
            int it = 0;
            for (; it < 5_000; it++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int q = x.start()[i]; q < x.start()[i + 1]; q++) s += centred[q] * v[x.col()[q]];
                    av[i] = s;
                }
                double[] next = new double[m];
                for (int i = 0; i < n; i++) {
                    double s = av[i];
                    if (s == 0) continue;
                    for (int q = x.start()[i]; q < x.start()[i + 1]; q++) next[x.col()[q]] += centred[q] * s;
                }
                for (int p = 0; p < c; p++) orthogonalise(next, comps[p]);
                double norm = norm(next);
                if (norm == 0) { // no variance left in this direction
                    v = new double[m];
                    break;
                }
                double delta = 0;
                for (int j = 0; j < m; j++) {
                    next[j] /= norm;
                    delta = Math.max(delta, Math.abs(next[j] - v[j]));
                }
                v = next;
                if (delta < 1e-12) break;
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
        for (int j = 0; j < m; j++) v[j] = 1.0 + (j % (c + 2)) * 0.5 + j * 1e-3; // deterministic
        return v;
    }

    private static void normalise(double[] v) {
        double norm = norm(v);
        if (norm > 0) for (int j = 0; j < v.length; j++) v[j] /= norm;
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
