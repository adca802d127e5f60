package org.charter.core.uncertainty;

import java.util.Locale;

/**
 * A proportion with its Wilson score interval: a confidence interval for a binomial success rate that stays inside
 * [0, 1] and behaves well near 0 and 1 and for small n [1, 2].
 *
 * @param successes the number of successes (may be fractional when ties count one half)
 * @param n         trials
 * @param estimate  successes / n
 * @param lower     the interval's lower end
 * @param upper     its upper end
 * @param level     the confidence level, e.g. 0.95
 */
public record ProportionInterval(double successes, long n, double estimate, double lower, double upper, double level) {
    /*
     * [1] E. B. Wilson. "Probable Inference, the Law of Succession, and Statistical Inference." Journal of the American
     *     Statistical Association 22, 1927.
     * [2] L. D. Brown, T. T. Cai, A. DasGupta. "Interval Estimation for a Binomial Proportion." Statistical Science 16, 2001.
     */
    public ProportionInterval {
        if (n <= 0) throw new IllegalArgumentException("a proportion needs at least one trial");
        if (!(successes >= 0 && successes <= n)) throw new IllegalArgumentException("successes " + successes + " not in [0, " + n + "]");
    }

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** The 95% Wilson interval of {@code successes} out of {@code n}. */
    public static ProportionInterval wilson95(double successes, long n) {
        return wilson(successes, n, Z95, 0.95);
    }

    /** The Wilson interval with normal quantile {@code z} (recorded as confidence {@code level}). */
    public static ProportionInterval wilson(double successes, long n, double z, double level) {
        if (n <= 0) throw new IllegalArgumentException("a proportion needs at least one trial");
        double p = successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new ProportionInterval(successes, n, p, Math.max(0, centre - half), Math.min(1, centre + half), level);
    }

    public String toText() {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", estimate, lower, upper);
    }
}
