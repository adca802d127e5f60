package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Worked examples whose data and results are standard in the literature. */
class PaperExamplesTest {
    /**
     * The 45-voter, five-candidate example used to present the Schulze method (Schulze's own illustration, reproduced
     * in the method's Wikipedia article): E wins, and the strongest-path table is the published one.
     */
    @Test
    void schulze_45voters_Ewins_withThePublishedStrongestPaths() {
        Profile p = Elections.letters("ABCDE", "5 ACBED", "5 ADECB", "8 BEDAC", "3 CABED", "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC");
        RuleResult r = Rules.get("schulze").apply(Elections.election(p));
        assertThat(r.winnerNames()).containsExactly("E");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> s = (Map<String, Map<String, Long>>) r.evidence().get("strongest_paths");
        // The published table counts winning votes w; with 45 complete ballots a margin is 2w - 45, and strongest
        // paths commute with that increasing map: A's row 28, 28, 30, 24 becomes 11, 11, 15, 3.
        assertThat(s.get("A")).isEqualTo(Map.of("B", 11L, "C", 11L, "D", 15L, "E", 3L));
        assertThat(s.get("B")).containsEntry("A", 2 * 25L - 45).containsEntry("D", 2 * 33L - 45).containsEntry("E", 2 * 24L - 45);
        assertThat(s.get("E")).containsEntry("A", 2 * 25L - 45).containsEntry("B", 2 * 28L - 45).containsEntry("C", 2 * 28L - 45).containsEntry("D", 2 * 31L - 45);
    }

    /**
     * The Tennessee capital example (Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17), the standard
     * illustration of ranked pairs and the Condorcet criterion: Nashville is the Condorcet winner, Memphis the
     * plurality winner, Knoxville the instant-runoff winner.
     */
    @Test
    void tennesseeCapital_nashvilleIsTheCondorcetWinner_memphisWinsPlurality_knoxvilleWinsIrv() {
        Profile p = Elections.letters("MNCK", "42 MNCK", "26 NCKM", "15 CKNM", "17 KCNM");
        for (String rule : new String[] {"condorcet", "ranked-pairs", "schulze", "split-cycle", "minimax", "copeland", "river",
                "stable-voting", "kemeny-young", "borda"}) {
            assertThat(Elections.winners(rule, p)).as(rule).containsExactly(1);
        }
        assertThat(Elections.winners("plurality", p)).containsExactly(0);
        assertThat(Elections.winners("irv", p)).containsExactly(3);
        assertThat(Rules.get("ranked-pairs").apply(Elections.election(p)).evidence().get("locked_with_candidate_order_tie_break"))
                .asList().first().isEqualTo("C > K: 66");
        // Condorcet loser: Memphis loses every head-to-head 42 to 58.
        assertThat(Rules.get("condorcet").apply(Elections.election(p)).evidence()).containsEntry("condorcet_loser", "M");
    }
}
