package org.charter.core.preference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Observations of the Luce choice model, held flat for speed: observation {@code c} says that item
 * {@code chosen(c)} was picked from the set made of itself and {@code others(c)}, with a weight (1 unless an EM step
 * or a bootstrap reweights it). A pairwise comparison is a choice from two items; a ranking {@code [a, b, c]} is the
 * choices "a from {a, b, c}" then "b from {b, c}" (Plackett 1975); a top-1 choice is one choice from its menu. This is
 * why Bradley-Terry, Plackett-Luce and the multinomial logit share one likelihood and one set of fitting algorithms.
 *
 * <p>Immutable: the arrays are copied in and never exposed.
 */
public final class Choices {
    private final int items;
    private final int[] chosen;
    private final int[] offsets;   // others of choice c are members[offsets[c] .. offsets[c+1])
    private final int[] members;
    private final double[] weights; // null: all 1
    private final int[] observation; // the observation (comparison, ranking, menu) each choice came from
    private final int observations;

    private Choices(int items, int[] chosen, int[] offsets, int[] members, double[] weights, int[] observation) {
        this.items = items;
        this.chosen = chosen;
        this.offsets = offsets;
        this.members = members;
        this.weights = weights;
        this.observation = observation;
        this.observations = observation.length == 0 ? 0 : observation[observation.length - 1] + 1;
    }

    /** Pairwise comparisons {@code [winner, loser]} among {@code items} items. */
    public static Choices pairwise(int items, int[] winners, int[] losers) {
        if (winners.length != losers.length) throw new IllegalArgumentException(winners.length + " winners for " + losers.length + " losers");
        int m = winners.length;
        int[] offsets = new int[m + 1];
        for (int c = 0; c <= m; c++) offsets[c] = c;
        for (int c = 0; c < m; c++) {
            check(items, winners[c], "comparison " + c);
            check(items, losers[c], "comparison " + c);
            if (winners[c] == losers[c]) throw new IllegalArgumentException("comparison " + c + " compares item " + winners[c] + " with itself");
        }
        int[] obs = new int[m];
        for (int c = 0; c < m; c++) obs[c] = c;
        return new Choices(items, winners.clone(), offsets, losers.clone(), null, obs);
    }

    /** Pairwise comparisons as rows {@code [winner, loser]}. */
    public static Choices pairwise(int items, int[][] pairs) {
        int[] w = new int[pairs.length], l = new int[pairs.length];
        for (int c = 0; c < pairs.length; c++) {
            if (pairs[c].length != 2) throw new IllegalArgumentException("comparison " + c + " has " + pairs[c].length + " items, not 2");
            w[c] = pairs[c][0];
            l[c] = pairs[c][1];
        }
        return pairwise(items, w, l);
    }

    /** Rankings, best first, each of at least two distinct items, decomposed into successive choices. */
    public static Choices rankings(int items, int[][] rankings) {
        var b = new Builder(items);
        for (int r = 0; r < rankings.length; r++) {
            int[] ranking = rankings[r];
            if (ranking.length < 2) throw new IllegalArgumentException("ranking " + r + " has " + ranking.length + " item(s); a ranking needs at least 2");
            distinct(items, ranking, "ranking " + r);
            for (int i = 0; i + 1 < ranking.length; i++) b.add(ranking[i], Arrays.copyOfRange(ranking, i + 1, ranking.length), 1.0);
            b.endObservation();
        }
        return b.build();
    }

    /**
     * Every pair a ranking orders, as a pairwise comparison weighted by the ranking's count: the Bradley-Terry view of
     * an election (on complete linear orders every pair is compared by every voter, so the fit ranks as Borda does).
     * Each ranking is one observation for the bootstrap.
     */
    public static Choices pairwiseFromRankings(int items, List<int[]> rankings, List<Long> counts) {
        if (rankings.size() != counts.size()) throw new IllegalArgumentException(rankings.size() + " rankings for " + counts.size() + " counts");
        var b = new Builder(items);
        for (int r = 0; r < rankings.size(); r++) {
            int[] ranking = rankings.get(r);
            distinct(items, ranking, "ranking " + r);
            long count = counts.get(r);
            if (count < 0) throw new IllegalArgumentException("ranking " + r + " has count " + count);
            for (int i = 0; i < ranking.length; i++) {
                for (int j = i + 1; j < ranking.length; j++) b.add(ranking[i], new int[] {ranking[j]}, count);
            }
            b.endObservation();
        }
        return b.build();
    }

