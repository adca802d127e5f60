package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

/** Score, STAR, majority judgment, approval and the lotteries, on hand-checked elections. */
class GradeAndLotteryTest {
    static GradeProfile grades(String json) {
        return (GradeProfile) ProfileJson.read(json, "g.json", Truncation.INCOMPARABLE);
    }

    @Test
    void majorityJudgment_equalMediansBrokenBySuccessiveMedians() {
        // a: 1,2,2,3 and b: 0,2,2,4 share the lower median 2; removing medians gives a 2,2,1,3 and b 2,2,0,4: a wins.
        GradeProfile g = grades("{\"candidates\":[\"a\",\"b\"],\"grades\":[{\"scores\":{\"a\":1,\"b\":0}},{\"scores\":{\"a\":2,\"b\":2},\"count\":2},{\"scores\":{\"a\":3,\"b\":4}}]}");
        RuleResult r = Rules.get("majority-judgment").apply(g);
        assertThat(r.winnerNames()).containsExactly("a");
        assertThat(r.evidence().get("median_grades")).isEqualTo(Map.of("a", 2L, "b", 2L));
        // Identical grade distributions tie.
        GradeProfile same = grades("{\"candidates\":[\"a\",\"b\"],\"grades\":[{\"scores\":{\"a\":1,\"b\":3}},{\"scores\":{\"a\":3,\"b\":1}},{\"scores\":{\"a\":2,\"b\":2}}]}");
        assertThat(Rules.get("majority-judgment").apply(same).winnerNames()).containsExactly("a", "b");
    }

    @Test
    void star_scoreLeaderCanLoseTheRunoff_andTiesForFinalistsAreExplored() {
        // totals a 10, b 9, c 2; runoff a vs b: b is graded higher on 3 ballots, a on 2, so b wins.
        GradeProfile g = grades("{\"candidates\":[\"a\",\"b\",\"c\"],\"grades\":[{\"scores\":{\"a\":5,\"b\":0,\"c\":1},\"count\":2},{\"scores\":{\"a\":0,\"b\":3,\"c\":0},\"count\":3}]}");
        assertThat(Rules.get("score").apply(g).winnerNames()).containsExactly("a");
        RuleResult star = Rules.get("star").apply(g);
        assertThat(star.winnerNames()).containsExactly("b");
        assertThat(star.evidence().get("runoffs")).isEqualTo(List.of("a 2 - 3 b"));
        // b and c tie for second (total 3): both runoffs are run; a beats each 1-0, so a wins alone.
        GradeProfile tie = grades("{\"candidates\":[\"a\",\"b\",\"c\"],\"grades\":[{\"scores\":{\"a\":5,\"b\":3,\"c\":3}}]}");
        assertThat(Rules.get("star").apply(tie).evidence().get("runoffs")).isEqualTo(List.of("a 1 - 0 b", "a 1 - 0 c"));
        assertThat(Rules.get("star").apply(tie).winnerNames()).containsExactly("a");
    }

    @Test
    void approval_weightsAreExactRationals() {
        Election e = ProfileJson.read("{\"candidates\":[\"a\",\"b\",\"c\"],\"approvals\":[{\"approved\":[\"a\",\"b\"],\"weight\":\"1/3\"},"
                + "{\"approved\":[\"b\"],\"weight\":\"1/6\"},{\"approved\":[\"a\"],\"weight\":0.1},{\"approved\":[\"c\"],\"weight\":\"2/5\"}]}", "a.json", Truncation.INCOMPARABLE);
        RuleResult r = Rules.get("approval").apply(e);
        // a = 1/3 + 1/10 = 13/30, b = 1/3 + 1/6 = 1/2 = 15/30, c = 2/5 = 12/30.
        assertThat(r.winnerNames()).containsExactly("b");
        assertThat(r.evidence().get("approval_weight")).isEqualTo(Map.of("a", "13/30", "b", "1/2", "c", "2/5"));
    }

    @Test
    void randomDictatorSplitsATiedTop_andProportionalBordaSharesPoints() {
        Profile p = new Profile(List.of("a", "b", "c"), List.of(Ballot.of(List.of(List.of(0, 1), List.of(2)), 2), Ballot.linear(new int[] {2, 0, 1}, 1)));
        RuleResult rd = Rules.get("random-dictator").apply(Elections.election(p));
        assertThat(rd.lottery()).containsExactly(Rational.of(1, 3), Rational.of(1, 3), Rational.of(1, 3));
        // Borda points: a 2 x 1 + 1 = 3, b 2 x 1 + 0 = 2, c 0 + 2 = 2; total 7.
        RuleResult pb = Rules.get("proportional-borda").apply(Elections.election(p));
        assertThat(pb.lottery()).containsExactly(Rational.of(3, 7), Rational.of(2, 7), Rational.of(2, 7));
        assertThat(pb.winners()).containsExactly(0, 1, 2);
    }

    @Test
    void bordaOnTruncatedBallotsFollowsTheConvention() {
        // 2 x a (b, c unranked), 1 x b > c > a. Incomparable: margins a-b -1, a-c -1, b-c +1; below: a-b +1, a-c +1.
        Profile p = new Profile(List.of("a", "b", "c"), List.of(Ballot.linear(new int[] {0}, 2), Ballot.linear(new int[] {1, 2, 0}, 1)));
        assertThat(Rules.get("borda").apply(OrdinalElection.of(p, Truncation.INCOMPARABLE)).winnerNames()).containsExactly("b");
        assertThat(Rules.get("borda").apply(OrdinalElection.of(p, Truncation.BELOW)).winnerNames()).containsExactly("a");
        assertThat(Rules.get("plurality").apply(Elections.election(p)).winnerNames()).containsExactly("a");
    }
}
