package org.charter.core.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a {@link ContextualRewardModel} on pairwise comparisons of feature vectors: minibatch Adam [2] on the
 * Bradley-Terry loss [1] with an L2 penalty, early stopping on a validation split taken from the training data
 * [3], and temperature scaling [4] fitted on that same validation split.
 *
 * <p>The objective minimised is {@code (1/n) sum_i -log sigmoid(w . (phi(chosen_i) - phi(rejected_i))) + (l2/2) |w|^2}
 * over the n training comparisons (the validation comparisons excluded). One epoch is one pass over the training
 * comparisons in an order shuffled from the seed, in minibatches, with Adam's step size divided by sqrt(epoch) so that
 * the noise of the minibatch steps dies down. After each epoch the mean Bradley-Terry loss on the
 * validation comparisons is measured (temperature 1, no penalty); the weights of the epoch with the lowest validation
 * loss are kept, and training stops after {@code patience} epochs without a new lowest. Then the inverse temperature
 * beta >= 0 minimising the validation log-loss of sigmoid(beta d) is found by bisection on its derivative (the loss is
 * convex in beta). Everything is a function of the data, the options and the seed: the same inputs give the same
 * model, bit for bit.
 *
 * <p>Warm start: {@link #train(List, Options, ContextualRewardModel)} begins from an existing model's weights (its
 * calibration is refitted), so feedback that keeps arriving updates the current model instead of starting over. Adam's
 * moment estimates start from zero again.
 */
public final class ContextualTrainer {
    /*
     * [1] R. A. Bradley, M. E. Terry. "Rank Analysis of Incomplete Block Designs: I. The Method of Paired
     *     Comparisons." Biometrika 39, 1952.
     * [2] D. P. Kingma, J. Ba. "Adam: A Method for Stochastic Optimization." ICLR 2015.
     * [3] L. Prechelt. "Early Stopping - But When?" In Neural Networks: Tricks of the Trade, Springer, 1998.
     * [4] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger. "On Calibration of Modern Neural Networks." ICML 2017.
     */
    private ContextualTrainer() { }

    /** The largest inverse temperature the calibration may choose (separable validation data would push it to infinity). */
    public static final double MAX_INVERSE_TEMPERATURE = 1e4;

    /**
     * How to train.
     *
     * @param l2                 the L2 penalty coefficient (the objective adds {@code (l2/2) |w|^2}), >= 0
     * @param learningRate       Adam's step size in the first epoch (epoch e uses learningRate / sqrt(e)), > 0
     * @param maxEpochs          the most passes over the training comparisons, >= 1
     * @param patience           epochs without a lower validation loss before stopping, >= 1
     * @param validationFraction the share of the given comparisons held out for early stopping and calibration, in
     *                           [0, 1); 0 trains on everything for maxEpochs epochs with temperature 1
     * @param batchSize          comparisons per Adam step, >= 1
     * @param seed               seeds the validation split and the order of each epoch
     */
    public record Options(double l2, double learningRate, int maxEpochs, int patience, double validationFraction, int batchSize, long seed) {
        public Options {
            if (!(l2 >= 0) || Double.isInfinite(l2)) throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
            if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be at least 1, got " + maxEpochs);
            if (patience < 1) throw new IllegalArgumentException("patience must be at least 1, got " + patience);
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
            }
            if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }

        /** l2 1e-4, learning rate 0.01, at most 100 epochs, patience 5, 10% validation, batches of 32, seed 0. */
        public static Options defaults() {
            return new Options(1e-4, 0.01, 100, 5, 0.1, 32, 0);
        }