    /** Choices of one item from a menu: {@code chosen[c]} was picked over {@code others[c]}. */
    public static Choices top1(int items, int[] chosen, int[][] others) {
        if (chosen.length != others.length) throw new IllegalArgumentException(chosen.length + " choices for " + others.length + " menus");
        var b = new Builder(items);
        for (int c = 0; c < chosen.length; c++) {
            int[] menu = new int[others[c].length + 1];
            menu[0] = chosen[c];
            System.arraycopy(others[c], 0, menu, 1, others[c].length);
            if (others[c].length == 0) throw new IllegalArgumentException("choice " + c + " has no other item to choose from");
            distinct(items, menu, "choice " + c);
            b.add(chosen[c], others[c], 1.0);
            b.endObservation();
        }
        return b.build();
    }

    /** Accumulates choices one by one; validates each. */
    public static final class Builder {
        private final int items;
        private int[] chosen = new int[16];
        private int[] offsets = new int[17];
        private int[] members = new int[32];
        private double[] weights = new double[16];
        private int[] observation = new int[16];
        private int currentObservation;
        private boolean grouped;
        private boolean weighted;
        private int size;
        private int length;

        public Builder(int items) {
            if (items < 1) throw new IllegalArgumentException("at least one item is needed, found " + items);
            this.items = items;
        }

        public Builder add(int chosenItem, int[] others, double weight) {
            check(items, chosenItem, "choice " + size);
            for (int o : others) {
                check(items, o, "choice " + size);
                if (o == chosenItem) throw new IllegalArgumentException("choice " + size + " lists item " + o + " as both chosen and not chosen");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("choice " + size + " has weight " + weight);
            if (size == chosen.length) {
                chosen = Arrays.copyOf(chosen, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
                observation = Arrays.copyOf(observation, size * 2);
            }
            observation[size] = currentObservation;
            while (length + others.length > members.length) members = Arrays.copyOf(members, members.length * 2);
            chosen[size] = chosenItem;
            weights[size] = weight;
            if (weight != 1.0) weighted = true;
            System.arraycopy(others, 0, members, length, others.length);
            length += others.length;
            size++;
            offsets[size] = length;
            return this;
        }

        /**
         * Closes the current observation: the choices added since the last call came from one ranking or menu, and a
         * bootstrap resamples them together. Without calls every choice is its own observation.
         */
        public Builder endObservation() {
            grouped = true;
            if (size > 0 && observation[size - 1] == currentObservation) currentObservation++;
            return this;
        }

        public Choices build() {
            int[] obs = Arrays.copyOf(observation, size);
            // without endObservation() calls, every choice is its own observation
            if (!grouped) for (int c = 0; c < size; c++) obs[c] = c;
            return new Choices(items, Arrays.copyOf(chosen, size), Arrays.copyOf(offsets, size + 1), Arrays.copyOf(members, length),
                    weighted ? Arrays.copyOf(weights, size) : null, obs);
        }
    }

    private static void check(int items, int item, String where) {
        if (item < 0 || item >= items) throw new IllegalArgumentException(where + " names item " + item + ", outside 0.." + (items - 1));
    }

    private static void distinct(int items, int[] set, String where) {
        var seen = new java.util.BitSet(items);
        for (int i : set) {
            check(items, i, where);
            if (seen.get(i)) throw new IllegalArgumentException(where + " names item " + i + " twice");
            seen.set(i);
        }
    }

    public int items() { return items; }

    public int size() { return chosen.length; }

    public int chosen(int c) { return chosen[c]; }

    /** How many items choice {@code c} was made among, the chosen one included. */
    public int setSize(int c) { return offsets[c + 1] - offsets[c] + 1; }

    public int otherCount(int c) { return offsets[c + 1] - offsets[c]; }

    public int other(int c, int k) { return members[offsets[c] + k]; }

    public double weight(int c) { return weights == null ? 1.0 : weights[c]; }

    /** The observation (comparison, ranking or menu, numbered from 0) choice {@code c} came from. */
    public int observation(int c) { return observation[c]; }

    /** How many observations these choices came from (a ranking of length k gives k - 1 choices, one observation). */
    public int observations() { return observations; }

    public boolean weighted() { return weights != null; }

    // raw arrays for the fitting passes in this package (never handed out further)
    int[] chosenArray() { return chosen; }

    int[] offsetsArray() { return offsets; }

    int[] membersArray() { return members; }

    double[] weightsArray() { return weights; }

    /** Whether every choice is from exactly two items (pairwise comparisons): the passes then skip the offsets. */
    boolean pairwise() { return members.length == chosen.length; }

    /** The total number of item slots over all choices (chosen ones included): the cost of one pass. */
    public long slots() { return (long) members.length + chosen.length; }

    /** The same choices with new weights (one per choice, non-negative), e.g. bootstrap counts or EM responsibilities. */
    public Choices reweighted(double[] newWeights) {
        if (newWeights.length != chosen.length) throw new IllegalArgumentException(newWeights.length + " weights for " + chosen.length + " choices");
        for (double w : newWeights) if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + w);
        return new Choices(items, chosen, offsets, members, newWeights.clone(), observation);
    }

