package org.charter.core.welfare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import org.charter.core.math.Rational;

/**
 * A table of utilities: one row per option, one column per group (or person), each group with a positive weight
 * (its size; 1 when not given). Immutable; the constructor validates and copies what it is given.
 */
public final class UtilityProfile {
    private final List<String> options;
    private final List<String> groups;
    private final Rational[] weights;
    private final Rational[][] utilities;
    /** The same utilities as longs when every one is a whole number of at most 62 bits, else null (fast paths). */
    private final long[][] integers;

    /** Validates: at least one option and one group, names unique and non-blank, a full table, weights positive. */
    public UtilityProfile(List<String> options, List<String> groups, List<Rational> weights, List<List<Rational>> utilities) {
        this.options = List.copyOf(options);
        this.groups = List.copyOf(groups);
        if (this.options.isEmpty()) throw new IllegalArgumentException("a utility profile needs at least one option");
        if (this.groups.isEmpty()) throw new IllegalArgumentException("a utility profile needs at least one group");
        unique(this.options, "option");
        unique(this.groups, "group");
        if (weights.size() != this.groups.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + this.groups.size() + " groups");
        }
        this.weights = weights.toArray(Rational[]::new);
        for (int g = 0; g < this.weights.length; g++) {
            Objects.requireNonNull(this.weights[g], "weight");
            if (this.weights[g].signum() <= 0) {
                throw new IllegalArgumentException("the weight of group \"" + this.groups.get(g) + "\" must be positive, found " + this.weights[g]);
            }
        }
        if (utilities.size() != this.options.size()) {
            throw new IllegalArgumentException(utilities.size() + " rows of utilities for " + this.options.size() + " options");
        }
        this.utilities = new Rational[this.options.size()][];
        for (int o = 0; o < this.utilities.length; o++) {
            List<Rational> row = utilities.get(o);
            if (row.size() != this.groups.size()) {
                throw new IllegalArgumentException("option \"" + this.options.get(o) + "\" has " + row.size()
                        + " utilities for " + this.groups.size() + " groups");
            }
            this.utilities[o] = row.toArray(Rational[]::new);
            for (Rational u : this.utilities[o]) Objects.requireNonNull(u, "utility");
        }
        long[][] ints = new long[this.utilities.length][];
        for (int o = 0; ints != null && o < ints.length; o++) {
            ints[o] = new long[this.groups.size()];
            for (int g = 0; g < ints[o].length; g++) {
                Rational u = this.utilities[o][g];
                if (!u.isInteger() || u.numerator().bitLength() > 62) {
                    ints = null;
                    break;
                }
                ints[o][g] = u.numerator().longValue();
            }
        }
        this.integers = ints;
    }

    /** The utilities as whole numbers (not to be modified), or null when some utility is not a whole number of at most 62 bits. */
    long[][] integerUtilities() {
        return integers;
    }

    /** Every group weighing 1. */
    public static UtilityProfile unweighted(List<String> options, List<String> groups, List<List<Rational>> utilities) {
        return new UtilityProfile(options, groups, java.util.Collections.nCopies(groups.size(), Rational.ONE), utilities);
    }

    /** From whole numbers, options named o1, o2, ... and groups g1, g2, ..., every weight 1 (for tests and examples). */
    public static UtilityProfile ofLongs(long[][] rows) {
        var options = new ArrayList<String>();
        var table = new ArrayList<List<Rational>>();
        for (int o = 0; o < rows.length; o++) {
            options.add("o" + (o + 1));
            table.add(Arrays.stream(rows[o]).mapToObj(Rational::of).toList());
        }
        var groups = new ArrayList<String>();
        for (int g = 0; g < (rows.length == 0 ? 0 : rows[0].length); g++) groups.add("g" + (g + 1));
        return unweighted(options, groups, table);
    }

    private static void unique(List<String> names, String what) {
        var seen = new HashSet<String>();
        for (String n : names) {
            if (n == null || n.isBlank()) throw new IllegalArgumentException("a " + what + " name is blank");
            if (!seen.add(n)) throw new IllegalArgumentException("the " + what + " \"" + n + "\" appears twice");
        }
    }

    public List<String> options() {
        return options;
    }

    public List<String> groups() {
        return groups;
    }

    public int optionCount() {
        return options.size();
    }

    public int groupCount() {
        return groups.size();
    }

    public Rational weight(int group) {
        return weights[group];
    }

    public List<Rational> weights() {
        return List.of(weights);
    }

    /** True when every group weighs 1. */
    public boolean unitWeights() {
        for (Rational w : weights) if (!w.equals(Rational.ONE)) return false;
        return true;
    }

    public Rational utility(int option, int group) {
        return utilities[option][group];
    }

    /** One option's utilities, in group order. */
    public List<Rational> row(int option) {
        return List.of(utilities[option]);
    }

    public int indexOfOption(String name) {
        int i = options.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no option named \"" + name + "\"");
        return i;
    }

    /** The same table with its groups (columns and weights) in the order {@code permutation} gives (new index -> old). */
    public UtilityProfile permuteGroups(int[] permutation) {
        var g = new ArrayList<String>();
        var w = new ArrayList<Rational>();
        for (int p : permutation) {
            g.add(groups.get(p));
            w.add(weights[p]);
        }
        var table = new ArrayList<List<Rational>>();
        for (Rational[] row : utilities) {
            var r = new ArrayList<Rational>();
            for (int p : permutation) r.add(row[p]);
            table.add(r);
        }
        return new UtilityProfile(options, g, w, table);
    }

    /** The same table with one utility replaced. */
    public UtilityProfile with(int option, int group, Rational utility) {
        var table = new ArrayList<List<Rational>>();
        for (int o = 0; o < utilities.length; o++) {
            var r = new ArrayList<>(List.of(utilities[o]));
            if (o == option) r.set(group, utility);
            table.add(r);
        }
        return new UtilityProfile(options, groups, List.of(weights), table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtilityProfile p && options.equals(p.options) && groups.equals(p.groups)
                && Arrays.equals(weights, p.weights) && Arrays.deepEquals(utilities, p.utilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, groups, Arrays.hashCode(weights), Arrays.deepHashCode(utilities));
    }

    @Override
    public String toString() {
        return "UtilityProfile[" + options.size() + " options x " + groups.size() + " groups]";
    }
}
