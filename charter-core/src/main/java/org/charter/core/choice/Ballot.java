package org.charter.core.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ranking ballot cast {@code count} times: tiers of 0-based candidate indices, best first; candidates in one tier
 * are tied, candidates in no tier are unranked (a truncated ballot). Immutable; stored as two flat arrays so that a
 * million ballots stay cheap.
 */
public final class Ballot {
    private final int[] order;   // ranked candidates, best first
    private final int[] tierOf;  // tier index of order[i], non-decreasing, starting at 0, no gaps
    private final long count;

    private Ballot(int[] order, int[] tierOf, long count) {
        if (count <= 0) throw new IllegalArgumentException("a ballot's count must be positive, got " + count);
        if (order.length == 0) throw new IllegalArgumentException("a ballot must rank at least one candidate");
        this.order = order;
        this.tierOf = tierOf;
        this.count = count;
    }

    /** A strict (linear, possibly truncated) order: {@code order[0]} is the favourite. */
    public static Ballot linear(int[] order, long count) {
        int[] tiers = new int[order.length];
        for (int i = 0; i < tiers.length; i++) tiers[i] = i;
        checkDistinct(order);
        return new Ballot(order.clone(), tiers, count);
    }

    /** A weak order from its tiers, best first; every tier must be non-empty. */
    public static Ballot of(List<? extends List<Integer>> ranking, long count) {
        int size = 0;
        for (List<Integer> tier : ranking) {
            if (tier.isEmpty()) throw new IllegalArgumentException("a ballot's tier is empty");
            size += tier.size();
        }
        int[] order = new int[size];
        int[] tiers = new int[size];
        int i = 0;
        for (int t = 0; t < ranking.size(); t++) {
            for (int c : ranking.get(t)) {
                order[i] = c;
                tiers[i++] = t;
            }
        }
        checkDistinct(order);
        return new Ballot(order, tiers, count);
    }

    private static void checkDistinct(int[] order) {
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) throw new IllegalArgumentException("negative candidate index " + sorted[0]);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) throw new IllegalArgumentException("candidate " + sorted[i] + " appears twice in a ballot");
        }
    }

    public long count() {
        return count;
    }

    /** The same ranking cast {@code newCount} times. */
    public Ballot withCount(long newCount) {
        return new Ballot(order, tierOf, newCount);
    }

    /** How many candidates this ballot ranks. */
    public int rankedCount() {
        return order.length;
    }

    /** The i-th ranked candidate (0 = a favourite). */
    public int candidateAt(int i) {
        return order[i];
    }

    /** The tier of the i-th ranked candidate. */
    public int tierAt(int i) {
        return tierOf[i];
    }

    public int tierCount() {
        return tierOf[tierOf.length - 1] + 1;
    }

    /** True when no two ranked candidates are tied. */
    public boolean isStrict() {
        return tierCount() == order.length;
    }

    /** The largest candidate index on the ballot. */
    public int maxCandidate() {
        int m = -1;
        for (int c : order) m = Math.max(m, c);
        return m;
    }

    /** Writes each candidate's tier into {@code rank} (length = number of candidates), or {@code unranked} for the rest. */
    public void fillRanks(int[] rank, int unranked) {
        Arrays.fill(rank, unranked);
        for (int i = 0; i < order.length; i++) rank[order[i]] = tierOf[i];
    }

    /** The tiers as lists, best first. */
    public List<List<Integer>> ranking() {
        List<List<Integer>> tiers = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || tierOf[i] != tierOf[i - 1]) tiers.add(new ArrayList<>());
            tiers.get(tiers.size() - 1).add(order[i]);
        }
        return tiers.stream().map(List::copyOf).toList();
    }

    /** The ranking with candidate c replaced by mapping[c] (a renaming), same count. */
    public Ballot renamed(int[] mapping) {
        int[] o = new int[order.length];
        for (int i = 0; i < o.length; i++) o[i] = mapping[order[i]];
        return new Ballot(o, tierOf, count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ballot b && b.count == count && Arrays.equals(b.order, order) && Arrays.equals(b.tierOf, tierOf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order) * 31 + Arrays.hashCode(tierOf) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return count + ": " + ranking();
    }
}
