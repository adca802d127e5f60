package org.charter.core.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibration metrics of probabilistic predictions: expected calibration error over equal-width bins, the reliability
 * table, Brier score, log-loss, and the risk-coverage curve of selective prediction with its area (AURC).
 *
 * <p>Two kinds of input, named in every method:
 * <ul>
 *   <li><b>probability of the positive outcome</b> {@code p[i]} with the 0/1 outcome {@code y[i]}
 *       ({@link #ofProbabilities}): bins group items by {@code p}, and a bin's "accuracy" is the share of positive
 *       outcomes in it (the reliability diagram of a binary forecaster);</li>
 *   <li><b>confidence of the predicted label</b> {@code c[i]} with {@code correct[i]} ({@link #ofConfidences}): the
 *       top-label calibration of Guo et al. [1]; a bin's accuracy is the share of correct predictions in it.
 *       {@link #topLabel} turns a binary forecast into this form: the predicted label is {@code p >= 1/2}, its
 *       confidence {@code max(p, 1 - p)}.</li>
 * </ul>
 * For a binary forecast the Brier score and log-loss are the same in both forms; the ECE differs.
 *
 * <p>Bins: {@code bins} equal-width intervals of [0, 1], closed on the right as in [1]'s reference code:
 * bin {@code b} (0-based) is {@code (b/M, (b+1)/M]}, computed as {@code max(0, ceil(c * M) - 1)}, so 0 falls in the
 * first bin. ECE = sum over bins of (share of items in the bin) * |accuracy - mean confidence| [1, 2];
 * MCE = the largest such gap over non-empty bins [2].
 *
 * <p>Risk-coverage [3]: items sorted by confidence, highest first; at coverage k/n the risk is the mean loss of the
 * k most confident items. Items with equal confidence cannot be separated by any threshold, so within a tie group
 * the losses are spread evenly (the expectation over the orders of the tied items); the curve lists one point per
 * distinct confidence, and AURC is the mean of the risk over k = 1..n. This makes every quantity invariant under
 * permutation of the items.
 */
public final class Calibration {
    /*
     * [1] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger. "On Calibration of Modern Neural Networks." ICML 2017.
     * [2] M. P. Naeini, G. F. Cooper, M. Hauskrecht. "Obtaining Well Calibrated Probabilities Using Bayesian
     *     Binning." AAAI 2015.
     * [3] Y. Geifman, R. El-Yaniv. "Selective Classification for Deep Neural Networks." NeurIPS 2017; and
     *     Y. Geifman, G. Uziel, R. El-Yaniv. "Bias-Reduced Uncertainty Estimation for Deep Neural Classifiers."
     *     ICLR 2019 (the AURC and its optimum).
     * [4] G. W. Brier. "Verification of forecasts expressed in terms of probability." Monthly Weather Review, 1950.
     */
    private Calibration() { }

    /** The customary number of bins (Guo et al. 2017). */
    public static final int DEFAULT_BINS = 15;

    /** Probabilities are clipped to [EPS, 1 - EPS] in the log-loss, so a confident mistake costs about 36.8, not infinity. */
    public static final double LOG_LOSS_EPS = 1e-16;

    /** Calibration of forecasts {@code p} = P(positive outcome) against the outcomes, with {@link #DEFAULT_BINS} bins. */
    public static Report ofProbabilities(double[] p, boolean[] positive) {
        return ofProbabilities(p, positive, DEFAULT_BINS);
    }

    /** Calibration of forecasts {@code p} = P(positive outcome) against the outcomes: bins by p, accuracy = share positive. */
    public static Report ofProbabilities(double[] p, boolean[] positive, int bins) {
        check(p, positive, bins, "probability");
        List<Bin> table = reliability(p, positive, bins);
        return new Report("probability of the positive outcome", p.length, bins, ece(table, p.length), mce(table),
                brier(p, positive), logLoss(p, positive), table);
    }

    /** Top-label calibration: confidences of the predicted labels against whether each was correct, {@link #DEFAULT_BINS} bins. */
    public static Report ofConfidences(double[] confidence, boolean[] correct) {
        return ofConfidences(confidence, correct, DEFAULT_BINS);
    }

    /** Top-label calibration [1]: confidences of the predicted labels against whether each was correct. */
    public static Report ofConfidences(double[] confidence, boolean[] correct, int bins) {
        check(confidence, correct, bins, "confidence");
        List<Bin> table = reliability(confidence, correct, bins);
        return new Report("confidence of the predicted label", confidence.length, bins, ece(table, confidence.length), mce(table),
                brier(confidence, correct), logLoss(confidence, correct), table);
    }

    /** Top-label calibration of a binary forecast: predicted label {@code p >= 1/2}, confidence {@code max(p, 1 - p)}. */
    public static Report topLabel(double[] p, boolean[] positive, int bins) {
        check(p, positive, bins, "probability");
        double[] confidence = new double[p.length];
        boolean[] correct = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            boolean predicted = p[i] >= 0.5;
            confidence[i] = predicted ? p[i] : 1 - p[i];
            correct[i] = predicted == positive[i];
        }
        return ofConfidences(confidence, correct, bins);
    }

    /** The bin (0-based) of a value in [0, 1]: {@code (b/M, (b+1)/M]}, with 0 in the first bin. */
    public static int binOf(double value, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) Math.ceil(value * bins) - 1));
    }

    /**
     * The reliability table: one row per non-empty bin, in order. {@code values} are probabilities of the positive
     * outcome or confidences of predicted labels; {@code hits} the outcomes or the correctness, accordingly.
     */
    public static List<Bin> reliability(double[] values, boolean[] hits, int bins) {
        check(values, hits, bins, "value");
        long[] count = new long[bins];
        long[] hit = new long[bins];
        double[] sum = new double[bins];
        for (int i = 0; i < values.length; i++) {
            int b = binOf(values[i], bins);
            count[b]++;
            sum[b] += values[i];
            if (hits[i]) hit[b]++;
        }
        var table = new ArrayList<Bin>();
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            double mean = sum[b] / count[b], accuracy = (double) hit[b] / count[b];
            table.add(new Bin(b, (double) b / bins, (double) (b + 1) / bins, count[b], mean, accuracy, Math.abs(accuracy - mean)));
        }
        return List.copyOf(table);
    }

    /** Expected calibration error with equal-width bins; see the class comment for which input is which. */
    public static double expectedCalibrationError(double[] values, boolean[] hits, int bins) {
        return ece(reliability(values, hits, bins), values.length);
    }

    /** The Brier score [4]: the mean of {@code (p - y)^2}, in [0, 1]; for confidences, {@code (c - correct)^2}. */
    public static double brier(double[] p, boolean[] y) {
        check(p, y, 1, "probability");
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (y[i] ? 1 : 0);
            s += d * d;
        }
        return s / p.length;
    }

    /** The mean negative log-likelihood (natural log) of the outcomes, probabilities clipped to [1e-16, 1 - 1e-16]. */
    public static double logLoss(double[] p, boolean[] y) {
        check(p, y, 1, "probability");
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, y[i] ? p[i] : 1 - p[i]));
            s -= Math.log(q);
        }
        return s / p.length;
    }

    /** The risk-coverage curve of 0/1 errors: {@code error[i]} whether item i was predicted wrongly. */
    public static RiskCoverage riskCoverage(double[] confidence, boolean[] error) {
        double[] loss = new double[error.length];
        for (int i = 0; i < error.length; i++) loss[i] = error[i] ? 1 : 0;
        return riskCoverage(confidence, loss);
    }

    /**
     * The risk-coverage curve [3] of losses in [0, 1] (1 = wrong) against confidences (any real numbers; higher means
     * answer first), with its area and the smallest area any ordering of these losses could have.
     */
    public static RiskCoverage riskCoverage(double[] confidence, double[] loss) {
        if (confidence.length != loss.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length + " items, loss " + loss.length);
        }
        int n = confidence.length;
        if (n == 0) throw new IllegalArgumentException("risk-coverage needs at least one item");
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(confidence[i])) throw new IllegalArgumentException("confidence[" + i + "] is NaN");
            if (!(loss[i] >= 0 && loss[i] <= 1)) throw new IllegalArgumentException("loss[" + i + "] = " + loss[i] + " is not in [0, 1]");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
        var curve = new ArrayList<Point>();
        double area = 0, lossBefore = 0, totalLoss = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            double groupLoss = 0;
            while (end < n && Double.compare(confidence[order[end]], confidence[order[start]]) == 0) groupLoss += loss[order[end++]];
            int size = end - start;
            for (int k = start + 1; k <= end; k++) area += (lossBefore + (k - start) * groupLoss / size) / k;
            lossBefore += groupLoss;
            curve.add(new Point(confidence[order[start]], (double) end / n, end, lossBefore / end));
            start = end;
        }
        totalLoss = lossBefore;
        // The best ordering answers the smallest losses first.
        double[] sorted = loss.clone();
        Arrays.sort(sorted);
        double optimal = 0, running = 0;
        for (int k = 1; k <= n; k++) {
            running += sorted[k - 1];
            optimal += running / k;
        }
        return new RiskCoverage(n, List.copyOf(curve), area / n, optimal / n, totalLoss / n);
    }

    private static double ece(List<Bin> table, int n) {
        double s = 0;
        for (Bin b : table) s += (double) b.count() / n * b.gap();
        return s;
    }

    private static double mce(List<Bin> table) {
        double m = 0;
        for (Bin b : table) m = Math.max(m, b.gap());
        return m;
    }

    private static void check(double[] values, boolean[] hits, int bins, String what) {
        if (values.length != hits.length) {
            throw new IllegalArgumentException(values.length + " " + what + " values but " + hits.length + " outcomes");
        }
        if (values.length == 0) throw new IllegalArgumentException("calibration needs at least one item");
        if (bins < 1) throw new IllegalArgumentException("bins must be positive, got " + bins);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + values[i] + " is not in [0, 1]");
            }
        }
    }

    /**
     * One row of the reliability table.
     *
     * @param index          the bin's 0-based index
     * @param lower          its lower bound (excluded, except 0)
     * @param upper          its upper bound (included)
     * @param count          items in it
     * @param meanConfidence their mean predicted probability (or confidence)
     * @param accuracy       the share of positive outcomes (or of correct predictions) among them
     * @param gap            |accuracy - meanConfidence|
     */
    public record Bin(int index, double lower, double upper, long count, double meanConfidence, double accuracy, double gap) { }

    /**
     * Calibration of a set of forecasts.
     *
     * @param input       which input was binned: "probability of the positive outcome" or "confidence of the predicted label"
     * @param n           items
     * @param bins        equal-width bins used
     * @param ece         expected calibration error
     * @param mce         maximum calibration error over non-empty bins
     * @param brier       Brier score
     * @param logLoss     mean negative log-likelihood (nats)
     * @param reliability the non-empty bins, in order
     */
    public record Report(String input, int n, int bins, double ece, double mce, double brier, double logLoss, List<Bin> reliability) {
        public Report {
            reliability = List.copyOf(reliability);
        }

        /** The figures and the reliability table as plain text. */
        public String toText() {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "calibration of the %s, %d items, %d bins: ECE %.4f, MCE %.4f, Brier %.4f, log-loss %.4f%n",
                    input, n, bins, ece, mce, brier, logLoss));
            sb.append(String.format(Locale.ROOT, "  %-13s %7s %10s %9s%n", "bin", "count", "mean conf", "accuracy"));
            for (Bin b : reliability) {
                sb.append(String.format(Locale.ROOT, "  (%.3f,%.3f] %7d %10.4f %9.4f%n", b.lower(), b.upper(), b.count(), b.meanConfidence(), b.accuracy()));
            }
            return sb.toString();
        }
    }

    /**
     * One point of the risk-coverage curve: answering the items whose confidence is at least {@code threshold}.
     *
     * @param threshold the confidence threshold
     * @param coverage  the share of items answered
     * @param answered  how many
     * @param risk      their mean loss
     */
    public record Point(double threshold, double coverage, int answered, double risk) { }

    /**
     * A risk-coverage curve and its area.
     *
     * @param n           items
     * @param curve       one point per distinct confidence, coverage increasing
     * @param aurc        the area under the curve: mean risk over k = 1..n answered items
     * @param optimalAurc the smallest area any ordering of the same losses reaches (smallest losses first)
     * @param fullRisk    the risk when everything is answered (coverage 1)
     */
    public record RiskCoverage(int n, List<Point> curve, double aurc, double optimalAurc, double fullRisk) {
        public RiskCoverage {
            curve = List.copyOf(curve);
        }

        /** The area above the optimum: what a better ranking of the same predictions could still gain. */
        public double excessAurc() {
            return aurc - optimalAurc;
        }

        public String toText() {
            return String.format(Locale.ROOT, "risk-coverage over %d items: AURC %.4f (optimal %.4f, excess %.4f), risk at full coverage %.4f%n",
                    n, aurc, optimalAurc, excessAurc(), fullRisk);
        }
    }
}
