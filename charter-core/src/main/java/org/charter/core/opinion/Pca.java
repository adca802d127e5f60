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
     * Here a block of k + 2 vectors is iterated to convergence (largest change of the leading k below 1e-10, at most
     * 3,000 iterations) rather than Polis's fixed 100 steps of one vector, so the result does not depend on the
     * start; the sign of each component is fixed so that its largest entry in absolute value is positive
     * (components are defined up to sign).
     * [2] Y. Saad, "Numerical Methods for Large Eigenvalue Problems", 2nd ed., SIAM 2011, ch. 5 (subspace iteration
     *     with Rayleigh-Ritz projection); cyclic Jacobi rotations for the small projected problem.
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
    /** Centre, components (rows), iterations taken, and how much the last iteration changed the components. */
    public record Result(double[] center, double[][] components, int[] iterations, double lastChange) { }

    /**
     * @param x        the observed entries, Polis coding (agree -1, disagree 1, pass 0)
     * @param k        how many components
     * @param previous components of an earlier map to start from (warm start), or null
     */
    public static Result compute(Rows x, int k, double[][] previous) {
        return compute(x, k, previous, 1e-10);
    }

    /**
     * As {@link #compute(Rows, int, double[][])}, stopping when the leading k vectors change by less than
     * {@code tolerance} in one iteration.
     */
    public static Result compute(Rows x, int k, double[][] previous, double tolerance) {
        return compute(x, k, previous, tolerance, 3_000, 2);
    }

    /**
     * The general form: a block of k + {@code oversample} vectors, at most {@code maxIterations} iterations. An
     * update from a previous map's components uses a bounded number of iterations without oversampling: the
     * previous components are already close, and the map records how much the last iteration still changed them.
     */
    public static Result compute(Rows x, int k, double[][] previous, double tolerance, int maxIterations, int oversample) {
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
        if (m == 0) return new Result(center, new double[k][0], new int[k], 0);

        // Subspace iteration with Rayleigh-Ritz (a block form of Polis's power iteration): b = k + 2 vectors
        // converge at the rate of the (k+3)-th eigenvalue over the k-th, far faster than one vector at a time
        // when eigenvalues are close. One pass over the votes per iteration computes both A^T A Q and Q^T A^T A Q.
        int b = Math.min(m, k + oversample);
        double[][] q = new double[b][];
        for (int c = 0; c < b; c++) q[c] = start(m, c, previous);
        orthonormalise(q);
        double[][] ritz = null;
        int it = 0;
        double[] y = new double[b];
        double lastChange = Double.POSITIVE_INFINITY;
        for (; it < maxIterations; it++) {
            double[][] w = new double[b][m];
            double[][] h = new double[b][b];
            for (int i = 0; i < n; i++) {
                int from = x.start()[i], to = x.start()[i + 1];
                if (from == to) continue;
                for (int c = 0; c < b; c++) {
                    double s = 0;
                    double[] qc = q[c];
                    for (int e = from; e < to; e++) s += centred[e] * qc[x.col()[e]];
                    y[c] = s;
                }
                for (int c = 0; c < b; c++) {
                    for (int d = c; d < b; d++) h[c][d] += y[c] * y[d];
                    double yc = y[c];
                    if (yc == 0) continue;
                    double[] wc = w[c];
                    for (int e = from; e < to; e++) wc[x.col()[e]] += centred[e] * yc;
                }
            }
            for (int c = 0; c < b; c++) for (int d = 0; d < c; d++) h[c][d] = h[d][c];
            double[][] u = jacobiEigenvectors(h); // columns sorted by eigenvalue, largest first
            double[][] next = rotate(q, u);        // Ritz vectors
            double[][] wRot = rotate(w, u);
            double delta = change(ritz == null ? q : ritz, next, k);
            lastChange = delta;
            ritz = next;
            if (delta < tolerance) break;
            if (it + 1 == maxIterations) break;
            q = wRot;
            orthonormalise(q);
        }
        double[][] comps = new double[k][];
        int[] iterations = new int[k];
        for (int c = 0; c < k; c++) {
            comps[c] = c < ritz.length ? fixSign(ritz[c].clone()) : new double[m];
            iterations[c] = it + 1;
        }
        return new Result(center, comps, iterations, lastChange);
    }

    /**
     * One step of subspace iteration from earlier components, for an update of a large conversation, reading the
     * votes as they are stored (bytes, Polis's coding) and centring on the fly, so that nothing of the votes' size
     * is allocated: one pass forms A^T A Q (the power step), a second forms Y = A Q' for the Rayleigh-Ritz rotation
     * of Q' = orth(A^T A Q). Because Y is at hand, the participants' projections come with it (A times the rotated
     * components is Y rotated), so the update needs no third pass. Columns with {@code skip} set (moderated out,
     * meta) count as unobserved, as in {@link OpinionEngine.Matrix#pcaRows()}.
     *
     * @return the result (centre, components, iterations 1, how much the components moved) and A x components, one
     *         row per participant, unscaled
     */
    static Step step(int n, int m, int[] start, int[] col, byte[] val, boolean[] skip, double[] center, double[][] previous) {
        int k = previous.length;
        double[][] q = new double[k][];
        for (int c = 0; c < k; c++) {
            q[c] = previous[c].clone();
            for (int j = 0; j < m; j++) if (skip[j]) q[c][j] = 0;
        }
        orthonormalise(q);
        double[][] w = new double[k][m];
        double[] y = new double[k];
        for (int i = 0; i < n; i++) {
            int from = start[i], to = start[i + 1];
            if (from == to) continue;
            multiply(q, col, val, center, from, to, y);
            for (int c = 0; c < k; c++) {
                double yc = y[c];
                if (yc == 0) continue;
                double[] wc = w[c];
                for (int e = from; e < to; e++) wc[col[e]] += (val[e] - center[col[e]]) * yc;
            }
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < m; j++) if (skip[j]) w[c][j] = 0;
        orthonormalise(w);
        double[] ys = new double[n * k];
        double[][] h = new double[k][k];
        for (int i = 0; i < n; i++) {
            int from = start[i], to = start[i + 1];
            if (from == to) continue;
            multiply(w, col, val, center, from, to, y);
            for (int c = 0; c < k; c++) {
                ys[i * k + c] = y[c];
                for (int d = c; d < k; d++) h[c][d] += y[c] * y[d];
            }
        }
        for (int c = 0; c < k; c++) for (int d = 0; d < c; d++) h[c][d] = h[d][c];
        double[][] u = jacobiEigenvectors(h);
        double[][] comps = rotate(w, u);
        double[] sign = new double[k];
        for (int c = 0; c < k; c++) {
            int largest = 0;
            for (int j = 1; j < m; j++) if (Math.abs(comps[c][j]) > Math.abs(comps[c][largest])) largest = j;
            sign[c] = m > 0 && comps[c][largest] < 0 ? -1 : 1;
            if (sign[c] < 0) for (int j = 0; j < m; j++) comps[c][j] = -comps[c][j];
        }
        double[][] projected = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int d = 0; d < k; d++) s += ys[i * k + d] * u[d][c];
                projected[i][c] = s * sign[c];
            }
        }
        int[] iterations = new int[k];
        java.util.Arrays.fill(iterations, 1);
        return new Step(new Result(center, comps, iterations, change(previous, comps, k)), projected);
    }

    /** What {@link #step} gives: the PCA result and each participant's votes times the components (unscaled). */
    record Step(Result result, double[][] projected) { }

    /** y = (row of A) x q for each vector q, A's row being the votes from..to centred. */
    private static void multiply(double[][] q, int[] col, byte[] val, double[] center, int from, int to, double[] y) {
        if (q.length == 2) { // the usual case, unrolled
            double s0 = 0, s1 = 0;
            double[] q0 = q[0], q1 = q[1];
            for (int e = from; e < to; e++) {
                int j = col[e];
                double a = val[e] - center[j];
                s0 += a * q0[j];
                s1 += a * q1[j];
            }
            y[0] = s0;
            y[1] = s1;
            return;
        }
        for (int c = 0; c < q.length; c++) {
            double s = 0;
            double[] qc = q[c];
            for (int e = from; e < to; e++) s += (val[e] - center[col[e]]) * qc[col[e]];
            y[c] = s;
        }
    }

    /** Largest change of the first k vectors, each compared up to sign. */
    private static double change(double[][] before, double[][] after, int k) {
        double worst = 0;
        for (int c = 0; c < Math.min(k, after.length); c++) {
            double plus = 0, minus = 0;
            for (int j = 0; j < after[c].length; j++) {
                plus = Math.max(plus, Math.abs(after[c][j] - before[c][j]));
                minus = Math.max(minus, Math.abs(after[c][j] + before[c][j]));
            }
            worst = Math.max(worst, Math.min(plus, minus));
        }
        return worst;
    }

    /** Rows of the result are the combinations of the rows of v given by the columns of u. */
    static double[][] rotate(double[][] v, double[][] u) {
        int b = v.length, m = v[0].length;
        double[][] out = new double[b][m];
        for (int c = 0; c < b; c++) {
            for (int d = 0; d < b; d++) {
                double f = u[d][c];
                if (f == 0) continue;
                double[] src = v[d], dst = out[c];
                for (int j = 0; j < m; j++) dst[j] += f * src[j];
            }
        }
        return out;
    }

    /** Modified Gram-Schmidt on the rows; a row that vanishes is replaced by a unit vector orthogonal to the rest. */
    static void orthonormalise(double[][] v) {
        for (int c = 0; c < v.length; c++) {
            for (int d = 0; d < c; d++) orthogonalise(v[c], v[d]);
            double norm = norm(v[c]);
            if (norm < 1e-300) {
                v[c] = new double[v[c].length];
                v[c][c % v[c].length] = 1;
                for (int d = 0; d < c; d++) orthogonalise(v[c], v[d]);
                norm = norm(v[c]);
            }
            if (norm > 0) for (int j = 0; j < v[c].length; j++) v[c][j] /= norm;
        }
    }

    /**
     * Eigenvectors of a small symmetric matrix by cyclic Jacobi rotations, as the columns of the returned matrix,
     * ordered by eigenvalue from largest to smallest.
     */
    static double[][] jacobiEigenvectors(double[][] symmetric) {
        int b = symmetric.length;
        double[][] a = new double[b][];
        for (int i = 0; i < b; i++) a[i] = symmetric[i].clone();
        double[][] v = new double[b][b];
        for (int i = 0; i < b; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < b; i++) for (int j = i + 1; j < b; j++) off += a[i][j] * a[i][j];
            if (off < 1e-30) break;
            for (int p = 0; p < b; p++) {
                for (int r = p + 1; r < b; r++) {
                    if (Math.abs(a[p][r]) < 1e-300) continue;
                    double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < b; k++) {
                        double akp = a[k][p], akr = a[k][r];
                        a[k][p] = c * akp - s * akr;
                        a[k][r] = s * akp + c * akr;
                    }
                    for (int k = 0; k < b; k++) {
                        double apk = a[p][k], ark = a[r][k];
                        a[p][k] = c * apk - s * ark;
                        a[r][k] = s * apk + c * ark;
                    }
                    for (int k = 0; k < b; k++) {
                        double vkp = v[k][p], vkr = v[k][r];
                        v[k][p] = c * vkp - s * vkr;
                        v[k][r] = s * vkp + c * vkr;
                    }
                }
            }
        }
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) order[i] = i;
        double[] eig = new double[b];
        for (int i = 0; i < b; i++) eig[i] = a[i][i];
        java.util.Arrays.sort(order, (i, j) -> Double.compare(eig[j], eig[i]));
        double[][] sorted = new double[b][b];
        for (int c = 0; c < b; c++) for (int r = 0; r < b; r++) sorted[r][c] = v[r][order[c]];
        return sorted;
    }

    private static double[] start(int m, int c, double[][] previous) {
        if (previous != null && c < previous.length && previous[c].length == m && norm(previous[c]) > 0) {
            return previous[c].clone();
        }
        double[] v = new double[m];
        for (int j = 0; j < m; j++) v[j] = 1.0 + (j % (c + 2)) * 0.5 + j * 1e-3; // deterministic
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

    static double[] fixSign(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[best])) best = j;
        if (v.length > 0 && v[best] < 0) for (int j = 0; j < v.length; j++) v[j] = -v[j];
        return v;
    }
}
