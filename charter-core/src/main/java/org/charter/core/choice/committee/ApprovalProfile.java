package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.charter.core.math.Rational;

/**
 * An approval profile: candidates 0..m-1 with names, and voters each with an approval set and a positive weight.
 *
 * <p>Immutable; validated on construction. Candidates without a name in the source are named by their number
 * ("0", "1", ...). Weights are exact rationals (1 unless the source gives others); the rules work on integer weights
 * obtained by multiplying every weight by the least common multiple of their denominators ({@link #weightScale()}),
 * which changes no rule's outcome and is undone in every reported score.
 */
public final class ApprovalProfile {
    private final List<String> names;
    private final int[][] approvals;
    private final Rational[] weights;
    private final long[] scaledWeights;
    private final BigInteger weightScale;
    private final long totalScaledWeight;
    private final int[][] approvers;

    /**
     * @param names     one name per candidate, distinct and non-blank
     * @param approvals one approval set per voter, each a list of candidate numbers (any order, no duplicates)
     * @param weights   one positive weight per voter, or null / empty for all 1
     */
    public ApprovalProfile(List<String> names, List<? extends List<Integer>> approvals, List<Rational> weights) {
        this.names = List.copyOf(names);
        int m = this.names.size();
        if (m == 0) throw new IllegalArgumentException("a profile needs at least one candidate");
        var seen = new HashSet<String>();
        for (int c = 0; c < m; c++) {
            String n = this.names.get(c);
            if (n.isBlank()) throw new IllegalArgumentException("candidate " + c + " has a blank name");
            if (!seen.add(n)) throw new IllegalArgumentException("candidate name '" + n + "' is used twice");
        }
        this.approvals = new int[approvals.size()][];
        for (int v = 0; v < approvals.size(); v++) {
            List<Integer> a = approvals.get(v);
            if (a == null) throw new IllegalArgumentException("voter " + v + " has no approval set");
            int[] set = new int[a.size()];
            for (int j = 0; j < set.length; j++) {
                Integer c = a.get(j);
                if (c == null || c < 0 || c >= m) {
                    throw new IllegalArgumentException("voter " + v + " approves unknown candidate " + c + " (candidates are 0.." + (m - 1) + ")");
                }
                set[j] = c;
            }
            Arrays.sort(set);
            for (int j = 1; j < set.length; j++) {
                if (set[j] == set[j - 1]) throw new IllegalArgumentException("voter " + v + " approves candidate " + set[j] + " twice");
            }
            this.approvals[v] = set;
        }
        int n = this.approvals.length;
        this.weights = new Rational[n];
        if (weights != null && !weights.isEmpty()) {
            if (weights.size() != n) {
                throw new IllegalArgumentException("there are " + weights.size() + " weights for " + n + " voters");
            }
            for (int v = 0; v < n; v++) {
                Rational w = weights.get(v);
                if (w == null || w.signum() <= 0) throw new IllegalArgumentException("voter " + v + " has weight " + w + "; weights must be positive");
                this.weights[v] = w;
            }
        } else {
            Arrays.fill(this.weights, Rational.ONE);
        }
        BigInteger lcm = BigInteger.ONE;
        for (Rational w : this.weights) {
            BigInteger d = w.denominator();
            lcm = lcm.divide(lcm.gcd(d)).multiply(d);
        }
        this.weightScale = lcm;
        this.scaledWeights = new long[n];
        long total = 0;
        for (int v = 0; v < n; v++) {
            BigInteger s = this.weights[v].numerator().multiply(lcm).divide(this.weights[v].denominator());
            if (s.bitLength() > 40) throw new IllegalArgumentException("voter weights too large or too finely divided to count exactly (scaled weight " + s + ")");
            scaledWeights[v] = s.longValueExact();
            total = Math.addExact(total, scaledWeights[v]);
        }
        if (total > (1L << 46)) throw new IllegalArgumentException("total voter weight too large to count exactly");
        this.totalScaledWeight = total;
        int[] count = new int[m];
        for (int[] a : this.approvals) for (int c : a) count[c]++;
        this.approvers = new int[m][];
        for (int c = 0; c < m; c++) approvers[c] = new int[count[c]];
        int[] fill = new int[m];
        for (int v = 0; v < n; v++) for (int c : this.approvals[v]) approvers[c][fill[c]++] = v;
    }

    /** A profile with unit weights and candidates named by their numbers. */
    public static ApprovalProfile of(int numCandidates, List<? extends List<Integer>> approvals) {
        return new ApprovalProfile(numberNames(numCandidates), approvals, null);
    }

    /** The names "0", "1", ..., "m-1". */
    public static List<String> numberNames(int numCandidates) {
        var names = new ArrayList<String>(numCandidates);
        for (int c = 0; c < numCandidates; c++) names.add(Integer.toString(c));
        return names;
    }

    public int numCandidates() { return names.size(); }

    public int numVoters() { return approvals.length; }

    public List<String> names() { return names; }

    public String name(int candidate) { return names.get(candidate); }

    /** Voter {@code v}'s approval set, sorted ascending (a copy). */
    public int[] approved(int v) { return approvals[v].clone(); }

    /** Voter {@code v}'s approval set as a list. */
    public List<Integer> approvedList(int v) { return Arrays.stream(approvals[v]).boxed().toList(); }

    public Rational weight(int v) { return weights[v]; }

    public List<Rational> weights() { return List.of(weights); }

    public boolean hasUnitWeights() {
        for (Rational w : weights) if (!w.equals(Rational.ONE)) return false;
        return true;
    }

    /** The factor D by which every weight is multiplied to make it an integer. */
    public BigInteger weightScale() { return weightScale; }

    /** Voter {@code v}'s weight times {@link #weightScale()}. */
    public long scaledWeight(int v) { return scaledWeights[v]; }

    public long totalScaledWeight() { return totalScaledWeight; }

    /** The total weight of the voters (the number of voters with unit weights). */
    public Rational totalWeight() { return Rational.of(BigInteger.valueOf(totalScaledWeight), weightScale); }

    // Internal views for the rules in this package (not copied, never modified).
    int[][] approvalsView() { return approvals; }

    int[] approversView(int candidate) { return approvers[candidate]; }

    long[] scaledWeightsView() { return scaledWeights; }

    /** A rational equal to {@code scaled} / D: converts a score counted in scaled weights back to real weights. */
    Rational unscale(Rational scaled) { return scaled.divide(Rational.of(weightScale, BigInteger.ONE)); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovalProfile p && names.equals(p.names) && Arrays.deepEquals(approvals, p.approvals)
                && Arrays.equals(weights, p.weights);
    }

    @Override
    public int hashCode() { return names.hashCode() * 31 + Arrays.deepHashCode(approvals); }

    @Override
    public String toString() {
        var sb = new StringBuilder("ApprovalProfile(").append(names.size()).append(" candidates, ").append(approvals.length).append(" voters)");
        return sb.toString();
    }
}
