package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Expected winners from pref_voting's own test suite (voting-tools/pref_voting, tests/conftest.py,
 * test_scoring_rules.py, test_iterative_methods.py, test_c1_methods.py, test_grade_methods.py), on its fixtures.
 * pref_voting's {@code curr_cands} (restricting the election to some candidates) is done here by dropping the other
 * candidates from every ballot; winners are then named by the original indices.
 */
class PrefVotingSuiteTest {
    static Profile condorcetCycle = Profile.ofRankings(3, List.of(new int[] {0, 1, 2}, new int[] {1, 2, 0}, new int[] {2, 0, 1}), List.of(1L, 1L, 1L));
    static Profile linear0 = Profile.ofRankings(3, List.of(new int[] {0, 1, 2}, new int[] {2, 1, 0}), List.of(2L, 1L));
    static Profile singleVoter = Profile.ofRankings(4, List.of(new int[] {0, 1, 2, 3}), List.of(1L));
    static Profile fourVoters = Profile.ofRankings(3, List.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {1, 2, 0}, new int[] {2, 1, 0}),
            List.of(1L, 1L, 1L, 1L));
    static Profile withTies = new Profile(Profile.numbered(3), List.of(Ballot.of(List.of(List.of(0, 1), List.of(2)), 2), Ballot.of(List.of(List.of(2), List.of(0, 1)), 1)));
    static Profile cycleWithTies = new Profile(Profile.numbered(3), List.of(Ballot.of(List.of(List.of(0), List.of(1), List.of(2)), 1),
            Ballot.of(List.of(List.of(2), List.of(0), List.of(1)), 1), Ballot.of(List.of(List.of(1), List.of(2), List.of(0)), 1)));

    /** The profile restricted to {@code keep}, candidates keeping their names (= original indices). */
    static Profile restrict(Profile p, List<Integer> keep) {
        List<Ballot> bs = new ArrayList<>();
        for (Ballot b : p.ballots()) {
            List<List<Integer>> tiers = new ArrayList<>();
            for (List<Integer> t : b.ranking()) {
                List<Integer> kept = t.stream().filter(keep::contains).map(keep::indexOf).toList();
                if (!kept.isEmpty()) tiers.add(kept);
            }
            if (!tiers.isEmpty()) bs.add(Ballot.of(tiers, b.count()));
        }
        return new Profile(keep.stream().map(String::valueOf).toList(), bs);
    }

    static List<String> names(String rule, Profile p) {
        return Rules.get(rule).apply(Elections.election(p)).winnerNames();
    }

    static List<String> s(int... xs) {
        List<String> out = new ArrayList<>();
        for (int x : xs) out.add(String.valueOf(x));
        return out;
    }

    @Test
    void scoringRules_onPrefVotingFixtures() {
        for (String rule : List.of("plurality", "borda")) {
            assertThat(names(rule, condorcetCycle)).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(names(rule, linear0)).as(rule).isEqualTo(s(0));
            assertThat(names(rule, restrict(linear0, List.of(1, 2)))).as(rule).isEqualTo(s(1));
            assertThat(names(rule, singleVoter)).as(rule).isEqualTo(s(0));
            assertThat(names(rule, restrict(singleVoter, List.of(0, 1)))).as(rule).isEqualTo(s(0));
        }
        assertThat(names("anti-plurality", condorcetCycle)).isEqualTo(s(0, 1, 2));
        assertThat(names("anti-plurality", linear0)).isEqualTo(s(1));
        assertThat(names("anti-plurality", restrict(linear0, List.of(1, 2)))).isEqualTo(s(1));
        assertThat(names("anti-plurality", singleVoter)).isEqualTo(s(0, 1, 2));
        assertThat(names("anti-plurality", restrict(singleVoter, List.of(0, 1)))).isEqualTo(s(0));
        // borda_for_profile_with_ties, by default and with symmetric_borda_scores: [0, 1]; restricted to [1, 2]: [1].
        assertThat(names("borda", withTies)).isEqualTo(s(0, 1));
        assertThat(names("borda", restrict(withTies, List.of(1, 2)))).isEqualTo(s(1));
    }

    @Test
    void iterativeRules_onPrefVotingFixtures() {
        for (String rule : List.of("irv", "irv-put", "coombs", "baldwin", "nanson", "weak-nanson")) {
            assertThat(names(rule, condorcetCycle)).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(names(rule, linear0)).as(rule).isEqualTo(s(0));
            assertThat(names(rule, restrict(linear0, List.of(1, 2)))).as(rule).isEqualTo(s(1));
            assertThat(names(rule, singleVoter)).as(rule).isEqualTo(s(0));
            assertThat(names(rule, restrict(singleVoter, List.of(0, 1)))).as(rule).isEqualTo(s(0));
        }
        // The "with explanation" tests' profile [[0,1,2],[0,1,2],[1,2,0],[2,1,0]].
        assertThat(names("irv", fourVoters)).isEqualTo(s(0));
        assertThat(names("coombs", fourVoters)).isEqualTo(s(1));
        assertThat(names("baldwin", fourVoters)).isEqualTo(s(0, 1));
        assertThat(names("nanson", fourVoters)).isEqualTo(s(0, 1));
        assertThat(names("weak-nanson", fourVoters)).isEqualTo(s(1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) Rules.get("irv").apply(Elections.election(fourVoters)).evidence().get("rounds");
        assertThat(rounds.get(0).get("eliminated")).isEqualTo(List.of("1", "2"));
    }

    @Test
    void majorityGraphRules_onPrefVotingFixtures() {
        MarginGraph cycle = MarginGraph.ofEdges(3, List.of(new long[] {0, 1, 1}, new long[] {1, 2, 1}, new long[] {2, 0, 1}));
        MarginGraph linear = MarginGraph.ofEdges(3, List.of(new long[] {0, 1, 1}, new long[] {1, 2, 1}, new long[] {0, 2, 1}));
        MarginGraph cycleMargin = MarginGraph.ofEdges(3, List.of(new long[] {0, 1, 1}, new long[] {1, 2, 5}, new long[] {2, 0, 3}));
        for (String rule : List.of("condorcet", "copeland", "uncovered-set", "llull", "top-cycle", "schwartz-set")) {
            MarginRule r = (MarginRule) Rules.get(rule);
            assertThat(r.apply(cycle).winnerNames()).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(r.apply(linear).winnerNames()).as(rule).isEqualTo(s(0));
            assertThat(r.apply(linear.restrict(List.of(1, 2))).winnerNames()).as(rule).isEqualTo(s(1));
            assertThat(r.apply(Elections.election(condorcetCycle).margins()).winnerNames()).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(r.apply(cycleMargin).winnerNames()).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(r.apply(Elections.election(cycleWithTies).margins()).winnerNames()).as(rule).isEqualTo(s(0, 1, 2));
            assertThat(names(rule, singleVoter)).as(rule).isEqualTo(s(0));
        }
    }

    static GradeProfile grades(List<Map<Integer, Long>> ballots, List<Long> counts, int n) {
        List<GradeProfile.GradeBallot> bs = new ArrayList<>();
        for (int i = 0; i < ballots.size(); i++) bs.add(new GradeProfile.GradeBallot(ballots.get(i), counts.get(i)));
        return new GradeProfile(Profile.numbered(n), bs);
    }

    @Test
    void gradeRules_onPrefVotingFixtures() {
        GradeProfile score = grades(List.of(Map.of(0, 5L, 1, 4L, 2, 0L), Map.of(0, 5L, 1, 3L, 2, 1L), Map.of(0, 0L, 1, 5L, 2, 5L)), List.of(1L, 1L, 1L), 3);
        assertThat(Rules.get("score").apply(score).winnerNames()).isEqualTo(s(1));
        assertThat(Rules.get("star").apply(score).winnerNames()).isEqualTo(s(0));
        GradeProfile tieForFirst = grades(List.of(Map.of(0, 5L, 1, 3L), Map.of(0, 0L, 1, 4L)), List.of(2L, 1L), 2);
        assertThat(Rules.get("star").apply(tieForFirst).winnerNames()).isEqualTo(s(0));
        GradeProfile tiedRunoff = grades(List.of(Map.of(0, 5L, 1, 3L), Map.of(0, 3L, 1, 5L)), List.of(1L, 1L), 2);
        assertThat(Rules.get("star").apply(tiedRunoff).winnerNames()).isEqualTo(s(0, 1));
        GradeProfile mj = grades(List.of(Map.of(0, 5L, 1, 4L, 2, 0L), Map.of(0, 5L, 1, 3L, 2, 1L), Map.of(0, 0L, 1, 5L, 2, 5L), Map.of(0, 4L, 1, 4L, 2, 2L)),
                List.of(1L, 1L, 1L, 1L), 3);
        assertThat(Rules.get("majority-judgment").apply(mj).winnerNames()).isEqualTo(s(0));
        GradeProfile unique = grades(List.of(Map.of(0, 5L, 1, 1L, 2, 0L), Map.of(0, 5L, 1, 2L, 2, 0L)), List.of(2L, 1L), 3);
        assertThat(Rules.get("majority-judgment").apply(unique).winnerNames()).isEqualTo(s(0));
    }

    @Test
    void irvPut_isTheUnionOverRemovingOneTiedLoser_notEveryTiedCandidate() {
        // a: a>c>b, b: b>c>a, c: c>a>b. All tie with one first place. Removing a or b gives c a majority; removing c
        // gives a a majority: IRV-PUT {a, c}; simultaneous IRV stops at the three-way tie.
        Profile p = Elections.letters("abc", "1 acb", "1 bca", "1 cab");
        assertThat(Elections.winners("irv-put", p)).containsExactly(0, 2);
        assertThat(Elections.winners("irv", p)).containsExactly(0, 1, 2);
    }
}
