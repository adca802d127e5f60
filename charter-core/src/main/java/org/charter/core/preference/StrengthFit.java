package org.charter.core.preference;

import java.util.Arrays;
import java.util.List;

/**
 * Fitted strengths of a Luce choice model (Bradley-Terry, Plackett-Luce or multinomial logit) with the evidence of
 * the fit: mean-centred log-strengths in item order, their standard errors when computed, the log-likelihood of the
 * data, the penalised objective that was minimised, the iterations, whether the tolerance was reached, the largest
 * component of the objective's gradient at the end, and notes (for instance that a penalty was added because the
 * maximum-likelihood estimate does not exist).
 *
 * @param model         {@code bt}, {@code pl} or {@code top1}
 * @param algorithm     {@code mm}, {@code ilsr} or {@code newton}
 * @param items         item names in order
 * @param strengths     mean-centred log-strengths theta, one per item
 * @param stderr        standard errors from the inverse Fisher information (of the penalised objective), or null
 * @param logLikelihood sum over choices of weight * log P(chosen | set)
 * @param objective     alpha * sum(theta^2) - logLikelihood (choix's convention)
 * @param alpha         the L2 penalty that was used
 * @param iterations    outer iterations run
 * @param converged     whether the largest change of theta in the last iteration was below the tolerance
 * @param passes        passes over the data (the cost of an iteration differs between algorithms; this does not)
 * @param gradientNorm  the largest absolute component of the objective's gradient at the end
 * @param notes         what the user should know about this fit, in sentences
 */
public record StrengthFit(String model, String algorithm, List<String> items, double[] strengths, double[] stderr,
                          double logLikelihood, double objective, double alpha, int iterations, boolean converged,
                          long passes, double gradientNorm, List<String> notes) {
    public StrengthFit {
        items = List.copyOf(items);
        strengths = strengths.clone();
        stderr = stderr == null ? null : stderr.clone();
        notes = List.copyOf(notes);
        if (strengths.length != items.size()) throw new IllegalArgumentException(strengths.length + " strengths for " + items.size() + " items");
        for (double t : strengths) if (!Double.isFinite(t)) throw new IllegalStateException("a fitted strength is not finite: " + t);
    }

    @Override
    public double[] strengths() { return strengths.clone(); }

    @Override
    public double[] stderr() { return stderr == null ? null : stderr.clone(); }

    public double strength(int item) { return strengths[item]; }

    /** P(i preferred to j) = 1 / (1 + exp(theta_j - theta_i)). */
    public double probability(int i, int j) {
        return 1.0 / (1.0 + Math.exp(strengths[j] - strengths[i]));
    }

    /** The Luce probabilities of choosing each item of {@code set} from that set, in the set's order. */
    public double[] choiceProbabilities(int[] set) {
        return LuceFitter.softmax(strengths, set);
    }

    /** Items ordered from the strongest to the weakest (ties by index). */
    public int[] ranking() {
        Integer[] order = new Integer[strengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> strengths[a] != strengths[b] ? Double.compare(strengths[b], strengths[a]) : Integer.compare(a, b));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrengthFit f && model.equals(f.model) && algorithm.equals(f.algorithm) && items.equals(f.items)
                && Arrays.equals(strengths, f.strengths) && Arrays.equals(stderr, f.stderr) && iterations == f.iterations;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(strengths) * 31 + model.hashCode();
    }

    @Override
    public String toString() {
        return "StrengthFit[" + model + "/" + algorithm + ", " + items.size() + " items, logLikelihood=" + logLikelihood
                + ", iterations=" + iterations + ", converged=" + converged + "]";
    }
}
