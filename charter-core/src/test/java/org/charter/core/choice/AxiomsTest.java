package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Axiom checks on the field's small examples: the known violations are found, with counterexamples. */
class AxiomsTest {
    static Axioms.Report report(Profile p, String rule, String axiom) {
        return Axioms.check(p, Truncation.INCOMPARABLE, Rules.get(rule)).stream().filter(r -> r.axiom().equals(axiom)).findFirst().orElseThrow();
    }

    @Test
    void irvMonotonicity3c9v_liftFound_andTheLiftedProfileMakesTheWinnerLose() {
        // pref_voting's IRV monotonicity example (shared vectors, "before"): 3 x (0,2,1), 3 x (1,2,0), 3 x (2,1,0).
        Profile p = Profile.ofRankings(3, List.of(new int[] {0, 2, 1}, new int[] {1, 2, 0}, new int[] {2, 1, 0}), List.of(3L, 3L, 3L));
        Axioms.Report r = report(p, "irv", "monotonicity");
        assertThat(r.status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(r.counterexample()).containsKeys("change", "profile", "winners");
        assertThat(report(p, "schulze", "monotonicity").status()).isEqualTo(Axioms.Status.HOLDS);
    }

    @Test
    void bordaCondorcetWinner3c3v_violatesCondorcetAndMajority() {
        Profile p = Profile.ofRankings(3, List.of(new int[] {1, 2, 0}, new int[] {2, 0, 1}), List.of(2L, 1L));
        assertThat(report(p, "borda", "condorcet-winner").status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(report(p, "borda", "majority").status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(report(p, "split-cycle", "condorcet-winner").status()).isEqualTo(Axioms.Status.HOLDS);
    }

    @Test
    void minimaxSmith4c3v_minimaxLeavesTheSmithSet() {
        Profile p = Profile.ofRankings(4, List.of(new int[] {1, 3, 2, 0}, new int[] {2, 1, 0, 3}, new int[] {3, 0, 2, 1}), List.of(1L, 1L, 1L));
        assertThat(report(p, "minimax", "smith").status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(report(p, "schulze", "smith").status()).isEqualTo(Axioms.Status.HOLDS);
    }

    @Test
    void tennessee_pluralityElectsTheCondorcetLoser() {
        Profile p = Elections.letters("MNCK", "42 MNCK", "26 NCKM", "15 CKNM", "17 KCNM");
        assertThat(report(p, "plurality", "condorcet-loser").status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(report(p, "irv", "condorcet-loser").status()).isEqualTo(Axioms.Status.HOLDS);
    }

    @Test
    void bordaTeamingByAClone_changesTheWinner_whileSchulzeIsCloneIndependentHere() {
        // 3 x A>B>C, 2 x B>C>A: Borda points A 6, B 7, C 2, so B wins; a clone A' just below A lifts A to 11 against B's 9.
        Profile p = Elections.letters("ABC", "3 ABC", "2 BCA");
        Axioms.Report r = report(p, "borda", "independence-of-clones");
        assertThat(r.status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(r.counterexample().get("winners")).isEqualTo(List.of("A"));
        assertThat(report(p, "schulze", "independence-of-clones").status()).isEqualTo(Axioms.Status.HOLDS);
    }

    @Test
    void irvNoShowParadox_anABCVoterGetsBInsteadOfCByAbstaining() {
        // First places A 5, B 5, C 6: IRV eliminates A and B together and C wins. Without one A>B>C voter, A (4) goes
        // out alone, its ballots move to B (9 against 6), and B wins, which that voter prefers to C.
        Profile p = Elections.letters("ABC", "5 ABC", "4 BAC", "1 BCA", "3 CAB", "3 CBA");
        assertThat(Elections.winners("irv", p)).containsExactly(2);
        Axioms.Report r = report(p, "irv", "participation");
        assertThat(r.status()).isEqualTo(Axioms.Status.VIOLATED);
        assertThat(r.detail()).contains("A > B > C").contains("abstaining");
        assertThat(r.counterexample().get("winners")).isEqualTo(List.of("B"));
        assertThat(report(p, "irv", "condorcet-winner").toJson()).containsKeys("axiom", "status", "detail");
    }
}
