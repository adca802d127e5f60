package org.charter.core.preference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.math.Rational;
import org.charter.core.welfare.UtilityProfile;
import org.charter.core.welfare.WelfareFunction;
import org.charter.core.welfare.WelfareResult;

/**
 * Pluralistic rewards: one Luce model per group (a participant attribute, an opinion group or a latent mixture
 * component) and a choice among candidates by a social welfare function over the groups rather than by one pooled
 * model, which hides minorities when it averages them away [1] [2].
 *
 * <p>Each group's utility for a candidate is its Luce probability of choosing that candidate from the candidate set,
 * exp(theta_g,c) / sum over candidates of exp(theta_g,d): a number in (0, 1) on the same scale for every group, so the
 * utilitarian sum, the Nash product, the egalitarian minimum and leximin are all meaningful. These probabilities are
 * also the distributional view: what each group would pick, not only what wins.
 */
public final class GroupRewards {
    /*
     * [1] S. Chakraborty et al., "MaxMin-RLHF: Alignment with diverse human preferences", ICML 2024 (egalitarian
     *     aggregation of group rewards).
     * [2] A. Sen, "Collective Choice and Social Welfare", 1970; H. Moulin, "Fair Division and Collective Welfare",
     *     MIT Press 2003 (the welfare functions, see org.charter.core.welfare).
     */
    private GroupRewards() { }

    /**
     * Fits one model per group.
     *
     * @param items  item names
     * @param data   all choices
     * @param group  the group of each choice (index into {@code groups})
     * @param groups group names
     * @param sizes  each group's weight in the welfare function (its number of participants)
     */
    public static Fitted fit(List<String> items, Choices data, int[] group, List<String> groups, List<Long> sizes, LuceFitter.Options options) {
        if (group.length != data.size()) throw new IllegalArgumentException(group.length + " group labels for " + data.size() + " choices");
        if (sizes.size() != groups.size()) throw new IllegalArgumentException(sizes.size() + " sizes for " + groups.size() + " groups");
        Map<String, StrengthFit> fits = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> mine = new ArrayList<>();
            for (int c = 0; c < group.length; c++) if (group[c] == g) mine.add(c);
            if (mine.isEmpty()) throw new IllegalArgumentException("group \"" + groups.get(g) + "\" has no comparisons");
            Choices subset = data.subset(mine.stream().mapToInt(Integer::intValue).toArray());
            fits.put(groups.get(g), LuceFitter.fit("bt", items, subset, options));
        }
        Map<String, Long> weights = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            if (sizes.get(g) <= 0) throw new IllegalArgumentException("group \"" + groups.get(g) + "\" has size " + sizes.get(g));
            weights.put(groups.get(g), sizes.get(g));
        }
        return new Fitted(items, fits, weights, LuceFitter.fit("bt", items, data, options));
    }

    /** Per-group fits and the pooled fit over everyone (for contrast). */
    public record Fitted(List<String> items, Map<String, StrengthFit> groups, Map<String, Long> sizes, StrengthFit pooled) {
        public Fitted {
            items = List.copyOf(items);
            groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
            sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
        }

        /** Chooses among {@code candidates} (item indices) by {@code swf} over the groups' Luce probabilities. */
        public Decision choose(int[] candidates, WelfareFunction swf) {
            if (candidates.length < 2) throw new IllegalArgumentException("choose among at least 2 candidates, found " + candidates.length);
            List<String> names = new ArrayList<>();
            for (int c : candidates) {
                if (c < 0 || c >= items.size()) throw new IllegalArgumentException("candidate " + c + " is not an item");
                names.add(items.get(c));
            }
            Map<String, double[]> distribution = new LinkedHashMap<>();
            List<String> groupNames = new ArrayList<>(groups.keySet());
            List<Rational> weights = new ArrayList<>();
            for (String g : groupNames) {
                distribution.put(g, groups.get(g).choiceProbabilities(candidates));
                weights.add(Rational.of(sizes.get(g)));
            }
            List<List<Rational>> utilities = new ArrayList<>();
            for (int o = 0; o < candidates.length; o++) {
                List<Rational> row = new ArrayList<>();
                for (String g : groupNames) row.add(exactish(distribution.get(g)[o]));
                utilities.add(row);
            }
            WelfareResult result = swf.rank(new UtilityProfile(names, groupNames, weights, utilities));
            double[] pooled = this.pooled.choiceProbabilities(candidates);
            int pooledBest = 0;
            for (int o = 1; o < pooled.length; o++) if (pooled[o] > pooled[pooledBest]) pooledBest = o;
            return new Decision(names, distribution, pooled, names.get(pooledBest), result);
        }
    }

    /**
     * A choice among candidates.
     *
     * @param candidates   candidate names
     * @param distribution per group, the probability that the group picks each candidate from the set
     * @param pooled       the same probabilities under one model fitted to everyone
     * @param pooledChoice what the pooled model would pick
     * @param welfare      the welfare function's ranking, with every candidate's welfare as evidence
     */
    public record Decision(List<String> candidates, Map<String, double[]> distribution, double[] pooled, String pooledChoice, WelfareResult welfare) { }

    /** A probability as an exact rational of 12 significant digits, so the exact welfare functions can compare it. */
    static Rational exactish(double p) {
        return Rational.parse(new BigDecimal(p, new MathContext(12)).toPlainString());
    }
}
