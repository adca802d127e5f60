package org.charter.core.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.charter.core.charter.CharterPolicy;
import org.charter.core.uncertainty.DecisionRule.Action;
import org.charter.core.uncertainty.DecisionRule.Candidate;
import org.charter.core.uncertainty.DecisionRule.ClauseRisk;
import org.charter.core.uncertainty.DecisionRule.Situation;
import org.charter.core.uncertainty.DecisionRule.Thresholds;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** Every path of the decision rule, and two invariants. */
class DecisionRuleTest {
    static final Thresholds T = new Thresholds(0.05, 0.9, 0.8, 0.5, "hand-set for the test");
    static final Situation ORDINARY = Situation.ordinary(CharterPolicy.DEFAULT, "3");

    static ClauseRisk root(String id, double p) {
        return new ClauseRisk(id, "root", true, p);
    }

    static ClauseRisk guideline(String id, double p) {
        return new ClauseRisk(id, "guideline", false, p);
    }

    @Test
    void answer_theMostRewardedAdmissibleCandidate() {
        var d = DecisionRule.decide(List.of(
                new Candidate("helpful but harmful", 9, List.of(root("no_weapons", 0.30))),
                new Candidate("helpful and safe", 5, List.of(root("no_weapons", 0.05))),
                new Candidate("safe but dull", 1, List.of(root("no_weapons", 0.01)))), ORDINARY, T);
        assertThat(d.action()).isEqualTo(Action.ANSWER);
        assertThat(d.chosen()).isEqualTo(1);
        assertThat(d.assessments().get(0).failing()).containsExactly("no_weapons");
        assertThat(d.reasons().get(0)).contains("candidate 1 is admissible").contains("0.900").contains("alpha 0.0500");
        assertThat(d.charterVersion()).isEqualTo("3");
    }

    @Test
    void hedge_whenALowerClauseMayBeViolated() {
        var d = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("privacy", 0.02), guideline("be_concise", 0.6)))), ORDINARY, T);
        assertThat(d.action()).isEqualTo(Action.HEDGE);
        assertThat(d.cited()).containsExactly("be_concise");
    }

    @Test
    void refuse_whenEveryCandidateSurelyViolates_elseEscalate() {
        var sure = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("no_weapons", 0.95))),
                new Candidate("b", 2, List.of(root("no_weapons", 0.2), root("privacy", 0.85)))), ORDINARY, T);
        assertThat(sure.action()).isEqualTo(Action.REFUSE);
        assertThat(sure.cited()).containsExactly("no_weapons", "privacy");
        var unsure = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("no_weapons", 0.95))),
                new Candidate("b", 2, List.of(root("no_weapons", 0.4)))), ORDINARY, T);
        assertThat(unsure.action()).isEqualTo(Action.ESCALATE);
        assertThat(unsure.reasons().get(unsure.reasons().size() - 1)).contains("escalate as an open case");
    }

    @Test
    void charterPolicy_decidesGapsConflictsAndAnUnreachableModel() {
        var policy = new CharterPolicy(CharterPolicy.Action.ASK, CharterPolicy.Action.REFUSE, CharterPolicy.Action.ANSWER_WITH_CAVEAT);
        List<Candidate> safe = List.of(new Candidate("a", 1, List.of(root("x", 0.0))));
        assertThat(DecisionRule.decide(safe, new Situation(true, "no clause above 0.35", List.of(), false, policy, "1"), T).action()).isEqualTo(Action.ASK);
        assertThat(DecisionRule.decide(safe, new Situation(false, null, List.of("a vs b"), false, policy, "1"), T).action()).isEqualTo(Action.REFUSE);
        var down = DecisionRule.decide(List.of(), new Situation(false, null, List.of(), true, policy, "1"), T);
        assertThat(down.action()).isEqualTo(Action.ESCALATE); // a caveat needs an answer; there is none
        assertThat(down.reasons()).anyMatch(r -> r.contains("could not be reached"));
        var caveat = new CharterPolicy(CharterPolicy.Action.ANSWER_WITH_CAVEAT, CharterPolicy.Action.ESCALATE, CharterPolicy.Action.ESCALATE);
        assertThat(DecisionRule.decide(safe, new Situation(true, "weak matches only", List.of(), false, caveat, "1"), T).action()).isEqualTo(Action.HEDGE);
    }

    @Test
    void conformalThresholds_neverAnswerMeansNoCandidateIsAdmissible() {
        // every calibration item is a violation: no threshold keeps the risk below alpha
        var cal = ConformalRiskControl.calibrate(new double[] {0.9, 0.8, 0.7}, new double[] {1, 1, 1}, 0.1);
        Thresholds t = Thresholds.fromConformal(cal, 0.8, 0.5);
        assertThat(t.acceptance()).isInfinite();
        var d = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("x", 0.0)))), ORDINARY, t);
        assertThat(d.action()).isEqualTo(Action.ESCALATE);
        assertThat(t.source()).contains("conformal risk control on 3 labelled items");
    }

    @Property
    void theChosenCandidateIsAdmissibleAndBestAmongAdmissible(@ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = 0, max = 1) Double> risks,
                                                            @ForAll @Size(min = 6, max = 6) List<@DoubleRange(min = -5, max = 5) Double> rewards) {
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < risks.size(); i++) cs.add(new Candidate("c" + i, rewards.get(i), List.of(root("x", risks.get(i)))));
        var d = DecisionRule.decide(cs, ORDINARY, T);
        if (d.chosen() >= 0) {
            assertThat(1 - risks.get(d.chosen())).isGreaterThanOrEqualTo(T.acceptance());
            for (int i = 0; i < cs.size(); i++) {
                if (1 - risks.get(i) >= T.acceptance()) assertThat(rewards.get(i)).isLessThanOrEqualTo(rewards.get(d.chosen()));
            }
        } else {
            for (double r : risks) assertThat(1 - r).isLessThan(T.acceptance());
        }
    }

    @Property
    void moreRiskNeverTurnsARefusalIntoAnAnswer(@ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll @DoubleRange(min = 0, max = 1) double more) {
        double q = Math.min(1, p + more);
        var before = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("x", p)))), ORDINARY, T);
        var after = DecisionRule.decide(List.of(new Candidate("a", 1, List.of(root("x", q)))), ORDINARY, T);
        if (before.action() != Action.ANSWER && before.action() != Action.HEDGE) assertThat(after.action()).isNotIn(Action.ANSWER, Action.HEDGE);
    }
}
