package org.charter.core.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latent groups of annotators: a finite mixture of Luce (Bradley-Terry / Plackett-Luce) models in which each annotator
 * belongs to one unknown component, fitted by expectation-maximisation [1] with several seeded restarts. The E-step
 * gives each annotator's posterior membership; the M-step refits each component's strengths by MM on the choices
 * weighted by those memberships [2], warm-started from the previous step. This is the reward-mixture step of
 * MaxMin-RLHF [3], which learns one reward per latent user group before aggregating them egalitarianly.
 *
 * <p>The number of groups is chosen by held-out likelihood: a seeded share of every annotator's choices is held out,
 * mixtures of 1..K components are fitted on the rest, and each is scored by the predictive log-likelihood of the
 * held-out choices under the annotator's posterior membership from the training choices; the best K is refitted on
 * all data. Components are ordered by decreasing weight, so their labels do not depend on the restart.
 */
public final class MixtureModel {
    /*
     * [1] A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood from incomplete data via the EM algorithm",
     *     JRSS B 39(1), 1977.
     * [2] D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Annals of Statistics 32(1), 2004.
     * [3] S. Chakraborty et al., "MaxMin-RLHF: Alignment with diverse human preferences", ICML 2024.
     */
    private MixtureModel() { }

    /** Choices with the annotator who made each (0-based index into {@code annotators}). */
    public record Annotated(Choices data, int[] annotator, List<String> annotators) {
        public Annotated {
            annotator = annotator.clone();
            annotators = List.copyOf(annotators);
            if (annotator.length != data.size()) throw new IllegalArgumentException(annotator.length + " annotators for " + data.size() + " choices");
            for (int a : annotator) if (a < 0 || a >= annotators.size()) throw new IllegalArgumentException("annotator index " + a + " outside 0.." + (annotators.size() - 1));
        }

        @Override
        public int[] annotator() { return annotator.clone(); }
    }

    /**
     * How to fit.
     *
     * @param alpha        L2 penalty of each component (keeps a component finite when few annotators support it)
     * @param restarts     seeded random starts; the best final likelihood wins
     * @param maxIterations EM iterations per start
     * @param tolerance    stop when the log-likelihood gains less than this
     * @param seed         the seed of every random step
     */
    public record Options(double alpha, int restarts, int maxIterations, double tolerance, long seed) {
        public Options {
            if (!(alpha > 0)) throw new IllegalArgumentException("a mixture needs a positive alpha (components may see few choices), found " + alpha);
            if (restarts < 1 || maxIterations < 1 || !(tolerance > 0)) throw new IllegalArgumentException("restarts, iterations and tolerance must be positive");
        }

        public static Options defaults(long seed) {
            return new Options(0.01, 5, 500, 1e-7, seed);
        }
    }

    /**
     * A fitted mixture.
     *
     * @param k             components
     * @param weights       each component's share of annotators
     * @param strengths     each component's mean-centred log-strengths
     * @param posterior     per annotator (by name), the probability of each component
     * @param logLikelihood of all choices under the mixture
     * @param iterations    EM iterations of the winning start
     * @param seed          the seed used
     */
    public record Fit(int k, List<String> items, double[] weights, double[][] strengths, Map<String, double[]> posterior,
                      double logLikelihood, int iterations, long seed) {
        /** Each annotator's most probable component (ties to the lower index). */
        public Map<String, Integer> assignment() {
            Map<String, Integer> out = new LinkedHashMap<>();
            posterior.forEach((a, p) -> {
                int best = 0;
                for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
                out.put(a, best);
            });
            return out;
        }
    }

    /** One row of the choice of K: the held-out predictive log-likelihood of a mixture of {@code k} components. */
    public record Selection(int k, double heldOutLogLikelihood, int heldOutChoices) { }

    /** The chosen mixture and the scores of every K tried. */
    public record Chosen(Fit fit, List<Selection> selection, double heldOutFraction) { }

    /** Fits a mixture of exactly {@code k} components. */
    public static Fit fit(Annotated input, List<String> items, int k, Options options) {
        if (k < 1) throw new IllegalArgumentException("a mixture needs at least one component, found " + k);
        if (k > input.annotators().size()) throw new IllegalArgumentException(k + " components for " + input.annotators().size() + " annotators");
        var random = new SplittableRandom(options.seed());
        Fit best = null;
        for (int r = 0; r < (k == 1 ? 1 : options.restarts()); r++) {
            Fit f = run(input, items, k, options, random.split());
            if (best == null || f.logLikelihood() > best.logLikelihood()) best = f;
        }
        return best;
    }

