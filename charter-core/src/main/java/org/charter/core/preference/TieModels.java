package org.charter.core.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Bradley-Terry with ties, in the two classical forms, fitted by Newton's method on the strengths and the tie
 * parameter together (both negative log-likelihoods are convex in theta and eta = log of the tie parameter):
 * <ul>
 *   <li>{@link Kind#RAO_KUPPER} [1]: P(i beats j) = pi_i / (pi_i + kappa pi_j), kappa > 1, and
 *       P(tie) = (kappa^2 - 1) pi_i pi_j / ((pi_i + kappa pi_j)(pi_j + kappa pi_i));</li>
 *   <li>{@link Kind#DAVIDSON} [2]: P(i beats j) = pi_i / (pi_i + pi_j + nu sqrt(pi_i pi_j)) and
 *       P(tie) = nu sqrt(pi_i pi_j) / (the same), nu >= 0.</li>
 * </ul>
 * Data without ties have the tie parameter at its boundary (nu = 0, kappa = 1): the fit is then plain Bradley-Terry
 * and says so. Newton needs a dense (n + 1)-square matrix, so these models take at most
 * {@link LuceFitter#STANDARD_ERROR_ITEM_LIMIT} items; MM for Rao-Kupper [3, section 4] is not implemented here.
 */
public final class TieModels {
    /*
     * [1] P. V. Rao, L. L. Kupper, "Ties in paired-comparison experiments: a generalization of the Bradley-Terry
     *     model", JASA 62(317), 1967.
     * [2] R. R. Davidson, "On extending the Bradley-Terry model to accommodate ties in paired comparison
     *     experiments", JASA 65(329), 1970.
     * [3] D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Annals of Statistics 32(1), 2004.
     */
    private TieModels() { }

    public enum Kind {
        RAO_KUPPER("rao-kupper", "kappa"), DAVIDSON("davidson", "nu");

        private final String id;
        private final String parameter;

        Kind(String id, String parameter) {
            this.id = id;
            this.parameter = parameter;
        }

        public String id() { return id; }

        /** The tie parameter's name: kappa (Rao-Kupper) or nu (Davidson). */
        public String parameter() { return parameter; }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.id.equals(s.toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("unknown tie model \"" + s + "\"; choose rao-kupper or davidson");
        }
    }

    /**
     * A fit with ties.
     *
     * @param kind          the tie model
     * @param items         item names
     * @param strengths     mean-centred log-strengths
     * @param stderr        their standard errors (inverse Hessian), or null when the matrix is singular
     * @param tieParameter  kappa (Rao-Kupper, >= 1) or nu (Davidson, >= 0)
     * @param tieStderr     its standard error by the delta method, or NaN at the boundary
     * @param logLikelihood of wins and ties
     * @param alpha         the L2 penalty on the strengths
     * @param iterations    Newton iterations
     * @param converged     whether the step fell below the tolerance
     * @param notes         sentences the user should read
     */
    public record TieFit(Kind kind, List<String> items, double[] strengths, double[] stderr, double tieParameter, double tieStderr,
                         double logLikelihood, double alpha, int iterations, boolean converged, List<String> notes) {
        public TieFit {
            items = List.copyOf(items);
            strengths = strengths.clone();
            stderr = stderr == null ? null : stderr.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public double[] strengths() { return strengths.clone(); }

        @Override
        public double[] stderr() { return stderr == null ? null : stderr.clone(); }

        /** {P(i beats j), P(tie), P(j beats i)}. */
        public double[] outcome(int i, int j) {
            double pi = Math.exp(strengths[i]), pj = Math.exp(strengths[j]);
            if (kind == Kind.DAVIDSON) {
                double tie = tieParameter * Math.sqrt(pi * pj), z = pi + pj + tie;
                return new double[] {pi / z, tie / z, pj / z};
            }
            double k = tieParameter;
            double win = pi / (pi + k * pj), lose = pj / (pj + k * pi);
            return new double[] {win, 1 - win - lose, lose};
        }
    }

    /**
     * Fits {@code kind} to wins ({@code winners[c]} beat {@code losers[c]}) and ties ({@code tiesA[t]} tied with
     * {@code tiesB[t]}) among {@code items}.
     */
    public static TieFit fit(Kind kind, List<String> items, int[] winners, int[] losers, int[] tiesA, int[] tiesB, double alpha, double tol, int maxIterations) {
        int n = items.size();
        if (n > LuceFitter.STANDARD_ERROR_ITEM_LIMIT) {
            throw new IllegalArgumentException("tie models are fitted by dense Newton steps, for at most " + LuceFitter.STANDARD_ERROR_ITEM_LIMIT + " items; found " + n);
        }
        if (winners.length != losers.length || tiesA.length != tiesB.length) throw new IllegalArgumentException("unpaired wins or ties");
        if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("alpha must be a finite number >= 0, found " + alpha);
        for (int t = 0; t < tiesA.length; t++) {
            if (tiesA[t] == tiesB[t]) throw new IllegalArgumentException("tie " + t + " pairs item " + tiesA[t] + " with itself");
            for (int v : new int[] {tiesA[t], tiesB[t]}) {
                if (v < 0 || v >= n) throw new IllegalArgumentException("tie " + t + " names item " + v + ", outside 0.." + (n - 1));
            }
        }
        Choices wins = Choices.pairwise(n, winners, losers);
        List<String> notes = new ArrayList<>();
        if (tiesA.length == 0) {
            StrengthFit bt = LuceFitter.fit("bt", items, wins, LuceFitter.Options.defaults().with(LuceFitter.Algorithm.NEWTON).withAlpha(alpha).withTolerance(tol));
            notes.add("No ties in the data: the tie parameter sits at its boundary (" + kind.parameter + " = " + (kind == Kind.DAVIDSON ? "0" : "1")
                    + ") and the fit is plain Bradley-Terry.");
            notes.addAll(bt.notes());
            return new TieFit(kind, items, bt.strengths(), bt.stderr(), kind == Kind.DAVIDSON ? 0 : 1, Double.NaN, bt.logLikelihood(), bt.alpha(),
                    bt.iterations(), bt.converged(), notes);
        }
        if (winners.length == 0) throw new IllegalArgumentException("every comparison is a tie: the tie parameter would be infinite");
        // existence: a tie counts as a win both ways (Hunter 2004, for Rao-Kupper)
        int[] w2 = Arrays.copyOf(winners, winners.length + 2 * tiesA.length), l2 = Arrays.copyOf(losers, losers.length + 2 * tiesA.length);
        for (int t = 0; t < tiesA.length; t++) {
            w2[winners.length + 2 * t] = tiesA[t];
            l2[winners.length + 2 * t] = tiesB[t];
            w2[winners.length + 2 * t + 1] = tiesB[t];
            l2[winners.length + 2 * t + 1] = tiesA[t];
        }
        if (alpha == 0) {
            String why = LuceFitter.whyNoMaximumLikelihood(items, Choices.pairwise(n, w2, l2));
            if (why != null) {
                alpha = LuceFitter.AUTOMATIC_ALPHA;
                notes.add("The maximum-likelihood estimate does not exist: " + why + " (a tie counting as a win both ways). Fitted with the L2 penalty alpha = "
                        + LuceFitter.AUTOMATIC_ALPHA + " instead.");
            }
        }
        var problem = new Problem(kind, n, winners, losers, tiesA, tiesB, alpha);
        double[] x = new double[n + 1];
        double share = tiesA.length / (double) (tiesA.length + winners.length);
        x[n] = kind == Kind.DAVIDSON ? Math.log(2 * share / (1 - share)) : Math.log((1 + share) / (1 - share));
        int it = 0;
        boolean converged = false;
        double[] g = new double[n + 1];
        double[][] h = new double[n + 1][n + 1];
        while (it < maxIterations && !converged) {
            it++;
            double f = problem.evaluate(x, g, h);
            if (alpha == 0) for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) h[a][b] += 1.0 / n;
            double[][] inv = SymmetricMatrices.inverse(h);
            double[] d = new double[n + 1];
            if (inv != null) {
                for (int a = 0; a <= n; a++) for (int b = 0; b <= n; b++) d[a] -= inv[a][b] * g[b];
            } else {
                for (int a = 0; a <= n; a++) d[a] = -g[a];
            }
            double slope = LuceFitter.dot(g, d);
            if (!(slope < 0)) {
                for (int a = 0; a <= n; a++) d[a] = -g[a];
                slope = -LuceFitter.dot(g, g);
            }
            double step = 1;
            double[] trial = new double[n + 1];
            while (true) {
                for (int a = 0; a <= n; a++) trial[a] = x[a] + step * d[a];
                double ft = problem.feasible(trial) ? problem.evaluate(trial, null, null) : Double.POSITIVE_INFINITY;
                if (ft <= f + 1e-4 * step * slope || step < 1e-14) break;
                step /= 2;
            }
            double change = 0;
            for (int a = 0; a <= n; a++) change = Math.max(change, Math.abs(trial[a] - x[a]));
            if (!problem.feasible(trial)) break;
            x = trial;
            converged = change < tol;
        }
        double eta = x[n]; // both likelihoods are unchanged by a common shift of the strengths
        double[] theta = Arrays.copyOf(x, n);
        double mean = Arrays.stream(theta).sum() / n;
        for (int a = 0; a < n; a++) theta[a] -= mean;
        x = Arrays.copyOf(theta, n + 1);
        x[n] = eta;
        double logLikelihood = -problem.negativeLogLikelihood(x);
        // standard errors: C (H + [11^T/n on the strengths when alpha = 0])^-1 C
        problem.evaluate(x, g, h);
        if (alpha == 0) for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) h[a][b] += 1.0 / n;
        double[][] inv = SymmetricMatrices.inverse(h);
        double[] se = null;
        double tieSe = Double.NaN;
        double tie = Math.exp(x[n]);
        if (inv != null) {
            se = new double[n];
            double[] rowMean = new double[n];
            double total = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) rowMean[a] += inv[a][b];
                total += rowMean[a];
                rowMean[a] /= n;
            }
            total /= (double) n * n;
            for (int a = 0; a < n; a++) se[a] = Math.sqrt(Math.max(0, inv[a][a] - 2 * rowMean[a] + total));
            tieSe = tie * Math.sqrt(Math.max(0, inv[n][n]));
        }
        if (!converged) notes.add("Stopped after " + it + " Newton iterations without reaching the tolerance " + tol + ".");
        return new TieFit(kind, items, theta, se, tie, tieSe, logLikelihood, alpha, it, converged, notes);
    }

    /** The negative log-likelihood plus alpha * sum(theta^2), with gradient and Hessian over (theta, eta). */
    private static final class Problem {
        final Kind kind;
        final int n;
        final int[] winners, losers, tiesA, tiesB;
        final double alpha;

        Problem(Kind kind, int n, int[] winners, int[] losers, int[] tiesA, int[] tiesB, double alpha) {
            this.kind = kind;
            this.n = n;
            this.winners = winners;
            this.losers = losers;
            this.tiesA = tiesA;
            this.tiesB = tiesB;
            this.alpha = alpha;
        }

        boolean feasible(double[] x) {
            return kind == Kind.DAVIDSON ? Double.isFinite(x[n]) : x[n] > 0 && Double.isFinite(x[n]);
        }

        double negativeLogLikelihood(double[] x) {
            double penalty = 0;
            for (int a = 0; a < n; a++) penalty += x[a] * x[a];
            return evaluate(x, null, null) - alpha * penalty;
        }

        /** The objective at x; fills g and h (cleared first) when they are not null. */
        double evaluate(double[] x, double[] g, double[][] h) {
            if (g != null) {
                Arrays.fill(g, 0);
                for (double[] row : h) Arrays.fill(row, 0);
            }
            double f = 0;
            double eta = x[n];
            for (int c = 0; c < winners.length; c++) {
                int i = winners[c], j = losers[c];
                if (kind == Kind.DAVIDSON) {
                    // -theta_i + LSE(theta_i, theta_j, eta + (theta_i + theta_j)/2)
                    f += -x[i] + lse(x, g, h, new int[][] {{i}, {j}, {i, j, n}}, new double[][] {{1}, {1}, {0.5, 0.5, 1}}, new double[] {0, 0, 0});
                    if (g != null) g[i] -= 1;
                } else {
                    // -theta_i + LSE(theta_i, theta_j + eta)
                    f += -x[i] + lse(x, g, h, new int[][] {{i}, {j, n}}, new double[][] {{1}, {1, 1}}, new double[] {0, 0});
                    if (g != null) g[i] -= 1;
                }
            }
            for (int t = 0; t < tiesA.length; t++) {
                int i = tiesA[t], j = tiesB[t];
                if (kind == Kind.DAVIDSON) {
                    f += -(eta + (x[i] + x[j]) / 2) + lse(x, g, h, new int[][] {{i}, {j}, {i, j, n}}, new double[][] {{1}, {1}, {0.5, 0.5, 1}}, new double[] {0, 0, 0});
                    if (g != null) {
                        g[i] -= 0.5;
                        g[j] -= 0.5;
                        g[n] -= 1;
                    }
                } else {
                    // -log(e^{2 eta} - 1) - theta_i - theta_j + LSE(theta_i, theta_j + eta) + LSE(theta_j, theta_i + eta)
                    double e2 = Math.exp(2 * eta);
                    f += -Math.log(e2 - 1) - x[i] - x[j];
                    f += lse(x, g, h, new int[][] {{i}, {j, n}}, new double[][] {{1}, {1, 1}}, new double[] {0, 0});
                    f += lse(x, g, h, new int[][] {{j}, {i, n}}, new double[][] {{1}, {1, 1}}, new double[] {0, 0});
                    if (g != null) {
                        g[i] -= 1;
                        g[j] -= 1;
                        g[n] -= 2 * e2 / (e2 - 1);
                        h[n][n] += 4 * e2 / ((e2 - 1) * (e2 - 1));
                    }
                }
            }
            for (int a = 0; a < n; a++) {
                f += alpha * x[a] * x[a];
                if (g != null) {
                    g[a] += 2 * alpha * x[a];
                    h[a][a] += 2 * alpha;
                }
            }
            return f;
        }

        /**
         * log sum_k exp(form_k), form_k = sum_m coefficient[k][m] * x[index[k][m]] + offset[k]; adds its gradient
         * J^T p and Hessian J^T (diag p - p p^T) J to g and h.
         */
        private static double lse(double[] x, double[] g, double[][] h, int[][] index, double[][] coefficient, double[] offset) {
            int k = index.length;
            double[] u = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                double v = offset[a];
                for (int m = 0; m < index[a].length; m++) v += coefficient[a][m] * x[index[a][m]];
                u[a] = v;
                max = Math.max(max, v);
            }
            double s = 0;
            for (int a = 0; a < k; a++) s += u[a] = Math.exp(u[a] - max);
            if (g != null) {
                for (int a = 0; a < k; a++) u[a] /= s; // now p
                for (int a = 0; a < k; a++) {
                    for (int m = 0; m < index[a].length; m++) g[index[a][m]] += u[a] * coefficient[a][m];
                }
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        double w = (a == b ? u[a] : 0) - u[a] * u[b];
                        if (w == 0) continue;
                        for (int ma = 0; ma < index[a].length; ma++) {
                            for (int mb = 0; mb < index[b].length; mb++) {
                                h[index[a][ma]][index[b][mb]] += w * coefficient[a][ma] * coefficient[b][mb];
                            }
                        }
                    }
                }
            }
            return max + Math.log(s);
        }
    }
}
