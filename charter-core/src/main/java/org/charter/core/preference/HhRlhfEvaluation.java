package org.charter.core.preference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.charter.core.uncertainty.Calibration;
import org.charter.core.uncertainty.ProportionInterval;

/**
 * The held-out evaluation of a contextual Bradley-Terry reward model on HH-RLHF pairs [1]: split the pairs by seed into
 * train and test, train on hashed n-grams of the final responses (the trainer takes its validation split for early
 * stopping, the choice of L2 and calibration out of train), and measure on the test split only: pairwise accuracy
 * with a Wilson interval, calibration (ECE, Brier, log-loss, risk-coverage), against two baselines on the same test
 * pairs, "prefer the shorter response" and "prefer the longer response".
 *
 * <p>No number measured on the test split feeds back into training: the L2 coefficient is chosen from
 * {@link Options#l2Grid()} by the validation loss, and everything else is fixed in advance. Pairs with identical
 * responses carry no preference and are left out of both splits (and counted).
 */
public final class HhRlhfEvaluation {
    /*
     * [1] Y. Bai et al. "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback."
     *     arXiv:2204.05862, 2022.
     * [2] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger. "On Calibration of Modern Neural Networks." ICML 2017.
     */
    private HhRlhfEvaluation() { }

    /**
     * How to evaluate.
     *
     * @param trainFraction the share of pairs for training (validation included), in (0, 1)
     * @param seed          seeds the train/test split and the trainer
     * @param featurizer    turns responses into features
     * @param trainer       the trainer's options (its seed is replaced by {@code seed}; its l2 by the grid's choice)
     * @param l2Grid        the L2 coefficients tried; the one with the lowest validation loss is kept
     */
    public record Options(double trainFraction, long seed, HashedNgramFeaturizer featurizer, ContextualTrainer.Options trainer, List<Double> l2Grid) {
        public Options {
            if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("the train fraction must be in (0, 1), got " + trainFraction);
            l2Grid = List.copyOf(l2Grid);
            if (l2Grid.isEmpty()) throw new IllegalArgumentException("the l2 grid needs at least one value");
            if (trainer.validationFraction() == 0) throw new IllegalArgumentException("the evaluation needs a validation split (fraction > 0)");
        }

        /**
         * Train fraction 0.8, 2^bits hashed dimensions with sublinear tf, Adam at learning rate 0.01/sqrt(epoch) in batches of 32
         * for at most 100 epochs with patience 5, 15% of train held out for validation, L2 from {1e-5, 1e-4, 1e-3, 1e-2}.
         */
        public static Options defaults(double trainFraction, long seed, int bits) {
            return new Options(trainFraction, seed, new HashedNgramFeaturizer(bits, HashedNgramFeaturizer.TermWeighting.SUBLINEAR),
                    new ContextualTrainer.Options(1e-4, 0.01, 100, 5, 0.15, 32, seed), List.of(1e-5, 1e-4, 1e-3, 1e-2));
        }
    }

    /**
     * A baseline rule's accuracy on the test pairs.
     *
     * @param name     short name
     * @param rule     what it predicts
     * @param accuracy correct predictions (ties count one half) with a 95% Wilson interval
     * @param ties     test pairs on which it could not decide
     */
    public record Baseline(String name, String rule, ProportionInterval accuracy, int ties) { }

    /**
     * One L2 coefficient tried, with its validation loss (after early stopping, before calibration).
     *
     * @param l2             the coefficient
     * @param validationLoss the best validation loss reached
     * @param epochs         epochs run
     */
    public record L2Trial(double l2, double validationLoss, int epochs) { }

