package org.charter.core.choice;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Choices from menus: each record says that, offered the candidates of a menu, someone chose one of them (count
 * times). Pairwise comparisons are menus of two; compared comparisons of responses in an assembly are this kind of
 * data. Rules that need only the margin graph run on it: the chosen candidate beats each other candidate of its menu.
 */
public record PairwiseProfile(List<String> candidates, List<Comparison> comparisons) implements Election {
    /*
     * [1] L. L. Thurstone, "A law of comparative judgment", Psychological Review 34, 1927, and R. D. Luce,
     *     "Individual Choice Behavior", 1959: choices from menus as the data of preference.
     * [2] W. Holliday, E. Pacuit, pref_voting: margin-graph (C2) methods apply to any source of margins.
     */

    /** One choice: the menu (candidate indices, at least two), the candidate chosen from it, and how often. */
    public record Comparison(Set<Integer> menu, int choice, long count) {
        public Comparison {
            menu = Set.copyOf(new TreeSet<>(menu));
            if (menu.size() < 2) throw new IllegalArgumentException("a menu needs at least two candidates");
            if (!menu.contains(choice)) throw new IllegalArgumentException("the choice must be on the menu");
            if (count <= 0) throw new IllegalArgumentException("count must be positive");
        }
    }

    public PairwiseProfile {
        candidates = List.copyOf(candidates);
        comparisons = List.copyOf(comparisons);
        for (Comparison c : comparisons) {
            for (int x : c.menu()) {
                if (x < 0 || x >= candidates.size()) throw new IllegalArgumentException("unknown candidate index " + x);
            }
        }
    }

    /** The margins: a choice of c from a menu counts c over every other candidate of that menu. */
    public MarginGraph margins() {
        int n = candidates.size();
        long[][] m = new long[n][n];
        for (Comparison c : comparisons) {
            for (int x : c.menu()) {
                if (x == c.choice()) continue;
                m[c.choice()][x] += c.count();
                m[x][c.choice()] -= c.count();
            }
        }
        return MarginGraph.ofMargins(candidates, m);
    }

    @Override
    public String kind() {
        return "pairwise";
    }
}
