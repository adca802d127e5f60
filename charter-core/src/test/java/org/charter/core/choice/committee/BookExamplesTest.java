package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Worked examples of Lackner and Skowron, "Multi-Winner Voting with Approval Preferences" (Springer, 2023), as
 * abcvoting's examples/abcbook reproduces them.
 */
class BookExamplesTest {
    /** The book's Method of Equal Shares example (8 voters, k = 3; Example 11 or 12 depending on the abcbook version): c at price 1/5, then a at 13/40, then seq-Phragmén adds d. */
    @Test
    void equalSharesExample_buysCThenA_andPhragmenCompletesWithD() {
        var p = SocialChoiceVectorsTest.profile("3x{c,d},2x{a,b},2x{a,c},1x{b,d}", 4);
        var all = CommitteeRules.compute(CommitteeRules.find("equal-shares").orElseThrow(), p, 3, false);
        assertThat(all.committees()).containsExactly(Committee.of(0, 2, 3));
        var one = CommitteeRules.compute(CommitteeRules.find("equal-shares").orElseThrow(), p, 3, true);
        var rounds = one.explanation().rounds();
        assertThat(rounds.get(0).chosen()).isEqualTo("c");
        assertThat(rounds.get(0).values().get("c")).isEqualTo("1/5");
        assertThat(rounds.get(1).chosen()).isEqualTo("a");
        assertThat(rounds.get(1).values().get("a")).isEqualTo("13/40");
        assertThat(rounds.get(2).measure()).startsWith("seq-Phragmén completion");
        assertThat(rounds.get(2).chosen()).isEqualTo("d");
        // remaining budgets (7/40, 7/40, 7/40, 1/20, 1/20, 0, 0, 3/8), grouped by value
        assertThat(one.explanation().budgets()).containsExactly(new CommitteeResult.Share("3/8", "1"),
                new CommitteeResult.Share("7/40", "3"), new CommitteeResult.Share("1/20", "2"), new CommitteeResult.Share("0", "2"));
        assertThat(CommitteeRules.compute(CommitteeRules.find("equal-shares-no-completion").orElseThrow(), p, 3, false).committees())
                .containsExactly(Committee.of(0, 2));
    }
}
