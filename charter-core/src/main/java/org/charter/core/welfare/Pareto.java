package org.charter.core.welfare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.charter.core.math.Rational;

/**
 * Pareto dominance between options scored per group, and the Pareto frontier.
 *
 * <p>Option a <em>dominates</em> b (Pareto dominance, also called weak dominance) when every group's utility under
 * a is at least its utility under b and some group's is greater; a <em>strictly dominates</em> b when every group's
 * utility is greater. The <em>Pareto frontier</em> (efficient options) are those no option dominates; the
 * <em>weakly efficient</em> options are those no option strictly dominates (a superset). Weights play no part.
 *
 * <p>A warning the position paper behind Charter repeats: Pareto efficiency says nothing about fairness. An option
 * that gives one group everything and the others nothing is efficient whenever nothing else does better for that
 * group, so the status quo, however unfair, is usually on the frontier: moving away from it makes someone worse off.
 * Use the frontier to discard options nobody should want, and a welfare function (leximin, Nash, Atkinson) to choose.
 */
public final class Pareto {
    /*
     * [1] V. Pareto. "Manuale di economia politica." Società Editrice Libraria, 1906.
     * [2] A. Sen. "Collective Choice and Social Welfare." Holden-Day, 1970, ch. 2 (the Pareto principle, and its
     *     silence on distribution: a state can be optimal while some are in luxury and others near starvation, as
     *     long as the poor cannot gain without the rich losing).
     */

    private Pareto() { }

    /** How option a stands against option b. */
    public enum Relation {
        /** a dominates b. */
        DOMINATES,
        /** b dominates a. */
        DOMINATED,
        /** The same utility for every group. */
        EQUAL,
        /** Each is better for some group. */
        INCOMPARABLE
    }

    /**
     * A comparison of two options with its witnesses.
     *
     * @param a       the first option
     * @param b       the second option
     * @param relation how a stands against b
     * @param strict  whether the domination (either way) is strict: better for every group
     * @param aBetter groups for which a is better
     * @param bBetter groups for which b is better
     * @param equal   groups for which they are equal
     */
    public record Domination(String a, String b, Relation relation, boolean strict, List<String> aBetter, List<String> bBetter, List<String> equal) {
        public Domination {
            aBetter = List.copyOf(aBetter);
            bBetter = List.copyOf(bBetter);
            equal = List.copyOf(equal);
        }
    }

    /**
     * An option off the frontier.
     *
     * @param option    its name
     * @param by        the frontier options that dominate it, largest sum of within-group ranks first; at most
     *                  {@link #LISTED_DOMINATORS} of them
     * @param dominatorCount how many frontier options dominate it (may exceed the size of {@code by})
     * @param strictly  whether some option strictly dominates it (then it is not even weakly efficient)
     * @param witness   the comparison with the first of {@code by}, naming the groups it is better for
     */
    public record Dominated(String option, List<String> by, int dominatorCount, boolean strictly, Domination witness) {
        public Dominated {
            by = List.copyOf(by);
        }
    }

    /** A dominated option lists at most this many of its dominators (it counts them all). */
    public static final int LISTED_DOMINATORS = 10;

    /**
     * The Pareto frontier and its evidence.
     *
     * @param efficient       the options no option dominates, in profile order
     * @param weaklyEfficient the options no option strictly dominates, in profile order
     * @param dominated       the other options, in profile order, each with the frontier options that dominate it
     */
    public record Frontier(List<String> efficient, List<String> weaklyEfficient, List<Dominated> dominated) {
        public Frontier {
            efficient = List.copyOf(efficient);
            weaklyEfficient = List.copyOf(weaklyEfficient);
            dominated = List.copyOf(dominated);
        }
    }

    /** Compares two options by name. */
    public static Domination compare(UtilityProfile p, String a, String b) {
        return compare(p, p.indexOfOption(a), p.indexOfOption(b));
    }

