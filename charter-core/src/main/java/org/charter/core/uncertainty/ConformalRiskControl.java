package org.charter.core.uncertainty;

import java.util.Arrays;
import java.util.Locale;

/**
 * Conformal risk control for selective answering: the lowest confidence threshold whose expected loss on a new
 * item, counting a loss only when the item is answered, is at most {@code alpha} [1].
 *
 * <p>With n calibration items of confidence {@code s_i} and loss {@code e_i} in [0, 1], let
 * {@code R(lambda) = (1/n) sum_i e_i [s_i >= lambda]}, the empirical risk of answering exactly the items whose
 * confidence reaches {@code lambda} (an abstention costs nothing). R does not increase with lambda, so the smallest
 * lambda with {@code (n/(n+1)) R(lambda) + 1/(n+1) <= alpha} is found by scanning the observed scores upwards; if no
 * observed score qualifies, lambda is +infinity: never answer, which has risk 0. Theorem 1 of [1] (with loss bound
 * B = 1): if the calibration items and the new item are exchangeable, the expected loss of the new item, answered
 * when its confidence is at least lambda, is at most alpha (the expectation is over both the calibration set and the
 * new item).
 */
public final class ConformalRiskControl {
    /*
     * [1] A. N. Angelopoulos, S. Bates, A. Fisch, L. Lei, T. Schuster. "Conformal Risk Control." ICLR 2024.
     *     arXiv:2208.02814
     */
    private ConformalRiskControl() { }

    /**
     * The threshold for confidences {@code score} and losses {@code loss} (each in [0, 1]) at risk level {@code alpha}
     * in (0, 1).
     */
    public static Result calibrate(double[] score, double[] loss, double alpha) {
        if (score.length != loss.length) throw new IllegalArgumentException(score.length + " scores but " + loss.length + " losses");
        int n = score.length;
        if (n == 0) throw new IllegalArgumentException("conformal risk control needs at least one calibration item");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(score[i]) || Double.isInfinite(score[i])) throw new IllegalArgumentException("score[" + i + "] = " + score[i] + " is not finite");
            if (!(loss[i] >= 0 && loss[i] <= 1)) throw new IllegalArgumentException("loss[" + i + "] = " + loss[i] + " is not in [0, 1]");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double total = 0;
        for (double e : loss) total += e;
        // Scan distinct scores upwards; "above" holds the loss of items with score >= the current candidate.
        double above = total;
        int start = 0;
        while (start < n) {
            double lambda = score[order[start]];
            // (n/(n+1)) R + 1/(n+1) with R = above/n, written as (above + 1)/(n + 1) so integer losses compare exactly.
            if ((above + 1) / (n + 1.0) <= alpha) return result(n, alpha, lambda, false, above / n, (above + 1) / (n + 1.0), n - start);
            int end = start;
            while (end < n && Double.compare(score[order[end]], lambda) == 0) above -= loss[order[end++]];
            start = end;
        }
        return result(n, alpha, Double.POSITIVE_INFINITY, true, 0, 1 / (n + 1.0), 0);
    }

    /** The conformal upper bound at empirical risk {@code risk}: {@code (n/(n+1)) risk + 1/(n+1)}. */
    public static double bound(double risk, int n) {
        return (n * risk + 1) / (n + 1.0);
    }

    /** The realised mean loss on other items of answering those with confidence at least {@code threshold}. */
    public static double realisedRisk(double threshold, double[] score, double[] loss) {
        double s = 0;
        for (int i = 0; i < score.length; i++) if (score[i] >= threshold) s += loss[i];
        return s / score.length;
    }

    private static Result result(int n, double alpha, double lambda, boolean never, double risk, double bound, int answered) {
        String guarantee = never
                ? String.format(Locale.ROOT, "No observed confidence keeps (n/(n+1))R + 1/(n+1) <= %s with n = %d (the bound needs"
                        + " n >= %d even at zero loss): never answer.", alpha, n, (int) Math.ceil(1 / alpha - 1))
                : String.format(Locale.ROOT, "If the %d calibration items and future items are exchangeable, answering exactly when"
                        + " confidence >= %s keeps the expected loss of a future item (0 when it is not answered) at most %s"
                        + " (conformal risk control, Angelopoulos et al., ICLR 2024).", n, lambda, alpha);
        return new Result(n, alpha, lambda, never, risk, bound, (double) answered / n, answered, guarantee);
    }

    /**
     * The chosen threshold with its evidence.
     *
     * @param n             calibration items
     * @param alpha         the risk level asked for
     * @param threshold     answer when confidence >= threshold; +infinity when {@code neverAnswer}
     * @param neverAnswer   whether no observed score qualified
     * @param empiricalRisk R(threshold) on the calibration items
     * @param bound         {@code (n/(n+1)) R + 1/(n+1)}: at most alpha unless {@code neverAnswer} (then R = 0 and the bound
     *                      is 1/(n+1), above alpha, though never answering has loss 0)
     * @param coverage      the share of calibration items answered at the threshold
     * @param answered      how many
     * @param guarantee     the guarantee in one sentence, with its assumption
     */
    public record Result(int n, double alpha, double threshold, boolean neverAnswer, double empiricalRisk, double bound,
            double coverage, int answered, String guarantee) {
        public String toText() {
            return String.format(Locale.ROOT, "conformal risk control: n %d, alpha %s, threshold %s, empirical risk %.4f, bound %.4f, coverage %.4f (%d answered)%n%s%n",
                    n, alpha, neverAnswer ? "never answer" : Double.toString(threshold), empiricalRisk, bound, coverage, answered, guarantee);
        }
    }
}