        public Options withL2(double l2) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }

        public Options withLearningRate(double learningRate) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }

        public Options withMaxEpochs(int maxEpochs) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }

        public Options withPatience(int patience) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }

        public Options withValidationFraction(double validationFraction) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }

        public Options withSeed(long seed) {
            return new Options(l2, learningRate, maxEpochs, patience, validationFraction, batchSize, seed);
        }
    }

    /**
     * How a model was trained: the evidence behind it.
     *
     * @param options                  the options used
     * @param warmStart                whether training began from a given model
     * @param trainPairs               comparisons the weights were fitted on
     * @param validationPairs          comparisons held out for early stopping and calibration
     * @param epochsRun                epochs run
     * @param bestEpoch                the epoch whose weights were kept (0 = the starting weights)
     * @param stoppedEarly             whether patience ran out before maxEpochs
     * @param trainLoss                mean Bradley-Terry loss on the training comparisons (no penalty), index 0 before training
     * @param validationLoss           the same on the validation comparisons (empty without validation)
     * @param inverseTemperature       the fitted 1/T (1 without validation)
     * @param temperature              T (+infinity when 1/T = 0)
     * @param calibratedValidationLoss the mean validation log-loss after temperature scaling (0 without validation)
     */
    public record Report(Options options, boolean warmStart, int trainPairs, int validationPairs, int epochsRun, int bestEpoch,
            boolean stoppedEarly, List<Double> trainLoss, List<Double> validationLoss, double inverseTemperature, double temperature,
            double calibratedValidationLoss) {
        public Report {
            trainLoss = List.copyOf(trainLoss);
            validationLoss = List.copyOf(validationLoss);
        }

        public String toText() {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "trained on %d comparisons, %d held out for validation%s; %d epochs, best %d%s%n",
                    trainPairs, validationPairs, warmStart ? " (warm start)" : "", epochsRun, bestEpoch, stoppedEarly ? " (stopped early)" : ""));
            if (!validationLoss.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "validation loss: start %.4f, best %.4f, calibrated %.4f at temperature %.4f%n",
                        validationLoss.get(0), validationLoss.get(bestEpoch), calibratedValidationLoss, temperature));
            }
            return sb.toString();
        }
    }

    /** A trained model with the report of its training. */
    public record Fit(ContextualRewardModel model, Report report) { }

    /** Trains from zero weights. */
    public static Fit train(List<FeatureComparison> comparisons, Options options) {
        if (comparisons.isEmpty()) throw new IllegalArgumentException("training needs at least one comparison");
        return train(comparisons, options, ContextualRewardModel.zero(comparisons.get(0).dimension()), false);
    }

    /** Trains starting from the weights of {@code start} (warm start); its calibration is refitted. */
    public static Fit train(List<FeatureComparison> comparisons, Options options, ContextualRewardModel start) {
        return train(comparisons, options, start, true);
    }

    private static Fit train(List<FeatureComparison> comparisons, Options options, ContextualRewardModel start, boolean warm) {
        if (comparisons.isEmpty()) throw new IllegalArgumentException("training needs at least one comparison");
        int dim = start.dimension();
        for (int i = 0; i < comparisons.size(); i++) {
            if (comparisons.get(i).dimension() != dim) {
                throw new IllegalArgumentException("comparison " + i + " has dimension " + comparisons.get(i).dimension() + ", expected " + dim);
            }
        }
        var root = new SplittableRandom(options.seed());
        SplittableRandom splitRandom = root.split(), orderRandom = root.split();
        int n = comparisons.size();
        int[] perm = permutation(n, splitRandom);
        int nValidation = options.validationFraction() == 0 ? 0 : (int) Math.round(options.validationFraction() * n);
        if (options.validationFraction() > 0) nValidation = Math.max(1, Math.min(n - 1, nValidation));
        if (n - nValidation < 1) throw new IllegalArgumentException("no comparison left to train on with " + n + " comparisons");
        List<FeatureComparison> validation = new ArrayList<>(), train = new ArrayList<>();
        for (int k = 0; k < n; k++) (k < nValidation ? validation : train).add(comparisons.get(perm[k]));

        double[] w = start.weights();
        double[] best = w.clone();
        double[] m = new double[dim], v = new double[dim], grad = new double[dim];
        final double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        long step = 0;
        List<Double> trainLoss = new ArrayList<>(), validationLoss = new ArrayList<>();
        trainLoss.add(meanLoss(train, w, 1));
        if (!validation.isEmpty()) validationLoss.add(meanLoss(validation, w, 1));
        double bestLoss = validation.isEmpty() ? Double.NaN : validationLoss.get(0);
        int bestEpoch = 0, epoch = 0, since = 0;
        boolean stoppedEarly = false;
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        while (epoch < options.maxEpochs()) {
            epoch++;
            shuffle(order, orderRandom);
            for (int from = 0; from < order.length; from += options.batchSize()) {
                int to = Math.min(order.length, from + options.batchSize());
                Arrays.fill(grad, 0);
                double inv = 1.0 / (to - from);
                for (int k = from; k < to; k++) {
                    FeatureComparison c = train.get(order[k]);
                    double d = c.chosen().dot(w) - c.rejected().dot(w);
                    double g = -ContextualRewardModel.sigmoid(-d) * inv; // d/dd of -log sigmoid(d), averaged
                    c.chosen().addTo(grad, g);
                    c.rejected().addTo(grad, -g);
                }
                step++;
                double correction1 = 1 - Math.pow(beta1, step), correction2 = 1 - Math.pow(beta2, step);
                double rate = options.learningRate() / Math.sqrt(epoch) * Math.sqrt(correction2) / correction1;
                double l2 = options.l2();
                for (int j = 0; j < dim; j++) {
                    double gj = grad[j] + l2 * w[j];
                    m[j] = beta1 * m[j] + (1 - beta1) * gj;
                    v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
                    w[j] -= rate * m[j] / (Math.sqrt(v[j]) + eps);
                }
            }
            trainLoss.add(meanLoss(train, w, 1));
            if (validation.isEmpty()) {
                bestEpoch = epoch;
                continue;
            }
            double loss = meanLoss(validation, w, 1);
            validationLoss.add(loss);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestEpoch = epoch;
                System.arraycopy(w, 0, best, 0, dim);
                since = 0;
            } else if (++since >= options.patience()) {
                stoppedEarly = epoch < options.maxEpochs();
                break;
            }
        }
        double[] kept = validation.isEmpty() ? w : best;
        double inverseTemperature = 1, calibrated = 0;
        if (!validation.isEmpty()) {
            double[] diffs = differences(validation, kept);
            inverseTemperature = fitInverseTemperature(diffs);
            calibrated = meanLoss(diffs, inverseTemperature);
        }
        var model = new ContextualRewardModel(kept, inverseTemperature);
        var report = new Report(options, warm, train.size(), validation.size(), epoch, bestEpoch, stoppedEarly, trainLoss, validationLoss,
                inverseTemperature, model.temperature(), calibrated);
        return new Fit(model, report);
    }

    /**
     * The inverse temperature beta in [0, {@link #MAX_INVERSE_TEMPERATURE}] minimising the mean of
     * {@code -log sigmoid(beta d_i)} over reward differences d_i (chosen minus rejected): 0 when the differences point
     * the wrong way on balance, the cap when none is negative (the data are separated and the loss falls forever).
     */
    public static double fitInverseTemperature(double[] differences) {
        if (derivative(differences, 0) >= 0) return 0;
        boolean separable = true;
        for (double d : differences) separable &= d >= 0;
        if (separable) return MAX_INVERSE_TEMPERATURE; // the loss keeps falling as beta grows
        double lo = 0, hi = 1;
        while (derivative(differences, hi) < 0) { // some d < 0, so the derivative turns positive for a finite beta
            lo = hi;
            hi *= 2;
            if (hi >= MAX_INVERSE_TEMPERATURE) {
                if (derivative(differences, MAX_INVERSE_TEMPERATURE) < 0) return MAX_INVERSE_TEMPERATURE;
                hi = MAX_INVERSE_TEMPERATURE;
                break;
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
            double mid = (lo + hi) / 2;
            if (derivative(differences, mid) < 0) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** The mean Bradley-Terry loss {@code -log sigmoid(beta (r(chosen) - r(rejected)))} of weights on comparisons. */
    public static double meanLoss(List<FeatureComparison> comparisons, double[] w, double beta) {
        return meanLoss(differences(comparisons, w), beta);
    }

    static double meanLoss(double[] differences, double beta) {
        double s = 0;
        for (double d : differences) s += ContextualRewardModel.negativeLogSigmoid(beta * d);
        return s / differences.length;
    }

    static double[] differences(List<FeatureComparison> comparisons, double[] w) {
        double[] d = new double[comparisons.size()];
        for (int i = 0; i < d.length; i++) d[i] = comparisons.get(i).chosen().dot(w) - comparisons.get(i).rejected().dot(w);
        return d;
    }

    /** d/dbeta of the summed loss: {@code -sum d_i sigmoid(-beta d_i)}, increasing in beta. */
    private static double derivative(double[] differences, double beta) {
        double s = 0;
        for (double d : differences) s -= d * ContextualRewardModel.sigmoid(-beta * d);
        return s;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, random);
        return p;
    }

    /** Fisher-Yates. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