    /** Compares options a and b (indices), naming the groups each is better for. */
    public static Domination compare(UtilityProfile p, int a, int b) {
        List<String> aBetter = new ArrayList<>(), bBetter = new ArrayList<>(), equal = new ArrayList<>();
        for (int g = 0; g < p.groupCount(); g++) {
            int c = p.utility(a, g).compareTo(p.utility(b, g));
            (c > 0 ? aBetter : c < 0 ? bBetter : equal).add(p.groups().get(g));
        }
        Relation r;
        if (aBetter.isEmpty() && bBetter.isEmpty()) r = Relation.EQUAL;
        else if (bBetter.isEmpty()) r = Relation.DOMINATES;
        else if (aBetter.isEmpty()) r = Relation.DOMINATED;
        else r = Relation.INCOMPARABLE;
        boolean strict = (r == Relation.DOMINATES || r == Relation.DOMINATED) && equal.isEmpty();
        return new Domination(p.options().get(a), p.options().get(b), r, strict, aBetter, bBetter, equal);
    }

    /**
     * The frontier. Utilities are replaced by their rank within each group's column (which keeps every comparison) and
     * options are visited by decreasing sum of ranks: a dominator always has a larger sum, so each option need only be
     * checked against the frontier found so far (a dominated dominator is itself dominated by a frontier option).
     * Time O(options x frontier x groups) in the worst case; a bitset filter ({@link Candidates}) makes the common case
     * a scan of frontier / 64 words per group, with the exact check only on the few members that pass.
     */
    public static Frontier frontier(UtilityProfile p) {
        int n = p.optionCount(), m = p.groupCount();
        int[][] rank = ranks(p);
        long[] sum = new long[n];
        for (int o = 0; o < n; o++) for (int g = 0; g < m; g++) sum[o] += rank[o][g];
        Integer[] order = new Integer[n];
        for (int o = 0; o < n; o++) order[o] = o;
        Arrays.sort(order, Comparator.comparingLong((Integer o) -> -sum[o]).thenComparingInt(o -> o));
        int[] front = new int[n];
        int frontSize = 0;
        boolean[] efficient = new boolean[n];
        int[][] dominators = new int[n][];
        int[] dominatorCount = new int[n];
        boolean[] strictly = new boolean[n];
        int[] found = new int[LISTED_DOMINATORS];
        Candidates candidates = Candidates.create(rank, n, m);
        for (int x : order) {
            int count = 0;
            if (candidates == null) {
                for (int k = 0; k < frontSize; k++) {
                    int f = front[k];
                    int d = dominates(rank[f], rank[x]);
                    if (d > 0) {
                        if (count < LISTED_DOMINATORS) found[count] = f;
                        count++;
                        if (d == 2) strictly[x] = true;
                    }
                }
            } else {
                int words = (frontSize + 63) >>> 6;
                long[][] sets = candidates.setsFor(rank[x]);
                for (int w = 0; w < words; w++) {
                    long bits = sets[0][w];
                    for (int g = 1; g < m && bits != 0; g++) bits &= sets[g][w];
                    while (bits != 0) {
                        int k = (w << 6) + Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        int f = front[k];
                        int d = dominates(rank[f], rank[x]);
                        if (d > 0) {
                            if (count < LISTED_DOMINATORS) found[count] = f;
                            count++;
                            if (d == 2) strictly[x] = true;
                        }
                    }
                }
            }
            if (count == 0) {
                efficient[x] = true;
                if (candidates != null) candidates.add(frontSize, rank[x]);
                front[frontSize++] = x;
            } else {
                dominators[x] = Arrays.copyOf(found, Math.min(count, LISTED_DOMINATORS));
                dominatorCount[x] = count;
            }
        }
        List<String> eff = new ArrayList<>(), weak = new ArrayList<>();
        List<Dominated> dominated = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            if (efficient[o]) eff.add(p.options().get(o));
            if (!strictly[o]) weak.add(p.options().get(o));
            if (!efficient[o]) {
                int[] by = dominators[o];
                dominated.add(new Dominated(p.options().get(o), Arrays.stream(by).mapToObj(p.options()::get).toList(),
                        dominatorCount[o], strictly[o], compare(p, by[0], o)));
            }
        }
        return new Frontier(eff, weak, dominated);
    }

    /**
     * A filter that narrows the frontier members that could dominate an option, so the exact check runs on few: each
     * group's ranks are cut into at most 64 buckets, and for each group and bucket b a bitset holds the frontier
     * members (by position) whose bucket is b or higher. A dominator is in the bucket-or-higher set of every group,
     * so the AND of the option's sets is a superset of its dominators. Memory: groups x buckets x frontier / 64 longs,
     * kept under {@link #FILTER_BUDGET_LONGS}; with fewer than 2 buckets possible the plain scan is used.
     */
    private static final class Candidates {
        final long[][][] sets; // [group][bucket][word]
        final int[] maxRank;
        final int buckets;
        final long[][] query;

        private Candidates(long[][][] sets, int[] maxRank, int buckets) {
            this.sets = sets;
            this.maxRank = maxRank;
            this.buckets = buckets;
            this.query = new long[sets.length][];
        }

        static Candidates create(int[][] rank, int n, int m) {
            if (n < 256) return null; // small tables: the plain scan is as fast
            int words = (n + 63) >>> 6;
            long perBucket = (long) m * words;
            int buckets = (int) Math.min(64, FILTER_BUDGET_LONGS / perBucket);
            if (buckets < 2) return null;
            int[] maxRank = new int[m];
            for (int[] r : rank) for (int g = 0; g < m; g++) maxRank[g] = Math.max(maxRank[g], r[g]);
            long[][][] sets = new long[m][buckets][words];
            return new Candidates(sets, maxRank, buckets);
        }

        int bucket(int g, int r) {
            return (int) ((long) r * buckets / (maxRank[g] + 1L));
        }

        void add(int position, int[] r) {
            long bit = 1L << (position & 63);
            int word = position >>> 6;
            for (int g = 0; g < r.length; g++) {
                int top = bucket(g, r[g]);
                for (int b = 0; b <= top; b++) sets[g][b][word] |= bit;
            }
        }

        /** For each group, the set of frontier members whose bucket is at least the option's. */
        long[][] setsFor(int[] r) {
            for (int g = 0; g < r.length; g++) query[g] = sets[g][bucket(g, r[g])];
            return query;
        }
    }

    /** The candidate filter's memory limit, in longs (32 MB). */
    static final long FILTER_BUDGET_LONGS = 4L << 20;

    /** 0 when a does not dominate b, 1 when it dominates, 2 when it dominates strictly. */
    private static int dominates(int[] a, int[] b) {
        boolean strict = true, better = false;
        for (int g = 0; g < a.length; g++) {
            if (a[g] < b[g]) return 0;
            if (a[g] > b[g]) better = true;
            else strict = false;
        }
        return !better ? 0 : strict ? 2 : 1;
    }

    /** Each utility's rank among the distinct values of its group's column (0 = lowest). */
    static int[][] ranks(UtilityProfile p) {
        int n = p.optionCount(), m = p.groupCount();
        int[][] rank = new int[n][m];
        Integer[] idx = new Integer[n];
        for (int g = 0; g < m; g++) {
            final int group = g;
            for (int o = 0; o < n; o++) idx[o] = o;
            Arrays.sort(idx, Comparator.comparing((Integer o) -> p.utility(o, group)));
            int r = 0;
            Rational previous = null;
            for (int o : idx) {
                Rational u = p.utility(o, group);
                if (previous != null && !u.equals(previous)) r++;
                rank[o][group] = r;
                previous = u;
            }
        }
        return rank;
    }
}