    /** Chooses K in 1..maxK by held-out likelihood ({@code heldOut} of each annotator's choices), then fits on all data. */
    public static Chosen choose(Annotated input, List<String> items, int maxK, double heldOut, Options options) {
        if (!(heldOut > 0 && heldOut < 1)) throw new IllegalArgumentException("the held-out share must lie in (0, 1), found " + heldOut);
        int annotators = input.annotators().size();
        maxK = Math.min(maxK, annotators);
        // split each annotator's choices; keep at least one for training
        var random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        List<List<Integer>> byAnnotator = new ArrayList<>();
        for (int a = 0; a < annotators; a++) byAnnotator.add(new ArrayList<>());
        for (int c = 0; c < input.data().size(); c++) byAnnotator.get(input.annotator[c]).add(c);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (List<Integer> cs : byAnnotator) {
            List<Integer> shuffled = new ArrayList<>(cs);
            for (int i = shuffled.size() - 1; i > 0; i--) java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
            int hold = (int) Math.floor(heldOut * shuffled.size());
            if (hold >= shuffled.size()) hold = shuffled.size() - 1;
            test.addAll(shuffled.subList(0, hold));
            train.addAll(shuffled.subList(hold, shuffled.size()));
        }
        int[] trainIdx = train.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] testIdx = test.stream().mapToInt(Integer::intValue).sorted().toArray();
        Annotated trainSet = restrict(input, trainIdx);
        List<Selection> rows = new ArrayList<>();
        int bestK = 1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= maxK; k++) {
            Fit f = fit(trainSet, items, k, options);
            double score = heldOutLogLikelihood(input, testIdx, f);
            rows.add(new Selection(k, score, testIdx.length));
            if (score > bestScore + 1e-9) { bestScore = score; bestK = k; }
        }
        return new Chosen(fit(input, items, bestK, options), rows, heldOut);
    }

    private static Annotated restrict(Annotated input, int[] indices) {
        int[] ann = new int[indices.length];
        for (int i = 0; i < indices.length; i++) ann[i] = input.annotator[indices[i]];
        return new Annotated(input.data().subset(indices), ann, input.annotators());
    }

    /** sum over annotators of log sum_k posterior_ak * prod over held-out choices of P_k(choice). */
    static double heldOutLogLikelihood(Annotated input, int[] testIdx, Fit f) {
        int annotators = input.annotators().size();
        double[][] logp = new double[annotators][f.k()];
        boolean[] seen = new boolean[annotators];
        for (int c : testIdx) {
            int a = input.annotator[c];
            seen[a] = true;
            for (int k = 0; k < f.k(); k++) logp[a][k] += input.data().weight(c) * logChoice(input.data(), c, f.strengths()[k]);
        }
        double total = 0;
        for (int a = 0; a < annotators; a++) {
            if (!seen[a]) continue;
            double[] post = f.posterior().get(input.annotators().get(a));
            double[] terms = new double[f.k()];
            for (int k = 0; k < f.k(); k++) terms[k] = Math.log(post[k]) + logp[a][k];
            total += logSumExp(terms);
        }
        return total;
    }

    private static Fit run(Annotated input, List<String> items, int k, Options options, SplittableRandom random) {
        Choices data = input.data();
        int annotators = input.annotators().size(), n = data.items(), m = data.size();
        double[][] resp = seed(input, items, k, options, random);
        double[][] theta = new double[k][n];
        double[] mixing = new double[k];
        double previous = Double.NEGATIVE_INFINITY, ll = Double.NEGATIVE_INFINITY;
        int it = 0;
        double[] weights = new double[m];
        double[][] logp = new double[annotators][k];
        while (it < options.maxIterations()) {
            it++;
            // M-step
            for (int c = 0; c < k; c++) {
                double share = 0;
                for (int a = 0; a < annotators; a++) share += resp[a][c];
                mixing[c] = Math.max(share / annotators, 1e-300);
                for (int x = 0; x < m; x++) weights[x] = data.weight(x) * resp[input.annotator[x]][c];
                var opts = LuceFitter.Options.defaults().with(LuceFitter.Algorithm.NEWTON).withAlpha(options.alpha()).withTolerance(1e-8)
                        .withMaxIterations(100).withInitial(theta[c]).withStandardErrors(false);
                theta[c] = LuceFitter.fit("bt", items, data.reweighted(weights), opts).strengths();
            }
            // E-step
            for (double[] row : logp) Arrays.fill(row, 0);
            for (int x = 0; x < m; x++) {
                int a = input.annotator[x];
                for (int c = 0; c < k; c++) logp[a][c] += data.weight(x) * logChoice(data, x, theta[c]);
            }
            ll = 0;
            for (int a = 0; a < annotators; a++) {
                double[] terms = new double[k];
                for (int c = 0; c < k; c++) terms[c] = Math.log(mixing[c]) + logp[a][c];
                double z = logSumExp(terms);
                ll += z;
                for (int c = 0; c < k; c++) resp[a][c] = Math.exp(terms[c] - z);
            }
            if (ll - previous < options.tolerance() * Math.max(1, Math.abs(ll))) break;
            previous = ll;
        }
        // order components by weight, largest first
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) order[c] = c;
        Arrays.sort(order, (x, y) -> Double.compare(mixing[y], mixing[x]));
        double[] w = new double[k];
        double[][] strengths = new double[k][];
        for (int c = 0; c < k; c++) {
            w[c] = mixing[order[c]];
            strengths[c] = theta[order[c]];
        }
        Map<String, double[]> posterior = new LinkedHashMap<>();
        for (int a = 0; a < annotators; a++) {
            double[] p = new double[k];
            for (int c = 0; c < k; c++) p[c] = resp[a][order[c]];
            posterior.put(input.annotators().get(a), p);
        }
        return new Fit(k, items, w, strengths, posterior, ll, it, options.seed());
    }

    /**
     * Initial memberships by seeding with annotators, as k-means++ seeds with points [4]: the first seed annotator is
     * drawn uniformly, each next one with probability proportional to the square of its mean negative log-likelihood
     * per choice under the best of the seeds so far; each seed's own choices give a penalised model, and annotators
     * start with the posterior under those models. Random soft starts let one component absorb everyone when groups
     * are opposite (both start near the flat pooled fit); seeds from single annotators start apart.
     * [4] D. Arthur, S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
     */
    private static double[][] seed(Annotated input, List<String> items, int k, Options options, SplittableRandom random) {
        Choices data = input.data();
        int annotators = input.annotators().size(), m = data.size();
        double[][] models = new double[k][];
        double[] best = new double[annotators];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        int[] count = new int[annotators];
        for (int x = 0; x < m; x++) count[input.annotator[x]]++;
        int next = random.nextInt(annotators);
        for (int c = 0; c < k; c++) {
            double[] w = new double[m];
            for (int x = 0; x < m; x++) w[x] = input.annotator[x] == next ? data.weight(x) : 0;
            models[c] = LuceFitter.fit("bt", items, data.reweighted(w), LuceFitter.Options.defaults().with(LuceFitter.Algorithm.NEWTON)
                    .withAlpha(Math.max(options.alpha(), 0.1)).withStandardErrors(false)).strengths();
            double[] ll = new double[annotators];
            for (int x = 0; x < m; x++) ll[input.annotator[x]] += data.weight(x) * logChoice(data, x, models[c]);
            double total = 0;
            double[] d2 = new double[annotators];
            for (int a = 0; a < annotators; a++) {
                best[a] = Math.max(best[a], count[a] == 0 ? 0 : ll[a] / count[a]);
                d2[a] = best[a] * best[a];
                total += d2[a];
            }
            if (c + 1 < k) {
                double u = random.nextDouble() * total;
                next = annotators - 1;
                for (int a = 0; a < annotators; a++) {
                    u -= d2[a];
                    if (u < 0) { next = a; break; }
                }
            }
        }
        double[][] resp = new double[annotators][k];
        double[][] logp = new double[annotators][k];
        for (int x = 0; x < m; x++) {
            for (int c = 0; c < k; c++) logp[input.annotator[x]][c] += data.weight(x) * logChoice(data, x, models[c]);
        }
        for (int a = 0; a < annotators; a++) {
            double z = logSumExp(logp[a]);
            for (int c = 0; c < k; c++) resp[a][c] = Math.exp(logp[a][c] - z);
        }
        return resp;
    }

    /** log P(chosen | set) under strengths theta. */
    static double logChoice(Choices data, int c, double[] theta) {
        int chosen = data.chosen(c);
        double max = theta[chosen];
        for (int o = 0; o < data.otherCount(c); o++) max = Math.max(max, theta[data.other(c, o)]);
        double s = Math.exp(theta[chosen] - max);
        for (int o = 0; o < data.otherCount(c); o++) s += Math.exp(theta[data.other(c, o)] - max);
        return theta[chosen] - max - Math.log(s);
    }

    static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) max = Math.max(max, t);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (double t : terms) s += Math.exp(t - max);
        return max + Math.log(s);
    }
}
