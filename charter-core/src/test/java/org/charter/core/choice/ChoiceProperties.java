package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the single-winner rules, over seeded random profiles. */
class ChoiceProperties {
    /** Strict complete orders over m candidates, 1..10 distinct ballots with counts 1..3, total count odd (so no margin is 0). */
    static Profile linear(long seed, int m) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 1 + r.nextInt(10);
        List<Ballot> bs = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < k; i++) {
            List<Integer> o = new ArrayList<>();
            for (int c = 0; c < m; c++) o.add(c);
            Collections.shuffle(o, new java.util.Random(r.nextLong()));
            long count = 1 + r.nextInt(3);
            total += count;
            bs.add(Ballot.linear(o.stream().mapToInt(Integer::intValue).toArray(), count));
        }
        if (total % 2 == 0) bs.set(0, bs.get(0).withCount(bs.get(0).count() + 1));
        return new Profile(Profile.numbered(m), bs);
    }

    /** Weak and truncated orders over m candidates (ties, unranked candidates), 1..10 ballots. */
    static Profile weak(long seed, int m) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 1 + r.nextInt(10);
        List<Ballot> bs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Integer> o = new ArrayList<>();
            for (int c = 0; c < m; c++) o.add(c);
            Collections.shuffle(o, new java.util.Random(r.nextLong()));
            int ranked = 1 + r.nextInt(m);
            List<List<Integer>> tiers = new ArrayList<>();
            for (int j = 0; j < ranked; j++) {
                if (tiers.isEmpty() || r.nextInt(3) != 0) tiers.add(new ArrayList<>());
                tiers.get(tiers.size() - 1).add(o.get(j));
            }
            bs.add(Ballot.of(tiers, 1 + r.nextInt(3)));
        }
        return new Profile(Profile.numbered(m), bs);
    }

    static final List<String> CONDORCET_CONSISTENT = List.of("schulze", "ranked-pairs", "split-cycle", "copeland", "llull", "minimax",
            "stable-voting", "river", "kemeny-young", "nanson", "weak-nanson", "baldwin", "condorcet", "smith-set", "schwartz-set",
            "top-cycle", "uncovered-set", "maximal-lottery");

    static final List<String> SMITH_CONSISTENT = List.of("schulze", "ranked-pairs", "split-cycle", "copeland", "stable-voting", "river",
            "kemeny-young", "schwartz-set", "top-cycle", "uncovered-set", "maximal-lottery");

    static final List<String> MARGIN_ONLY = List.of("schulze", "ranked-pairs", "split-cycle", "copeland", "minimax", "stable-voting", "river");

    @Property(tries = 300)
    void condorcetConsistentRulesElectTheCondorcetWinner(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int m) {
        OrdinalElection e = Elections.election(linear(seed, m));
        int w = e.margins().condorcetWinner();
        if (w < 0) return;
        for (String rule : CONDORCET_CONSISTENT) assertThat(Rules.get(rule).apply(e).winners()).as(rule).containsExactly(w);
    }

    @Property(tries = 300)
    void marginRulesElectTheCondorcetWinnerOfWeakAndTruncatedProfilesUnderEitherConvention(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int m) {
        Profile p = weak(seed, m);
        for (Truncation t : Truncation.values()) {
            OrdinalElection e = OrdinalElection.of(p, t);
            int w = e.margins().condorcetWinner();
            if (w < 0) continue;
            for (String rule : MARGIN_ONLY) assertThat(Rules.get(rule).apply(e).winners()).as(rule + " " + t).containsExactly(w);
        }
    }

    @Property(tries = 300)
    void smithConsistentRulesWinInsideTheSmithSet(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int m, @ForAll boolean weakBallots) {
        OrdinalElection e = Elections.election(weakBallots ? weak(seed, m) : linear(seed, m));
        List<Integer> smith = MajorityRules.smithSet(e.margins());
        for (String rule : SMITH_CONSISTENT) {
            if (weakBallots && rule.equals("maximal-lottery")) continue;
            assertThat(smith).as(rule).containsAll(Rules.get(rule).apply(e).winners());
        }
    }

    /** Winners (and lotteries) by candidate name. */
    static Map<String, Object> outcome(RuleResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("winners", new TreeSet<>(r.winnerNames()));
        if (!r.lottery().isEmpty()) {
            Map<String, Rational> l = new java.util.TreeMap<>();
            for (int i = 0; i < r.candidates().size(); i++) l.put(r.candidates().get(i), r.lottery().get(i));
            o.put("lottery", l);
        }
        return o;
    }

    @Property(tries = 150)
    void resultsAreInvariantToRenamingCandidatesAndReorderingBallots(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int m, @ForAll boolean weakBallots) {
        Profile p = weakBallots ? weak(seed, m) : linear(seed, m);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        // A permutation of candidate indices, names carried along.
        List<Integer> perm = new ArrayList<>();
        for (int c = 0; c < m; c++) perm.add(c);
        Collections.shuffle(perm, new java.util.Random(r.nextLong()));
        int[] map = perm.stream().mapToInt(Integer::intValue).toArray();
        String[] names = new String[m];
        for (int c = 0; c < m; c++) names[map[c]] = "cand-" + c;
        List<Ballot> renamed = new ArrayList<>();
        for (Ballot b : p.ballots()) renamed.add(b.renamed(map));
        Collections.shuffle(renamed, new java.util.Random(r.nextLong()));
        List<String> originalNames = new ArrayList<>();
        for (int c = 0; c < m; c++) originalNames.add("cand-" + c);
        Profile original = new Profile(originalNames, p.ballots());
        Profile q = new Profile(List.of(names), renamed);
        for (SingleWinnerRule rule : Rules.all()) {
            if (!Rules.isOrdinal(rule)) continue;
            if (weakBallots && rule.id().equals("maximal-lottery")) continue; // several maximal lotteries may exist; the LP picks a vertex
            for (Truncation t : Truncation.values()) {
                assertThat(outcome(rule.apply(OrdinalElection.of(q, t)))).as(rule.id() + " " + t)
                        .isEqualTo(outcome(rule.apply(OrdinalElection.of(original, t))));
            }
        }
    }

    /** A margin graph on m <= 4 candidates whose margins come from {-2..2}: many equal margins. */
    static MarginGraph tiedGraph(long seed, int m) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] g = new long[m][m];
        for (int a = 0; a < m; a++) for (int b = a + 1; b < m; b++) {
            g[a][b] = r.nextInt(5) - 2;
            g[b][a] = -g[a][b];
        }
        return MarginGraph.ofMargins(Profile.numbered(m), g);
    }

    /** Plain reference: lock edges in every order consistent with decreasing margins, collect the unbeaten. */
    static Set<Integer> bruteForce(MarginGraph g, boolean river) {
        List<int[]> edges = new ArrayList<>();
        for (int a = 0; a < g.size(); a++) for (int b = 0; b < g.size(); b++) if (g.beats(a, b)) edges.add(new int[] {a, b});
        Set<Integer> winners = new TreeSet<>();
        permute(edges, 0, g, river, winners);
        return winners;
    }

    static void permute(List<int[]> e, int k, MarginGraph g, boolean river, Set<Integer> winners) {
        if (k == e.size()) {
            boolean sorted = true;
            for (int i = 1; i < e.size(); i++) if (g.margin(e.get(i)[0], e.get(i)[1]) > g.margin(e.get(i - 1)[0], e.get(i - 1)[1])) sorted = false;
            if (!sorted) return;
            boolean[][] locked = new boolean[g.size()][g.size()];
            for (int[] x : e) {
                boolean ok = !MarginRules.LockingRule.reaches(locked, x[1], x[0]);
                if (river) for (boolean[] row : locked) if (row[x[1]]) ok = false;
                if (ok) locked[x[0]][x[1]] = true;
            }
            winners.addAll(MarginRules.LockingRule.sources(locked));
            return;
        }
        for (int i = k; i < e.size(); i++) {
            Collections.swap(e, k, i);
            permute(e, k + 1, g, river, winners);
            Collections.swap(e, k, i);
        }
    }

    @Property(tries = 300)
    void rankedPairsAndRiverOverAllTieBreaksMatchABruteForceOverEdgeOrders(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int m) {
        MarginGraph g = tiedGraph(seed, m);
        assertThat(new TreeSet<>(new MarginRules.RankedPairs().apply(g).winners())).isEqualTo(bruteForce(g, false));
        assertThat(new TreeSet<>(new MarginRules.River().apply(g).winners())).isEqualTo(bruteForce(g, true));
    }

    @Property(tries = 200)
    void maximalLotteryIsExactlyUnbeatenInExpectation(@ForAll long seed, @ForAll @IntRange(min = 2, max = 7) int m, @ForAll boolean weakBallots) {
        MarginGraph g = Elections.election(weakBallots ? weak(seed, m) : linear(seed, m)).margins();
        RuleResult r = new ProbabilisticRules.MaximalLottery().apply(g);
        Rational sum = Rational.ZERO;
        for (Rational p : r.lottery()) {
            assertThat(p.signum()).isGreaterThanOrEqualTo(0);
            sum = sum.add(p);
        }
        assertThat(sum).isEqualTo(Rational.ONE);
        for (int b = 0; b < m; b++) {
            Rational v = Rational.ZERO;
            for (int a = 0; a < m; a++) v = v.add(r.lottery().get(a).multiply(Rational.of(g.margin(a, b))));
            assertThat(v.signum()).as("against " + b).isGreaterThanOrEqualTo(0);
        }
    }

    /** Plain reference margin: count ballot by ballot with the axioms' preference test. */
    @Property(tries = 200)
    void marginsMatchAPlainRecountUnderBothConventions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int m) {
        Profile p = weak(seed, m);
        int[] rank = new int[m];
        for (Truncation t : Truncation.values()) {
            MarginGraph g = MarginGraph.of(p, t);
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) {
                long expected = 0;
                for (Ballot ballot : p.ballots()) {
                    if (Axioms.prefers(ballot, a, b, t, rank)) expected += ballot.count();
                    if (Axioms.prefers(ballot, b, a, t, rank)) expected -= ballot.count();
                }
                assertThat(g.margin(a, b)).isEqualTo(a == b ? 0 : expected);
            }
        }
    }

    @Property(tries = 200)
    void prefLibAndJsonWriteThenReadGiveTheSameProfile(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int m) {
        Profile p = weak(seed, m);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < m; c++) names.add("Alt " + c + (c % 2 == 0 ? ", with comma" : ""));
        p = new Profile(names, p.ballots());
        String type = PrefLib.fittingType(p);
        PrefLib.File again = PrefLib.read(PrefLib.write(p, Map.of("TITLE", "round trip")), "rt." + type);
        assertThat(again.profile().candidates()).isEqualTo(names);
        assertThat(merged(again.profile())).isEqualTo(merged(p));
        assertThat(again.header()).containsEntry("TITLE", "round trip").containsEntry("DATA TYPE", type);
        assertThat(ProfileJson.readProfile(ProfileJson.write(p), "rt.json")).isEqualTo(p);
    }

    static Map<List<List<Integer>>, Long> merged(Profile p) {
        Map<List<List<Integer>>, Long> m = new java.util.HashMap<>();
        for (Ballot b : p.ballots()) m.merge(b.ranking(), b.count(), Long::sum);
        return m;
    }

    @Property(tries = 300)
    void fastInstantRunoffOnStrictBallotsMatchesThePlainRoundByRoundCount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int m) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Ballot> truncated = new ArrayList<>();
        for (Ballot b : linear(seed, m).ballots()) {
            int keep = 1 + r.nextInt(m);
            int[] order = new int[keep];
            for (int i = 0; i < keep; i++) order[i] = b.candidateAt(i);
            truncated.add(Ballot.linear(order, b.count()));
        }
        Profile p = new Profile(Profile.numbered(m), truncated);
        RuleResult plain = IterativeRules.eliminate("irv", p.candidates(), new IterativeRules.Round() {
            public long[] scores(boolean[] standing) { return ScoringRules.firstPlaces(p, standing); }
            public List<Integer> eliminate(boolean[] standing, long[] s) { return IterativeRules.extreme(standing, s, true); }
        }, "first_places");
        RuleResult fast = Rules.get("irv").apply(Elections.election(p));
        assertThat(fast.winners()).isEqualTo(plain.winners());
        assertThat(fast.evidence()).isEqualTo(plain.evidence());
    }

    /** pref_voting's stable voting, plainly: no memo, no Condorcet shortcut. */
    static Set<Integer> plainStableVoting(MarginGraph g, List<Integer> cands) {
        if (cands.size() == 1) return new TreeSet<>(cands);
        List<int[]> matches = new ArrayList<>();
        for (int a : cands) for (int b : cands) if (a != b) matches.add(new int[] {a, b});
        List<Long> levels = matches.stream().map(x -> g.margin(x[0], x[1])).distinct().sorted(java.util.Comparator.reverseOrder()).toList();
        Set<Integer> winners = new TreeSet<>();
        for (long level : levels) {
            for (int[] x : matches) {
                if (g.margin(x[0], x[1]) != level || winners.contains(x[0])) continue;
                List<Integer> without = new ArrayList<>(cands);
                without.remove(Integer.valueOf(x[1]));
                if (plainStableVoting(g, without).contains(x[0])) winners.add(x[0]);
            }
            if (!winners.isEmpty()) return winners;
        }
        return winners;
    }

    @Property(tries = 200)
    void stableVotingMatchesAPlainRecursionWithoutShortcuts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int m, @ForAll boolean weakBallots) {
        MarginGraph g = Elections.election(weakBallots ? weak(seed, m) : linear(seed, m)).margins();
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < m; c++) all.add(c);
        assertThat(new TreeSet<>(new MarginRules.StableVoting().apply(g).winners())).isEqualTo(plainStableVoting(g, all));
    }

    @Test
    void parallelCountingOfManyBallotsEqualsCountingTheMergedProfile() {
        SplittableRandom r = new SplittableRandom(7);
        List<Ballot> many = new ArrayList<>();
        Map<List<List<Integer>>, Long> counts = new java.util.HashMap<>();
        Profile pool = weak(99, 6);
        for (int i = 0; i < 120_000; i++) {
            Ballot b = pool.ballots().get(r.nextInt(pool.ballots().size())).withCount(1);
            many.add(b);
            counts.merge(b.ranking(), 1L, Long::sum);
        }
        List<Ballot> mergedBallots = new ArrayList<>();
        counts.forEach((k, v) -> mergedBallots.add(Ballot.of(k, v)));
        for (Truncation t : Truncation.values()) {
            assertThat(MarginGraph.of(new Profile(pool.candidates(), many), t)).isEqualTo(MarginGraph.of(new Profile(pool.candidates(), mergedBallots), t));
        }
        assertThat(new HashSet<>(mergedBallots).size()).isEqualTo(counts.size());
    }
}
