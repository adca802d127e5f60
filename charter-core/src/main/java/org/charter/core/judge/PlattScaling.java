package org.charter.core.judge;

import java.util.Locale;

/**
 * Platt scaling: a probability {@code sigmoid(slope * x + intercept)} from a real-valued score {@code x}, the two
 * parameters fitted by maximum likelihood on labelled scores, with Platt's smoothed targets
 * {@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)} so that separable data do not drive the slope to infinity.
 * The fit is Newton's method with backtracking line search, as in Lin, Lin and Weng's note [2].
 *
 * <p>To calibrate a judge's own probability, fit on its logit ({@link #fitOnProbabilities}, {@link #applyToProbability}).
 */
public record PlattScaling(double slope, double intercept) {
    /*
     * [1] J. Platt. "Probabilistic Outputs for Support Vector Machines and Comparisons to Regularized Likelihood
     *     Methods." In Advances in Large Margin Classifiers, MIT Press, 1999.
     * [2] H.-T. Lin, C.-J. Lin, R. C. Weng. "A note on Platt's probabilistic outputs for support vector machines."
     *     Machine Learning 68(3), 2007.
     */

    /** The identity on probabilities: slope 1, intercept 0 applied to logits. */
    public static final PlattScaling IDENTITY = new PlattScaling(1, 0);

    /** Probabilities are clipped to [EPS, 1 - EPS] before taking their logit. */
    public static final double EPS = 1e-12;

    public PlattScaling {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) throw new IllegalArgumentException("Platt parameters must be finite");
    }

    /** The calibrated probability of the positive class for a score. */
    public double apply(double score) {
        return sigmoid(slope * score + intercept);
    }

    /** The calibrated probability for a probability: {@link #apply} on its logit. */
    public double applyToProbability(double p) {
        return apply(logit(p));
    }

    /** Fits on scores {@code x} with outcomes {@code positive}; needs at least one item of each class. */
    public static PlattScaling fit(double[] x, boolean[] positive) {
        if (x.length != positive.length) throw new IllegalArgumentException(x.length + " scores but " + positive.length + " labels");
        int nPos = 0;
        for (boolean b : positive) if (b) nPos++;
        int nNeg = x.length - nPos;
        if (nPos == 0 || nNeg == 0) throw new IllegalArgumentException("Platt scaling needs both classes (" + nPos + " positive, " + nNeg + " negative)");
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("scores must be finite, got " + v);
        double hi = (nPos + 1.0) / (nPos + 2.0), lo = 1.0 / (nNeg + 2.0);
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) t[i] = positive[i] ? hi : lo;
        // Lin, Lin, Weng [2], Algorithm 1, with p = 1/(1+exp(A x + B)) of the positive class; we return slope = -A, intercept = -B.
        double a = 0, b = Math.log((nNeg + 1.0) / (nPos + 1.0));
        double sigma = 1e-12, minStep = 1e-10, eps = 1e-5;
        double f = objective(x, t, a, b);
        for (int it = 0; it < 100; it++) {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < x.length; i++) {
                double fApB = x[i] * a + b, p, q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
                    q = 1.0 / (1.0 + Math.exp(-fApB));
                } else {
                    p = 1.0 / (1.0 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1.0 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += x[i] * x[i] * d2;
                h22 += d2;
                h21 += x[i] * d2;
                double d1 = t[i] - p;
                g1 += x[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            while (step >= minStep) {
                double na = a + step * dA, nb = b + step * dB;
                double nf = objective(x, t, na, nb);
                if (nf < f + 0.0001 * step * gd) {
                    a = na;
                    b = nb;
                    f = nf;
                    break;
                }
                step /= 2;
            }
            if (step < minStep) break;
        }
        return new PlattScaling(-a, -b);
    }

    /** Fits on the logits of probabilities (a judge's own P(positive)). */
    public static PlattScaling fitOnProbabilities(double[] p, boolean[] positive) {
        double[] x = new double[p.length];
        for (int i = 0; i < p.length; i++) x[i] = logit(p[i]);
        return fit(x, positive);
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** {@code log(p / (1 - p))}, with p clipped to [EPS, 1 - EPS]. */
    public static double logit(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) throw new IllegalArgumentException("not a probability: " + p);
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(q / (1 - q));
    }

    private static double objective(double[] x, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double fApB = x[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
        }
        return f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sigmoid(%.4f * x %+.4f)", slope, intercept);
    }
}
