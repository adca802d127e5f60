package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

/** Rules refuse, with the reason and the limit, what they cannot compute exactly or is not defined. */
class CommitteeRefusalsTest {
    static CommitteeRule rule(String id) { return CommitteeRules.find(id).orElseThrow(); }

    @Test
    void sizeOutsideOneToM_isRejected() {
        var p = ApprovalProfile.of(3, List.of(List.of(0), List.of(1)));
        assertThatThrownBy(() -> CommitteeRules.compute(rule("pav"), p, 0, false)).hasMessageContaining("committee size 0 is not between 1 and");
        assertThatThrownBy(() -> CommitteeRules.compute(rule("pav"), p, 4, false)).hasMessageContaining("(3)");
    }

    @Test
    void monroe_refusesWeightedProfiles_andGreedyMonroeIsResoluteOnly() {
        var weighted = new ApprovalProfile(ApprovalProfile.numberNames(3), List.of(List.of(0), List.of(1)), List.of(Rational.of(2), Rational.ONE));
        assertThatThrownBy(() -> CommitteeRules.compute(rule("monroe"), weighted, 2, false))
                .isInstanceOf(CommitteeLimitException.class).hasMessageContaining("unweighted profiles only");
        var p = ApprovalProfile.of(3, List.of(List.of(0), List.of(1)));
        assertThatThrownBy(() -> CommitteeRules.compute(rule("greedy-monroe"), p, 2, false))
                .isInstanceOf(CommitteeLimitException.class).hasMessageContaining("defined only as a resolute rule");
    }

    @Test
    void exactMonroeAndMinimaxPhragmen_refuseBeyondTheirEnumerationLimits() {
        var approvals = new ArrayList<List<Integer>>();
        for (int v = 0; v < 60; v++) approvals.add(List.of(v % 40, (v + 1) % 40));
        var p = ApprovalProfile.of(40, approvals);
        assertThatThrownBy(() -> CommitteeRules.compute(rule("monroe"), p, 20, false))
                .isInstanceOf(CommitteeLimitException.class).hasMessageContaining("C(m, k) = 137846528820").hasMessageContaining("2000000");
        assertThatThrownBy(() -> CommitteeRules.compute(rule("minimax-phragmen"), p, 20, false))
                .isInstanceOf(CommitteeLimitException.class).hasMessageContaining("more than the limit 50000000");
    }

    @Test
    void pav_refusesWhenExactScoresWouldOverflow() {
        var approvals = new ArrayList<List<Integer>>();
        for (int v = 0; v < 50; v++) approvals.add(List.of(v));
        var weights = new ArrayList<Rational>();
        for (int v = 0; v < 50; v++) weights.add(Rational.of(1L << 30));
        var p = new ApprovalProfile(ApprovalProfile.numberNames(50), approvals, weights);
        assertThatThrownBy(() -> CommitteeRules.compute(rule("pav"), p, 40, false))
                .isInstanceOf(CommitteeLimitException.class).hasMessageContaining("beyond exact 64-bit PAV scores");
    }
}