    /** These choices followed by {@code more} (same items): new feedback appended for a warm-started update. */
    public Choices append(Choices more) {
        if (more.items != items) throw new IllegalArgumentException(more.items + " items appended to " + items);
        int m = size(), k = more.size();
        int[] ch = Arrays.copyOf(chosen, m + k);
        System.arraycopy(more.chosen, 0, ch, m, k);
        int[] off = Arrays.copyOf(offsets, m + k + 1);
        for (int c = 1; c <= k; c++) off[m + c] = offsets[m] + more.offsets[c];
        int[] mem = Arrays.copyOf(members, members.length + more.members.length);
        System.arraycopy(more.members, 0, mem, members.length, more.members.length);
        double[] w = null;
        if (weights != null || more.weights != null) {
            w = new double[m + k];
            for (int c = 0; c < m; c++) w[c] = weight(c);
            for (int c = 0; c < k; c++) w[m + c] = more.weight(c);
        }
        int[] obs = Arrays.copyOf(observation, m + k);
        for (int c = 0; c < k; c++) obs[m + c] = observations + more.observation[c];
        return new Choices(items, ch, off, mem, w, obs);
    }

    /** The choices whose indices are given, in that order (used by splits and per-annotator subsets). */
    public Choices subset(int[] indices) {
        var b = new Builder(items);
        int previous = -1;
        for (int c : indices) {
            if (previous >= 0 && observation[c] != previous) b.endObservation();
            int[] others = Arrays.copyOfRange(members, offsets[c], offsets[c + 1]);
            b.add(chosen[c], others, weight(c));
            previous = observation[c];
        }
        return b.endObservation().build();
    }

    /** Wins per item: the weighted number of times each item was chosen. */
    public double[] wins() {
        double[] w = new double[items];
        for (int c = 0; c < chosen.length; c++) w[chosen[c]] += weight(c);
        return w;
    }

    /** Lists the choices as (chosen, others) pairs; for tests and small outputs. */
    public List<int[]> asLists() {
        List<int[]> out = new ArrayList<>(size());
        for (int c = 0; c < size(); c++) {
            int[] row = new int[setSize(c)];
            row[0] = chosen[c];
            System.arraycopy(members, offsets[c], row, 1, otherCount(c));
            out.add(row);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Choices other && items == other.items && Arrays.equals(chosen, other.chosen)
                && Arrays.equals(offsets, other.offsets) && Arrays.equals(members, other.members)
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, Arrays.hashCode(chosen), Arrays.hashCode(members));
    }
}
