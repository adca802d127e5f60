package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** JR, PJR, EJR and priceability on the field's examples. */
class CommitteeAxiomsTest {
    /** Aziz et al. 2017 (via ../shared/docs/CHOICE-NOTES.md): JR and PJR hold, EJR fails. */
    static final ApprovalProfile AZIZ = ApprovalProfile.of(6, List.of(List.of(0), List.of(1), List.of(2), List.of(3),
            List.of(0, 4, 5), List.of(1, 4, 5), List.of(2, 4, 5), List.of(3, 4, 5)));

    @Test
    void azizEtAl2017_jrAndPjrHold_ejrFailsForTheGroupApprovingFourAndFive() {
        Committee w = Committee.of(0, 1, 2, 3);
        assertThat(CommitteeAxioms.jr(AZIZ, w, 4).holds()).isTrue();
        assertThat(CommitteeAxioms.pjr(AZIZ, w, 4).holds()).isTrue();
        var ejr = CommitteeAxioms.ejr(AZIZ, w, 4);
        assertThat(ejr.holds()).isFalse();
        var cx = ejr.counterexample();
        assertThat(cx.ell()).isEqualTo(2);
        assertThat(cx.voters()).containsExactly(4, 5, 6, 7);
        assertThat(cx.commonCandidates()).containsExactly("4", "5");
        assertThat(cx.groupWeight()).isEqualTo("4");
        assertThat(cx.requiredWeight()).isEqualTo("4");
    }

    @Test
    void azizEtAl2017_pavCommitteeSatisfiesEjr() {
        var pav = CommitteeRules.compute(CommitteeRules.find("pav").orElseThrow(), AZIZ, 4, false);
        for (Committee w : pav.committees()) {
            assertThat(CommitteeAxioms.ejr(AZIZ, w, 4).holds()).as(w.toString()).isTrue();
            assertThat(w.members()).contains(4, 5);
        }
    }

    @Test
    void jrFails_whenACohesiveGroupIsIgnored() {
        // 4 voters, k = 2: voters 2 and 3 (half) approve candidate 2 but the committee is {0, 1}
        var p = ApprovalProfile.of(3, List.of(List.of(0, 1), List.of(0, 1), List.of(2), List.of(2)));
        var jr = CommitteeAxioms.jr(p, Committee.of(0, 1), 2);
        assertThat(jr.holds()).isFalse();
        assertThat(jr.counterexample().voters()).containsExactly(2, 3);
        assertThat(jr.counterexample().commonCandidates()).containsExactly("2");
        assertThat(CommitteeAxioms.priceability(p, Committee.of(0, 1)).holds()).isFalse();
        assertThat(CommitteeAxioms.priceability(p, Committee.of(0, 2)).holds()).isTrue();
    }

    @Test
    void pjrFails_whenTheGroupGetsTooFewMembersTogether() {
        // 4 voters approve {0,1,2}, 2 voters {3}, 2 voters {4}, nobody 5; k = 4: the first four are 2-cohesive, owed 2 members
        var p = ApprovalProfile.of(6, List.of(List.of(0, 1, 2), List.of(0, 1, 2), List.of(0, 1, 2), List.of(0, 1, 2),
                List.of(3), List.of(3), List.of(4), List.of(4)));
        var w = Committee.of(0, 3, 4, 2);
        assertThat(CommitteeAxioms.pjr(p, w, 4).holds()).isTrue();
        var bad = CommitteeAxioms.pjr(p, Committee.of(0, 3, 4, 5), 4);
        assertThat(bad.holds()).isFalse();
        assertThat(bad.counterexample().ell()).isEqualTo(2);
        assertThat(bad.counterexample().voters()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void priceability_seqPhragmenCommitteeOfTheBookExampleIsPriceable() {
        var p = SocialChoiceVectorsTest.profile("3x{a,b},3x{a,c},2x{a,d},{b,c,f},{e},{f},{g}", 8);
        var res = CommitteeRules.compute(CommitteeRules.find("seq-phragmen").orElseThrow(), p, 4, true);
        assertThat(CommitteeAxioms.priceability(p, res.committees().get(0)).holds()).isTrue();
        // giving the four seats to the three singletons and d ignores the 8 voters approving a
        assertThat(CommitteeAxioms.priceability(p, Committee.of(3, 4, 5, 6)).holds()).isFalse();
    }
}
