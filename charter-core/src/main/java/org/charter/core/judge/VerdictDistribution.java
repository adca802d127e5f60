package org.charter.core.judge;

import java.util.Locale;

/**
 * A probability distribution over the three verdicts. The components are non-negative and sum to 1 within
 * {@link #TOLERANCE}; they are renormalised to sum to 1 exactly (up to rounding).
 *
 * <p>The most probable verdict ({@link #argmax}) breaks ties in the order VIOLATES, COMPLIES, NOT_APPLICABLE: when
 * the evidence is even, the cautious reading (a violation) wins.
 */
public record VerdictDistribution(double complies, double violates, double notApplicable) {
    /** How far from 1 the given components may sum. */
    public static final double TOLERANCE = 1e-6;

    public VerdictDistribution {
        for (double p : new double[] {complies, violates, notApplicable}) {
            if (!(p >= 0 && p <= 1 + TOLERANCE)) throw new IllegalArgumentException("a verdict probability must be in [0, 1], not " + p);
        }
        double sum = complies + violates + notApplicable;
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "verdict probabilities must sum to 1, not %.9f", sum));
        }
        complies /= sum;
        violates /= sum;
        notApplicable /= sum;
    }

    /** The distribution that puts {@code pViolates} on VIOLATES and the rest on COMPLIES (a judge that takes applicability as given). */
    public static VerdictDistribution ofViolation(double pViolates) {
        return new VerdictDistribution(1 - pViolates, pViolates, 0);
    }

    /** Normalises non-negative weights (counts, exponentiated log-probabilities) over the three verdicts; they must not all be 0. */
    public static VerdictDistribution normalise(double complies, double violates, double notApplicable) {
        double sum = complies + violates + notApplicable;
        if (!(complies >= 0 && violates >= 0 && notApplicable >= 0) || !(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("cannot normalise verdict weights " + complies + ", " + violates + ", " + notApplicable);
        }
        return new VerdictDistribution(complies / sum, violates / sum, notApplicable / sum);
    }

    /** The probability of one verdict. */
    public double of(Verdict v) {
        return switch (v) {
            case COMPLIES -> complies;
            case VIOLATES -> violates;
            case NOT_APPLICABLE -> notApplicable;
        };
    }

    /** The most probable verdict; ties go to VIOLATES, then COMPLIES. */
    public Verdict argmax() {
        Verdict best = Verdict.VIOLATES;
        for (Verdict v : new Verdict[] {Verdict.COMPLIES, Verdict.NOT_APPLICABLE}) if (of(v) > of(best)) best = v;
        return best;
    }

    /** The Shannon entropy in bits: 0 for a certain verdict, log2(3) = 1.585 for the uniform distribution. */
    public double entropyBits() {
        double h = 0;
        for (Verdict v : Verdict.values()) {
            double p = of(v);
            if (p > 0) h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "complies %.3f, violates %.3f, not applicable %.3f", complies, violates, notApplicable);
    }
}
