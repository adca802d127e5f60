package org.charter.core.preference;

/**
 * One pairwise judgement between two responses, given as their feature vectors: {@code chosen} was preferred to
 * {@code rejected}. Both live in the same space.
 *
 * @param chosen   phi(x, y_chosen)
 * @param rejected phi(x, y_rejected)
 */
public record FeatureComparison(FeatureVector chosen, FeatureVector rejected) {
    public FeatureComparison {
        if (chosen == null || rejected == null) throw new IllegalArgumentException("a comparison needs both feature vectors");
        if (chosen.dimension() != rejected.dimension()) {
            throw new IllegalArgumentException("chosen has dimension " + chosen.dimension() + ", rejected " + rejected.dimension());
        }
    }

    public int dimension() {
        return chosen.dimension();
    }
}
