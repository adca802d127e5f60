package org.charter.core.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Maximum-likelihood (optionally L2-penalised) strengths of the Luce choice model, of which Bradley-Terry (choices
 * from pairs), Plackett-Luce (rankings as successive choices) and the multinomial logit (one choice from a menu) are
 * the same likelihood over different data: P(i chosen from S) = exp(theta_i) / sum over j in S of exp(theta_j).
 * The objective minimised is choix's: alpha * sum(theta^2) - log-likelihood.
 *
 * <p>Three algorithms, each reaching the same optimum:
 * <ul>
 *   <li>{@link Algorithm#MM}: minorisation-maximisation [1]; with a penalty, each coordinate of the surrogate is
 *       minimised exactly by a one-dimensional Newton solve, which keeps the MM guarantee (the objective never rises);</li>
 *   <li>{@link Algorithm#ILSR}: iterative Luce spectral ranking [2]: the strengths are the stationary distribution of a
 *       Markov chain whose rates come from the current strengths; the fixed point is the maximum-likelihood estimate.
 *       It has no penalty term, so it needs alpha = 0;</li>
 *   <li>{@link Algorithm#NEWTON}: truncated Newton with conjugate gradients on Hessian-vector products (each costs one
 *       pass over the data, so it scales like the others) and an Armijo backtracking line search [3].</li>
 * </ul>
 * The unpenalised estimate exists exactly when every split of the items into two parts has some item of each part
 * chosen over some item of the other, i.e. the graph "loser to winner" is strongly connected [4] [1, Assumption 1].
 * When it is not (an item that never wins, a group that always loses), the fit adds the penalty
 * {@link #AUTOMATIC_ALPHA}, as the literature does, and says so in the fit's notes: no infinite strengths, no NaN.
 *
 * <p>Standard errors come from the inverse of the objective's Hessian (the Fisher information plus 2 alpha I), taken as
 * a pseudo-inverse in the sum-zero subspace of mean-centred strengths; {@link #bootstrap} gives percentile intervals.
 */
public final class LuceFitter {
    /*
     * [1] D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Annals of Statistics 32(1), 2004.
     * [2] L. Maystre, M. Grossglauser, "Fast and accurate inference of Plackett-Luce models", NeurIPS 2015.
     * [3] J. Nocedal, S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006, ch. 7.1 (Newton-CG).
     * [4] L. R. Ford Jr., "Solution of a ranking problem from binary comparisons", Amer. Math. Monthly 64(8), 1957.
     * [5] B. Efron, R. Tibshirani, "An Introduction to the Bootstrap", Chapman & Hall 1993 (percentile intervals).
     * Conventions (centring, alpha * ||theta||^2) follow L. Maystre's choix library, whose test cases we reproduce.
     */
    private LuceFitter() { }

    /** The penalty added when the maximum-likelihood estimate does not exist and the caller gave none. */
    public static final double AUTOMATIC_ALPHA = 0.01;
    /** Standard errors need a dense n x n matrix; above this many items they are not computed (bootstrap instead). */
    public static final int STANDARD_ERROR_ITEM_LIMIT = 2_000;

    public enum Algorithm {
        MM, ILSR, NEWTON;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Algorithm parse(String s) {
            for (Algorithm a : values()) if (a.id().equals(s.toLowerCase(Locale.ROOT))) return a;
            throw new IllegalArgumentException("unknown algorithm \"" + s + "\"; choose mm, ilsr or newton");
        }
    }

    /**
     * How to fit.
     *
     * @param algorithm      MM, ILSR or Newton
     * @param alpha          the L2 penalty (0: maximum likelihood)
     * @param tolerance      stop when no strength changes by more than this in an iteration
     * @param maxIterations  the most outer iterations
     * @param initial        starting strengths (a warm start from a previous fit), or null for all zero
     * @param standardErrors whether to compute standard errors (only up to {@link #STANDARD_ERROR_ITEM_LIMIT} items)
     */
    public record Options(Algorithm algorithm, double alpha, double tolerance, int maxIterations, double[] initial,
                          boolean standardErrors) {
        public Options {
            if (algorithm == null) throw new IllegalArgumentException("an algorithm is needed");
            if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("alpha must be a finite number >= 0, found " + alpha);
            if (!(tolerance > 0)) throw new IllegalArgumentException("the tolerance must be positive, found " + tolerance);
            if (maxIterations < 1) throw new IllegalArgumentException("at least one iteration, found " + maxIterations);
            initial = initial == null ? null : initial.clone();
            if (initial != null) for (double t : initial) if (!Double.isFinite(t)) throw new IllegalArgumentException("an initial strength is not finite");
        }

        public static Options defaults() {
            return new Options(Algorithm.MM, 0.0, 1e-8, 100_000, null, true);
        }

        public Options with(Algorithm a) { return new Options(a, alpha, tolerance, maxIterations, initial, standardErrors); }

        public Options withAlpha(double a) { return new Options(algorithm, a, tolerance, maxIterations, initial, standardErrors); }

        public Options withTolerance(double t) { return new Options(algorithm, alpha, t, maxIterations, initial, standardErrors); }

        public Options withMaxIterations(int m) { return new Options(algorithm, alpha, tolerance, m, initial, standardErrors); }

        /** A warm start: begin from these strengths (e.g. the previous fit, when new comparisons arrive). */
        public Options withInitial(double[] theta) { return new Options(algorithm, alpha, tolerance, maxIterations, theta, standardErrors); }

        public Options withStandardErrors(boolean s) { return new Options(algorithm, alpha, tolerance, maxIterations, initial, s); }

        @Override
        public double[] initial() { return initial == null ? null : initial.clone(); }
    }

    /** Fits the strengths of {@code items} (names, in order) to {@code data}; {@code model} labels the result. */
    public static StrengthFit fit(String model, List<String> items, Choices data, Options options) {
        int n = data.items();
        if (items.size() != n) throw new IllegalArgumentException(items.size() + " item names for " + n + " items");
        if (options.initial != null && options.initial.length != n) {
            throw new IllegalArgumentException("the warm start has " + options.initial.length + " strengths for " + n + " items");
        }
        List<String> notes = new ArrayList<>();
        double alpha = options.alpha;
        Algorithm algorithm = options.algorithm;
        if (algorithm == Algorithm.ILSR && alpha > 0) {
            throw new IllegalArgumentException("iterative Luce spectral ranking maximises the likelihood without a penalty; use --algorithm mm or newton with --alpha");
        }
        if (alpha == 0) {
            String missing = whyNoMaximumLikelihood(items, data);
            if (missing != null) {
                alpha = AUTOMATIC_ALPHA;
                notes.add("The maximum-likelihood estimate does not exist: " + missing + " (Ford 1957). Fitted with the L2 penalty alpha = "
                        + AUTOMATIC_ALPHA + " instead, which keeps every strength finite.");
                if (algorithm == Algorithm.ILSR) {
                    algorithm = Algorithm.MM;
                    notes.add("Iterative LSR needs the maximum-likelihood estimate to exist; MM was used instead.");
                }
            }
        }
        double[] theta = options.initial == null ? new double[n] : options.initial.clone();
        Run run = switch (algorithm) {
            case MM -> mm(data, theta, alpha, options.tolerance, options.maxIterations);
            case ILSR -> ilsr(data, theta, options.tolerance, options.maxIterations);
            case NEWTON -> newton(data, theta, alpha, options.tolerance, options.maxIterations);
        };
        centre(theta);
        double[] pi = exp(theta);
        double[] gradient = new double[n];
        double logLikelihood = gradient(new LucePasses(data), theta, pi, alpha, gradient, new double[data.size()]);
        double objective = alpha * dot(theta, theta) - logLikelihood;
        if (!run.converged) {
            notes.add("Stopped after " + run.iterations + " iterations without reaching the tolerance " + options.tolerance + ".");
        }
        double[] stderr = null;
        if (options.standardErrors) {
            if (n <= STANDARD_ERROR_ITEM_LIMIT) stderr = standardErrors(data, theta, pi, alpha);
            else notes.add("Standard errors are not computed above " + STANDARD_ERROR_ITEM_LIMIT + " items (a dense matrix); use the bootstrap.");
        }
        return new StrengthFit(model, algorithm.id(), items, theta, stderr, logLikelihood, objective, alpha,
                run.iterations, run.converged, run.passes, maxAbs(gradient), notes);
    }

    /** Fits the strengths of items named by their indices. */
    public static StrengthFit fit(String model, Choices data, Options options) {
        List<String> names = new ArrayList<>(data.items());
        for (int i = 0; i < data.items(); i++) names.add(Integer.toString(i));
        return fit(model, names, data, options);
    }

    /**
     * Percentile bootstrap intervals [5]: resamples the observations (comparisons, rankings or menus, each kept whole)
     * with replacement {@code replicates} times from {@code seed}, refits each from the point estimate, and takes the
     * (1 - level)/2 and (1 + level)/2 quantiles of every strength.
     */
    public static BootstrapIntervals bootstrap(StrengthFit fit, Choices data, Options options, int replicates, double level, long seed) {
        if (replicates < 2) throw new IllegalArgumentException("a bootstrap needs at least 2 replicates, found " + replicates);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("the interval level must lie in (0, 1), found " + level);
        int n = data.items(), observations = data.observations();
        if (observations == 0) throw new IllegalArgumentException("no observations to resample");
        double[][] samples = new double[n][replicates];
        var random = new SplittableRandom(seed);
        Options refit = options.withInitial(fit.strengths()).withStandardErrors(false).withAlpha(fit.alpha());
        if (refit.algorithm() == Algorithm.ILSR && fit.alpha() > 0) refit = refit.with(Algorithm.MM);
        int penalised = 0;
        // an observation's weight is its count (a ranking given by 3 voters is 3 draws): resample the units, not the rows
        double[] unit = new double[observations];
        for (int c = 0; c < data.size(); c++) unit[data.observation(c)] = data.weight(c);
        double[] cumulative = new double[observations];
        double total = 0;
        boolean whole = true;
        for (int o = 0; o < observations; o++) {
            total += unit[o];
            cumulative[o] = total;
            whole &= unit[o] == Math.rint(unit[o]);
        }
        long draws = whole ? Math.round(total) : observations;
        double scale = whole ? 1 : total / draws;
        double[] counts = new double[observations];
        double[] weights = new double[data.size()];
        for (int b = 0; b < replicates; b++) {
            Arrays.fill(counts, 0);
            for (long k = 0; k < draws; k++) {
                int o = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                counts[o < 0 ? Math.min(-o - 1, observations - 1) : o]++;
            }
            for (int c = 0; c < weights.length; c++) weights[c] = counts[data.observation(c)] * scale;
            StrengthFit replicate = fit(fit.model(), fit.items(), data.reweighted(weights), refit);
            if (replicate.alpha() > refit.alpha()) penalised++;
            for (int i = 0; i < n; i++) samples[i][b] = replicate.strengths()[i];
        }
        double[] lower = new double[n], upper = new double[n];
        for (int i = 0; i < n; i++) {
            Arrays.sort(samples[i]);
            lower[i] = quantile(samples[i], (1 - level) / 2);
            upper[i] = quantile(samples[i], (1 + level) / 2);
        }
        return new BootstrapIntervals(level, replicates, seed, lower, upper, penalised);
    }

    /**
     * Percentile intervals of the strengths.
     *
     * @param penalisedReplicates replicates whose maximum-likelihood estimate did not exist and were fitted with the
     *                            automatic penalty (they pull the interval toward 0; many of them mean too little data)
     */
    public record BootstrapIntervals(double level, int replicates, long seed, double[] lower, double[] upper, int penalisedReplicates) {
        public BootstrapIntervals {
            lower = lower.clone();
            upper = upper.clone();
        }

        @Override
        public double[] lower() { return lower.clone(); }

        @Override
        public double[] upper() { return upper.clone(); }
    }

    // ---- the algorithms ----

    record Run(int iterations, boolean converged, long passes) { }

    /** MM [1]: theta_j solves D_j exp(theta_j) + 2 alpha theta_j = W_j, D_j = sum over sets containing j of w / s. */
    static Run mm(Choices data, double[] theta, double alpha, double tol, int maxIterations) {
        int n = data.items();
        var passes = new LucePasses(data);
        double[] wins = data.wins();
        double[] denominators = new double[n], sums = new double[data.size()];
        double[] previous = new double[n];
        if (alpha == 0) centre(theta);
        for (int it = 1; it <= maxIterations; it++) {
            System.arraycopy(theta, 0, previous, 0, n);
            if (alpha == 0) {
                passes.denominators(exp(theta), denominators, sums, false);
                for (int j = 0; j < n; j++) theta[j] = Math.log(wins[j] / denominators[j]);
                centre(theta); // the likelihood does not see a common shift; the exp() helper shifts too
            } else {
                // the penalised surrogate is not shift invariant: use the unshifted exp(theta)
                double[] pi = new double[n];
                for (int j = 0; j < n; j++) pi[j] = Math.exp(theta[j]);
                passes.denominators(pi, denominators, sums, false);
                for (int j = 0; j < n; j++) theta[j] = solveCoordinate(denominators[j], wins[j], alpha, theta[j]);
            }
            if (maxChange(previous, theta) < tol) return new Run(it, true, passes.passes());
        }
        return new Run(maxIterations, false, passes.passes());
    }

    /** The root of D e^t + 2 alpha t - W = 0 (increasing in t), by safeguarded Newton from t0. */
    static double solveCoordinate(double d, double w, double alpha, double t0) {
        // bracket: at t = W/(2 alpha) the function is >= 0; below, find a point where it is <= 0
        double hi = w / (2 * alpha);
        double lo = Math.min(t0, hi) - 1;
        while (d * Math.exp(lo) + 2 * alpha * lo - w > 0) lo -= Math.max(1, Math.abs(lo)); // step down, doubling the distance
        double t = Math.max(lo, Math.min(hi, t0));
        for (int k = 0; k < 100; k++) {
            double e = d * Math.exp(t);
            double f = e + 2 * alpha * t - w;
            if (f > 0) hi = t; else lo = t;
            double step = f / (e + 2 * alpha);
            double next = t - step;
            if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-14 * Math.max(1, Math.abs(t))) return next;
            t = next;
        }
        return t;
    }

    /**
     * Iterative LSR [2]: with rates from the current strengths pi (a choice c of w from S moves each loser l to w at
     * rate weight / sum over S of pi), the new strengths are the stationary distribution, found by lazy power
     * iteration on the embedded jump chain warm-started from pi. Its fixed point is the maximum-likelihood estimate.
     */
    static Run ilsr(Choices data, double[] theta, double tol, int maxIterations) {
        return ilsr(data, theta, tol, maxIterations, true);
    }

    /** With {@code adaptive} false every stationary distribution is solved to a tenth of the tolerance (one exact LSR step per iteration). */
    static Run ilsr(Choices data, double[] theta, double tol, int maxIterations, boolean adaptive) {
        int n = data.items();
        var passes = new LucePasses(data);
        double[] out = new double[n];      // total rate at which j moves away (the sets where j lost)
        double[] sums = new double[data.size()];
        double[] previous = new double[n];
        double[] x = null;
        double change = Double.POSITIVE_INFINITY;
        centre(theta);
        for (int it = 1; it <= maxIterations; it++) {
            System.arraycopy(theta, 0, previous, 0, n);
            double[] pi = exp(theta);
            normalise(pi);
            passes.lossRates(pi, out, sums);
            // far from the fixed point the chain need not be solved exactly: the inner tolerance follows the outer
            // change, down to a tenth of the tolerance, so the fixed point (the estimate) is unchanged
            x = stationary(passes, sums, out, pi, adaptive ? Math.max(tol * 0.1, Math.min(1e-2, change * 1e-2)) : tol * 0.1);
            for (int j = 0; j < n; j++) theta[j] = Math.log(x[j]);
            centre(theta);
            change = maxChange(previous, theta);
            if (change < tol) return new Run(it, true, passes.passes());
        }
        return new Run(maxIterations, false, passes.passes());
    }

    /** The stationary distribution of the chain: lazy power iteration on y = x * out (the embedded chain). */
    private static double[] stationary(LucePasses passes, double[] sums, double[] out, double[] start, double tol) {
        int n = passes.items;
        double[] y = new double[n], next = new double[n], ratio = new double[n];
        for (int j = 0; j < n; j++) y[j] = start[j] * out[j];
        normalise(y);
        for (int k = 0; k < 100_000; k++) {
            for (int j = 0; j < n; j++) ratio[j] = y[j] / out[j];
            passes.inflow(sums, ratio, next);
            double total = 0;
            for (int j = 0; j < n; j++) {
                next[j] = 0.5 * (y[j] + next[j]);
                total += next[j];
            }
            double change = 0;
            for (int j = 0; j < n; j++) {
                next[j] /= total;
                change = Math.max(change, Math.abs(Math.log(next[j] / y[j])));
            }
            double[] t = y;
            y = next;
            next = t;
            if (change < tol) break;
        }
        double[] x = new double[n];
        for (int j = 0; j < n; j++) x[j] = y[j] / out[j];
        normalise(x);
        return x;
    }

    /** Newton-CG [3] with an Armijo line search; each Hessian-vector product is one pass over the data. */
    static Run newton(Choices data, double[] theta, double alpha, double tol, int maxIterations) {
        int n = data.items();
        var passes = new LucePasses(data);
        double[] g = new double[n], sums = new double[data.size()], diag = new double[n];
        for (int it = 1; it <= maxIterations; it++) {
            double[] pi = exp(theta);
            double f = alpha * dot(theta, theta) - gradient(passes, theta, pi, alpha, g, sums);
            double gnorm = Math.sqrt(dot(g, g));
            if (maxAbs(g) < 1e-12) return new Run(it, true, passes.passes());
            passes.hessianDiagonal(pi, sums, alpha, diag);
            double[] d = conjugateGradient(passes, pi, sums, alpha, g, diag, Math.min(0.5, Math.sqrt(gnorm)) * gnorm);
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction (numerically flat): take the gradient
                for (int j = 0; j < n; j++) d[j] = -g[j];
                slope = -dot(g, g);
            }
            double step = 1;
            double[] trial = new double[n];
            double change;
            while (true) {
                for (int j = 0; j < n; j++) trial[j] = theta[j] + step * d[j];
                double ft = alpha * dot(trial, trial) - passes.logLikelihood(trial);
                if (ft <= f + 1e-4 * step * slope || step < 1e-12) break;
                step /= 2;
            }
            change = maxChange(theta, trial);
            System.arraycopy(trial, 0, theta, 0, n);
            if (alpha == 0) centre(theta);
            if (change < tol) return new Run(it, true, passes.passes());
        }
        return new Run(maxIterations, false, passes.passes());
    }

    /**
     * Solves H d = -g approximately by conjugate gradients preconditioned with the Hessian's diagonal (Jacobi), until
     * the residual is below {@code target}.
     */
    private static double[] conjugateGradient(LucePasses passes, double[] pi, double[] sums, double alpha, double[] g, double[] diag, double target) {
        int n = g.length;
        double[] d = new double[n], r = new double[n], z = new double[n], p = new double[n], hp = new double[n];
        for (int j = 0; j < n; j++) r[j] = -g[j];
        if (alpha == 0) centre(r); // stay in the sum-zero subspace where H is invertible
        precondition(r, diag, z, alpha);
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z);
        for (int k = 0; k < Math.max(50, Math.min(n, 500)) && Math.sqrt(dot(r, r)) > target; k++) {
            passes.hessianTimes(pi, sums, alpha, p, hp);
            double php = dot(p, hp);
            if (!(php > 0)) break;
            double a = rz / php;
            for (int j = 0; j < n; j++) {
                d[j] += a * p[j];
                r[j] -= a * hp[j];
            }
            precondition(r, diag, z, alpha);
            double rzNext = dot(r, z);
            double beta = rzNext / rz;
            for (int j = 0; j < n; j++) p[j] = z[j] + beta * p[j];
            rz = rzNext;
        }
        return d;
    }

    /** z = D^-1 r, kept in the sum-zero subspace when there is no penalty. */
    private static void precondition(double[] r, double[] diag, double[] z, double alpha) {
        for (int j = 0; j < r.length; j++) z[j] = diag[j] > 0 ? r[j] / diag[j] : r[j];
        if (alpha == 0) centre(z);
    }

    // ---- passes over the data (LucePasses) ----

    /** Fills the objective's gradient (2 alpha theta + pi_j D_j - W_j) and returns the log-likelihood. */
    static double gradient(LucePasses passes, double[] theta, double[] pi, double alpha, double[] g, double[] sums) {
        int n = passes.items;
        double ll = passes.denominators(pi, g, sums, true);
        double[] wins = passes.data.wins();
        for (int j = 0; j < n; j++) g[j] = g[j] * pi[j] - wins[j] + 2 * alpha * theta[j];
        return ll;
    }

    /** The log-likelihood of strengths theta. */
    public static double logLikelihood(Choices data, double[] theta) {
        return new LucePasses(data).logLikelihood(theta);
    }

    /** Standard errors: square roots of the diagonal of C H^-1 C (pseudo-inverse in the sum-zero subspace). */
    static double[] standardErrors(Choices data, double[] theta, double[] pi, double alpha) {
        int n = theta.length;
        double[][] h = new double[n][n];
        for (int c = 0, m = data.size(); c < m; c++) {
            double w = data.weight(c);
            if (w == 0) continue;
            int[] set = new int[data.setSize(c)];
            set[0] = data.chosen(c);
            for (int o = 0; o < set.length - 1; o++) set[o + 1] = data.other(c, o);
            double[] p = softmax(theta, set);
            for (int a = 0; a < set.length; a++) {
                h[set[a]][set[a]] += w * p[a];
                for (int b = 0; b < set.length; b++) h[set[a]][set[b]] -= w * p[a] * p[b];
            }
        }
        for (int j = 0; j < n; j++) {
            h[j][j] += 2 * alpha;
            if (alpha == 0) for (int k = 0; k < n; k++) h[j][k] += 1.0 / n; // make the null direction (all ones) invertible
        }
        double[][] inverse = SymmetricMatrices.inverse(h);
        if (inverse == null) return null;
        // centre rows and columns: C M C with C = I - 11^T/n
        double[] rowMean = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += inverse[j][k];
            rowMean[j] = s / n;
            total += s;
        }
        total /= (double) n * n;
        double[] se = new double[n];
        for (int j = 0; j < n; j++) se[j] = Math.sqrt(Math.max(0, inverse[j][j] - 2 * rowMean[j] + total));
        return se;
    }

    // ---- existence of the maximum-likelihood estimate ----

    /**
     * Why the unpenalised estimate does not exist, or null when it does: the directed graph with an edge from every
     * unchosen item of a set to the chosen one must be strongly connected (Ford 1957; Hunter 2004, Assumption 1).
     */
    public static String whyNoMaximumLikelihood(List<String> names, Choices data) {
        int n = data.items();
        if (n == 1) return null;
        double[] wins = data.wins();
        double[] appearances = new double[n];
        for (int c = 0; c < data.size(); c++) {
            if (data.weight(c) == 0) continue;
            appearances[data.chosen(c)] += data.weight(c);
            for (int o = 0; o < data.otherCount(c); o++) appearances[data.other(c, o)] += data.weight(c);
        }
        List<String> never = new ArrayList<>(), always = new ArrayList<>(), absent = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (appearances[j] == 0) absent.add(names.get(j));
            else if (wins[j] == 0) never.add(names.get(j));
            else if (wins[j] == appearances[j]) always.add(names.get(j));
        }
        if (!absent.isEmpty()) return listed(absent) + (absent.size() == 1 ? " appears" : " appear") + " in no comparison";
        if (!never.isEmpty()) return listed(never) + (never.size() == 1 ? " is" : " are") + " never chosen";
        if (!always.isEmpty()) return listed(always) + (always.size() == 1 ? " is" : " are") + " always chosen";
        // general case: reachability both ways from item 0 over the "loser -> winner" edges
        int[][] forward = adjacency(data, true), backward = adjacency(data, false);
        boolean[] reachedForward = reach(forward), reachedBackward = reach(backward);
        for (int j = 0; j < n; j++) {
            if (!reachedForward[j] || !reachedBackward[j]) {
                String a = names.get(0), b = names.get(j);
                return "the items split into groups one of which is never chosen over the other (for example "
                        + (!reachedForward[j] ? "\"" + a + "\" is never connected to a win over \"" + b + "\"" : "\"" + b + "\" is never connected to a win over \"" + a + "\"") + ")";
            }
        }
        return null;
    }

    private static int[][] adjacency(Choices data, boolean loserToWinner) {
        int n = data.items();
        int[] degree = new int[n];
        for (int c = 0; c < data.size(); c++) {
            if (data.weight(c) == 0) continue;
            for (int o = 0; o < data.otherCount(c); o++) degree[loserToWinner ? data.other(c, o) : data.chosen(c)]++;
        }
        int[][] adj = new int[n][];
        for (int j = 0; j < n; j++) adj[j] = new int[degree[j]];
        Arrays.fill(degree, 0);
        for (int c = 0; c < data.size(); c++) {
            if (data.weight(c) == 0) continue;
            for (int o = 0; o < data.otherCount(c); o++) {
                int l = data.other(c, o), w = data.chosen(c);
                if (loserToWinner) adj[l][degree[l]++] = w; else adj[w][degree[w]++] = l;
            }
        }
        return adj;
    }

    private static boolean[] reach(int[][] adj) {
        boolean[] seen = new boolean[adj.length];
        int[] stack = new int[adj.length];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int v = stack[--top];
            for (int u : adj[v]) if (!seen[u]) { seen[u] = true; stack[top++] = u; }
        }
        return seen;
    }

    private static String listed(List<String> names) {
        int shown = Math.min(5, names.size());
        String s = "item" + (names.size() == 1 ? " " : "s ") + String.join(", ", names.subList(0, shown).stream().map(x -> "\"" + x + "\"").toList());
        return names.size() > shown ? s + " and " + (names.size() - shown) + " more" : s;
    }

    // ---- small numeric helpers ----

    /** The Luce probabilities exp(theta_i) / sum over the set, computed stably. */
    static double[] softmax(double[] theta, int[] set) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i : set) max = Math.max(max, theta[i]);
        double[] p = new double[set.length];
        double s = 0;
        for (int k = 0; k < set.length; k++) s += p[k] = Math.exp(theta[set[k]] - max);
        for (int k = 0; k < set.length; k++) p[k] /= s;
        return p;
    }

    static double[] exp(double[] theta) {
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (double t : theta) { max = Math.max(max, t); min = Math.min(min, t); }
        double shift = theta.length == 0 ? 0 : (max + min) / 2;
        double[] pi = new double[theta.length];
        for (int j = 0; j < theta.length; j++) pi[j] = Math.exp(theta[j] - shift);
        return pi;
    }

    static void centre(double[] theta) {
        double mean = 0;
        for (double t : theta) mean += t;
        mean /= theta.length;
        for (int j = 0; j < theta.length; j++) theta[j] -= mean;
    }

    private static double maxChange(double[] a, double[] b) {
        double m = 0;
        for (int j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j] - b[j]));
        return m;
    }

    private static void normalise(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        for (int j = 0; j < x.length; j++) x[j] /= s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
