package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.charter.core.math.Rational;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the welfare functions and the Pareto frontier over random small profiles. */
class WelfareProperties {
    @Provide
    Arbitrary<long[][]> tables() {
        return Arbitraries.integers().between(1, 5).flatMap(groups ->
                Arbitraries.longs().between(0, 6).array(long[].class).ofSize(groups).array(long[][].class).ofMinSize(1).ofMaxSize(8));
    }

    @Provide
    Arbitrary<long[][]> positiveTables() {
        return tables().map(t -> {
            long[][] c = new long[t.length][];
            for (int i = 0; i < t.length; i++) {
                c[i] = t[i].clone();
                for (int g = 0; g < c[i].length; g++) c[i][g] += 1;
            }
            return c;
        });
    }

    @Property
    void anonymity_permutingGroupsKeepsEveryChoice(@ForAll("tables") long[][] t, @ForAll long seed) {
        UtilityProfile p = UtilityProfile.ofLongs(t);
        List<Integer> perm = new ArrayList<>();
        for (int g = 0; g < p.groupCount(); g++) perm.add(g);
        Collections.shuffle(perm, new Random(seed));
        UtilityProfile q = p.permuteGroups(perm.stream().mapToInt(Integer::intValue).toArray());
        for (WelfareFunction f : WelfareFunctions.all()) assertThat(f.rank(q).best()).as(f.id()).isEqualTo(f.rank(p).best());
        assertThat(Pareto.frontier(q).efficient()).isEqualTo(Pareto.frontier(p).efficient());
    }

    @Property
    void pareto_strictlyIncreasingFunctionsChooseEfficientOptions(@ForAll("positiveTables") long[][] t) {
        UtilityProfile p = UtilityProfile.ofLongs(t);
        Pareto.Frontier f = Pareto.frontier(p);
        for (String swf : List.of("utilitarian", "nash", "leximin")) {
            assertThat(f.efficient()).as(swf).containsAll(WelfareFunctions.parse(swf).rank(p).best());
        }
        for (WelfareFunction w : WelfareFunctions.all()) assertThat(f.weaklyEfficient()).as(w.id()).containsAll(w.rank(p).best());
    }

    @Property
    void monotonicity_raisingABestOptionKeepsItBest(@ForAll("tables") long[][] t, @ForAll @IntRange(min = 0, max = 4) int group,
            @ForAll @IntRange(min = 1, max = 5) int raise) {
        UtilityProfile p = UtilityProfile.ofLongs(t);
        int g = group % p.groupCount();
        for (WelfareFunction f : WelfareFunctions.all()) {
            String best = f.rank(p).best().get(0);
            int o = p.indexOfOption(best);
            UtilityProfile q = p.with(o, g, p.utility(o, g).add(Rational.of(raise)));
            assertThat(f.rank(q).best()).as(f.id()).contains(best);
        }
    }

    @Property
    void frontier_agreesWithTheDefinitionCheckedPairByPair(@ForAll("tables") long[][] t) {
        UtilityProfile p = UtilityProfile.ofLongs(t);
        Pareto.Frontier f = Pareto.frontier(p);
        List<String> efficient = new ArrayList<>(), weak = new ArrayList<>();
        for (int x = 0; x < p.optionCount(); x++) {
            boolean dominated = false, strictly = false;
            for (int y = 0; y < p.optionCount(); y++) {
                Pareto.Domination d = Pareto.compare(p, y, x);
                if (d.relation() == Pareto.Relation.DOMINATES) {
                    dominated = true;
                    strictly |= d.strict();
                }
            }
            if (!dominated) efficient.add(p.options().get(x));
            if (!strictly) weak.add(p.options().get(x));
        }
        assertThat(f.efficient()).isEqualTo(efficient);
        assertThat(f.weaklyEfficient()).isEqualTo(weak);
        for (Pareto.Dominated d : f.dominated()) {
            for (String by : d.by()) assertThat(Pareto.compare(p, by, d.option()).relation()).isEqualTo(Pareto.Relation.DOMINATES);
        }
    }

