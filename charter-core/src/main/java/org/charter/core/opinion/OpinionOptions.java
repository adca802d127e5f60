package org.charter.core.opinion;

import java.util.Map;

/**
 * How to compute an opinion map.
 *
 * @param components   principal components (Polis uses 2)
 * @param groups       a fixed number of groups, or null to choose k by silhouette
 * @param givenGroups  participant -> group to use instead of clustering (e.g. Polis's own), or null
 * @param imputation   how unseen statements are filled before PCA
 * @param seed         for the bootstrap and anything else random
 * @param bootstrap    bootstrap resamples for group stability (0 = skip)
 * @param previous     an earlier map of the same assembly to warm-start from, or null
 */
public record OpinionOptions(int components, Integer groups, Map<Integer, Integer> givenGroups, Imputation imputation,
                             long seed, int bootstrap, OpinionMap previous) {
    /** How unseen statements are filled before PCA. */
    public enum Imputation {
        /** The column mean of the observed votes, as Polis does. */
        COLUMN_MEAN,
        /** The mean vote of the nearest participants who saw the statement, as CIP's OSCCAI does. */
        NEAREST
    }

    public OpinionOptions {
        if (components < 1) throw new IllegalArgumentException("components must be at least 1");
        if (groups != null && (groups < 1 || groups > 20)) throw new IllegalArgumentException("groups must be 1 to 20");
        if (bootstrap < 0) throw new IllegalArgumentException("bootstrap must not be negative");
        givenGroups = givenGroups == null ? null : Map.copyOf(givenGroups);
        if (imputation == null) imputation = Imputation.COLUMN_MEAN;
    }

    /** Polis's choices, with a 50-resample stability bootstrap. */
    public static OpinionOptions polis() {
        return new OpinionOptions(2, null, null, Imputation.COLUMN_MEAN, 0, 50, null);
    }

    public OpinionOptions withGivenGroups(Map<Integer, Integer> given) {
        return new OpinionOptions(components, groups, given, imputation, seed, bootstrap, previous);
    }

    public OpinionOptions withSeed(long newSeed) {
        return new OpinionOptions(components, groups, givenGroups, imputation, newSeed, bootstrap, previous);
    }

    public OpinionOptions withGroups(Integer k) {
        return new OpinionOptions(components, k, givenGroups, imputation, seed, bootstrap, previous);
    }

    public OpinionOptions withBootstrap(int n) {
        return new OpinionOptions(components, groups, givenGroups, imputation, seed, n, previous);
    }

    public OpinionOptions withImputation(Imputation i) {
        return new OpinionOptions(components, groups, givenGroups, i, seed, bootstrap, previous);
    }

    public OpinionOptions withPrevious(OpinionMap map) {
        return new OpinionOptions(components, groups, givenGroups, imputation, seed, bootstrap, map);
    }
}
