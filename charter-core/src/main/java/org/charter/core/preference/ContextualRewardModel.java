package org.charter.core.preference;

import java.util.Arrays;

/**
 * A linear contextual reward model r(x, y) = w . phi(x, y) with a calibrated preference probability
 * P(a preferred to b) = sigmoid((r(a) - r(b)) / T), the Bradley-Terry model [1] over features as in reward modelling
 * for RLHF [2], with the temperature T fitted on held-out comparisons by temperature scaling [3].
 *
 * <p>Temperature scaling rather than full Platt scaling [4] (sigmoid(A d + B)): a bias B would break the symmetry
 * P(a over b) = 1 - P(b over a) that a preference probability must have, so only the scale A = 1/T is fitted.
 * Immutable: the weights are copied in and out.
 */
public final class ContextualRewardModel {
    /*
     * [1] R. A. Bradley, M. E. Terry. "Rank Analysis of Incomplete Block Designs: I. The Method of Paired
     *     Comparisons." Biometrika 39, 1952.
     * [2] L. Ouyang et al. "Training language models to follow instructions with human feedback." NeurIPS 2022
     *     (the pairwise loss -log sigmoid(r(chosen) - r(rejected))).
     * [3] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger. "On Calibration of Modern Neural Networks." ICML 2017.
     * [4] J. Platt. "Probabilistic Outputs for Support Vector Machines and Comparisons to Regularized Likelihood
     *     Methods." Advances in Large Margin Classifiers, 1999.
     */
    private final double[] weights;
    private final double inverseTemperature;

    /**
     * @param weights            w, one per feature dimension
     * @param inverseTemperature 1/T >= 0 (1 = uncalibrated; 0 = every comparison a coin flip)
     */
    public ContextualRewardModel(double[] weights, double inverseTemperature) {
        if (weights.length == 0) throw new IllegalArgumentException("a reward model needs at least one weight");
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
        }
        if (!(inverseTemperature >= 0) || Double.isInfinite(inverseTemperature)) {
            throw new IllegalArgumentException("the inverse temperature must be finite and >= 0, got " + inverseTemperature);
        }
        this.weights = weights.clone();
        this.inverseTemperature = inverseTemperature;
    }

    /** The all-zero model of a dimension: every response scores 0, every comparison 1/2. */
    public static ContextualRewardModel zero(int dimension) {
        return new ContextualRewardModel(new double[dimension], 1);
    }

    public int dimension() {
        return weights.length;
    }

    public double[] weights() {
        return weights.clone();
    }

    /** 1/T: the factor applied to a reward difference before the sigmoid. */
    public double inverseTemperature() {
        return inverseTemperature;
    }

    /** The temperature T; +infinity when the inverse temperature is 0. */
    public double temperature() {
        return 1 / inverseTemperature;
    }

    /** The same weights with another calibration. */
    public ContextualRewardModel withInverseTemperature(double inverseTemperature) {
        return new ContextualRewardModel(weights, inverseTemperature);
    }

    /** r = w . phi. */
    public double reward(FeatureVector phi) {
        check(phi);
        return phi.dot(weights);
    }

    /** r(a) - r(b). */
    public double rewardDifference(FeatureVector a, FeatureVector b) {
        return reward(a) - reward(b);
    }

    /** The calibrated probability that {@code a} is preferred to {@code b}: sigmoid((r(a) - r(b)) / T). */
    public double probabilityPreferred(FeatureVector a, FeatureVector b) {
        return sigmoid(inverseTemperature * rewardDifference(a, b));
    }

    /** The Bradley-Terry probability before calibration: sigmoid(r(a) - r(b)). */
    public double uncalibratedProbability(FeatureVector a, FeatureVector b) {
        return sigmoid(rewardDifference(a, b));
    }

    /** The Euclidean norm of w. */
    public double weightNorm() {
        double s = 0;
        for (double w : weights) s += w * w;
        return Math.sqrt(s);
    }

    /** The logistic function, computed without overflow. */
    public static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** {@code -log sigmoid(z) = log(1 + e^-z)}, computed without overflow: the Bradley-Terry loss of a difference z. */
    public static double negativeLogSigmoid(double z) {
        return z >= 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    }

    private void check(FeatureVector phi) {
        if (phi.dimension() != weights.length) {
            throw new IllegalArgumentException("feature vector of dimension " + phi.dimension() + " for a model of dimension " + weights.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextualRewardModel m && inverseTemperature == m.inverseTemperature && Arrays.equals(weights, m.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Double.hashCode(inverseTemperature);
    }

    @Override
    public String toString() {
        return "ContextualRewardModel(dimension " + weights.length + ", |w| " + weightNorm() + ", T " + temperature() + ")";
    }
}