    @Property(tries = 30)
    void frontier_largeTablesThroughTheBitsetFilterAgreeWithTheDefinition(@ForAll @IntRange(min = 256, max = 700) int options,
            @ForAll @IntRange(min = 1, max = 8) int groups, @ForAll @IntRange(min = 1, max = 200) int range, @ForAll long seed) {
        var random = new Random(seed);
        long[][] t = new long[options][groups];
        for (long[] row : t) for (int g = 0; g < groups; g++) row[g] = random.nextInt(range + 1);
        UtilityProfile p = UtilityProfile.ofLongs(t);
        Pareto.Frontier f = Pareto.frontier(p);
        List<String> efficient = new ArrayList<>(), weak = new ArrayList<>();
        int[] count = new int[options];
        for (int x = 0; x < options; x++) {
            boolean dominated = false, strictly = false;
            for (int y = 0; y < options; y++) {
                boolean geq = true, gt = false, allGt = true;
                for (int g = 0; g < groups; g++) {
                    if (t[y][g] < t[x][g]) geq = false;
                    if (t[y][g] > t[x][g]) gt = true;
                    else allGt = false;
                }
                if (geq && gt) {
                    dominated = true;
                    strictly |= allGt;
                }
            }
            if (!dominated) efficient.add(p.options().get(x));
            if (!strictly) weak.add(p.options().get(x));
        }
        assertThat(f.efficient()).isEqualTo(efficient);
        assertThat(f.weaklyEfficient()).isEqualTo(weak);
        for (Pareto.Dominated d : f.dominated()) {
            // The count is of frontier dominators; check it against the frontier directly.
            int x = p.indexOfOption(d.option());
            int expected = 0;
            for (String e : efficient) {
                int y = p.indexOfOption(e);
                boolean geq = true, gt = false;
                for (int g = 0; g < groups; g++) {
                    if (t[y][g] < t[x][g]) geq = false;
                    if (t[y][g] > t[x][g]) gt = true;
                }
                if (geq && gt) expected++;
            }
            assertThat(d.dominatorCount()).as(d.option()).isEqualTo(expected);
            assertThat(d.by()).hasSize(Math.min(expected, Pareto.LISTED_DOMINATORS));
        }
    }

    @Property
    void scaleInvariance_halvingEveryUtilityKeepsEveryChoice(@ForAll("tables") long[][] t) {
        // Halving makes the utilities fractions, so this also checks the whole-number fast paths against the rational ones.
        UtilityProfile p = UtilityProfile.ofLongs(t);
        List<List<Rational>> halved = new ArrayList<>();
        for (int o = 0; o < p.optionCount(); o++) halved.add(p.row(o).stream().map(u -> u.multiply(Rational.of(1, 2))).toList());
        UtilityProfile q = UtilityProfile.unweighted(p.options(), p.groups(), halved);
        for (WelfareFunction f : WelfareFunctions.all()) assertThat(f.rank(q).best()).as(f.id()).isEqualTo(f.rank(p).best());
    }

    @Property
    void weights_wholeWeightsActAsCopiesOfGroups(@ForAll("tables") long[][] t, @ForAll @IntRange(min = 1, max = 3) int copies) {
        // Weighting the first group by k equals repeating its column k times.
        UtilityProfile p = UtilityProfile.ofLongs(t);
        List<String> groups = new ArrayList<>(p.groups());
        List<Rational> weights = new ArrayList<>(p.weights());
        weights.set(0, Rational.of(copies));
        List<List<Rational>> rows = new ArrayList<>();
        List<List<Rational>> expandedRows = new ArrayList<>();
        List<String> expandedGroups = new ArrayList<>(groups);
        for (int k = 1; k < copies; k++) expandedGroups.add("copy" + k);
        for (int o = 0; o < p.optionCount(); o++) {
            rows.add(p.row(o));
            List<Rational> r = new ArrayList<>(p.row(o));
            for (int k = 1; k < copies; k++) r.add(p.utility(o, 0));
            expandedRows.add(r);
        }
        UtilityProfile weighted = new UtilityProfile(p.options(), groups, weights, rows);
        UtilityProfile expanded = UtilityProfile.unweighted(p.options(), expandedGroups, expandedRows);
        for (WelfareFunction f : WelfareFunctions.all()) {
            assertThat(f.rank(weighted).best()).as(f.id()).isEqualTo(f.rank(expanded).best());
        }
    }
}