    /**
     * The evaluation.
     *
     * @param file              the data file's name
     * @param featurizer        a description of phi
     * @param pairsRead         pairs in the file
     * @param identicalExcluded pairs with identical responses, left out
     * @param trainPairs        pairs the weights were fitted on
     * @param validationPairs   pairs held out of train for early stopping, L2 choice and calibration
     * @param testPairs         pairs measured
     * @param accuracy          held-out pairwise accuracy (a tie of rewards counts one half), 95% Wilson interval
     * @param ties              test pairs with equal rewards
     * @param calibration       top-label calibration of P(chosen preferred) on the test pairs (15 bins)
     * @param riskCoverage      risk-coverage of the model's pairwise predictions, confidence max(p, 1 - p)
     * @param baselines         the length baselines on the same test pairs
     * @param l2Trials          every L2 tried on the validation split
     * @param training          the report of the kept model's training
     */
    public record Result(String file, String featurizer, int pairsRead, int identicalExcluded, int trainPairs, int validationPairs, int testPairs,
            ProportionInterval accuracy, int ties, Calibration.Report calibration, Calibration.RiskCoverage riskCoverage,
            List<Baseline> baselines, List<L2Trial> l2Trials, ContextualTrainer.Report training) {
        public Result {
            baselines = List.copyOf(baselines);
            l2Trials = List.copyOf(l2Trials);
        }

        public String toText() {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s: %d pairs (%d with identical responses left out); train %d, validation %d, test %d%n",
                    file, pairsRead, identicalExcluded, trainPairs, validationPairs, testPairs));
            sb.append("features: ").append(featurizer).append('\n');
            sb.append("l2 chosen on validation loss:");
            for (L2Trial t : l2Trials) sb.append(String.format(Locale.ROOT, " %s -> %.4f (%d epochs);", t.l2(), t.validationLoss(), t.epochs()));
            sb.append('\n');
            sb.append(training.toText());
            sb.append(String.format(Locale.ROOT, "held-out pairwise accuracy: %s (95%% Wilson)%s%n", accuracy.toText(),
                    ties > 0 ? ", " + ties + (ties == 1 ? " tie" : " ties") + " of rewards counted as 1/2" : ""));
            sb.append(String.format(Locale.ROOT, "ECE %.4f (15 bins, top-label), Brier %.4f, log-loss %.4f, AURC %.4f%n",
                    calibration.ece(), calibration.brier(), calibration.logLoss(), riskCoverage.aurc()));
            for (Baseline b : baselines) {
                sb.append(String.format(Locale.ROOT, "baseline %-8s %s (%s)%n", b.name() + ":", b.accuracy().toText(), b.rule()));
            }
            return sb.toString();
        }
    }

    /** Runs the evaluation on the pairs of {@code data}. */
    public static Result run(HhRlhf.Data data, Options options) {
        List<HhRlhf.Pair> pairs = data.informativePairs();
        if (pairs.size() < 3) throw new IllegalArgumentException(data.file() + ": at least 3 pairs with different responses are needed, found " + pairs.size());
        int[] perm = new int[pairs.size()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        var random = new SplittableRandom(options.seed());
        for (int i = perm.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = (int) Math.round(options.trainFraction() * pairs.size());
        nTrain = Math.max(2, Math.min(pairs.size() - 1, nTrain));
        List<HhRlhf.Pair> train = new ArrayList<>(), test = new ArrayList<>();
        for (int k = 0; k < perm.length; k++) (k < nTrain ? train : test).add(pairs.get(perm[k]));

        HashedNgramFeaturizer phi = options.featurizer();
        List<FeatureComparison> trainFeatures = features(train, phi), testFeatures = features(test, phi);
        ContextualTrainer.Fit best = null;
        List<L2Trial> trials = new ArrayList<>();
        for (double l2 : options.l2Grid()) {
            ContextualTrainer.Fit fit = ContextualTrainer.train(trainFeatures, options.trainer().withSeed(options.seed()).withL2(l2));
            double loss = fit.report().validationLoss().get(fit.report().bestEpoch());
            trials.add(new L2Trial(l2, loss, fit.report().epochsRun()));
            if (best == null || loss < best.report().validationLoss().get(best.report().bestEpoch())) best = fit;
        }
        ContextualRewardModel model = best.model();

        int n = test.size(), ties = 0;
        double correct = 0;
        double[] p = new double[n];
        boolean[] chosenWins = new boolean[n];
        for (int i = 0; i < n; i++) {
            FeatureComparison c = testFeatures.get(i);
            double d = model.rewardDifference(c.chosen(), c.rejected());
            if (d > 0) correct++;
            else if (d == 0) {
                correct += 0.5;
                ties++;
            }
            p[i] = model.probabilityPreferred(c.chosen(), c.rejected());
            chosenWins[i] = true;
        }
        Calibration.Report calibration = Calibration.topLabel(p, chosenWins, Calibration.DEFAULT_BINS);
        double[] confidence = new double[n], loss = new double[n];
        for (int i = 0; i < n; i++) {
            confidence[i] = Math.max(p[i], 1 - p[i]);
            loss[i] = p[i] < 0.5 ? 1 : p[i] == 0.5 ? 0.5 : 0; // a coin flip at 1/2 is wrong half the time
        }
        Calibration.RiskCoverage rc = Calibration.riskCoverage(confidence, loss);
        List<Baseline> baselines = List.of(lengthBaseline(test, true), lengthBaseline(test, false));
        ContextualTrainer.Report report = best.report();
        return new Result(data.file(), phi.describe(), data.pairs().size(), data.identicalPairs(), report.trainPairs(), report.validationPairs(), n,
                ProportionInterval.wilson95(correct, n), ties, calibration, rc, baselines, trials, report);
    }

    /** The chosen and rejected responses' features. */
    static List<FeatureComparison> features(List<HhRlhf.Pair> pairs, HashedNgramFeaturizer phi) {
        List<FeatureComparison> out = new ArrayList<>(pairs.size());
        for (HhRlhf.Pair pair : pairs) {
            out.add(new FeatureComparison(phi.features(pair.prompt(), pair.chosen()), phi.features(pair.prompt(), pair.rejected())));
        }
        return out;
    }

    private static Baseline lengthBaseline(List<HhRlhf.Pair> test, boolean shorter) {
        double correct = 0;
        int ties = 0;
        for (HhRlhf.Pair pair : test) {
            int c = pair.chosen().codePointCount(0, pair.chosen().length()), r = pair.rejected().codePointCount(0, pair.rejected().length());
            if (c == r) {
                ties++;
                correct += 0.5;
            } else if ((c < r) == shorter) {
                correct++;
            }
        }
        return new Baseline(shorter ? "shorter" : "longer",
                "prefer the " + (shorter ? "shorter" : "longer") + " final response, in code points; equal lengths count 1/2",
                ProportionInterval.wilson95(correct, test.size()), ties);
    }
}
