package org.charter.core.judge;

import java.util.ArrayList;
import java.util.List;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.uncertainty.ConformalRiskControl;
import org.charter.core.uncertainty.DecisionRule;

/**
 * The bridge from judges to the decision rule, shared by {@code charter decide} and the gateway: candidates judged
 * against the applicable clauses become {@link DecisionRule.Candidate}s, and the acceptance threshold comes from
 * conformal risk control on the charter's own labelled examples.
 */
public final class CandidateJudging {
    private CandidateJudging() { }

    /**
     * Each candidate judged against {@code clauses}: its risks (P(violation), authority, whether above user authority)
     * and its reward, the mean P(complies) over the clauses judged. No clause: candidates without risks (a gap).
     */
    public static List<DecisionRule.Candidate> judge(Charter charter, List<Clause> clauses, String prompt, List<String> candidates, Judge judge) {
        List<DecisionRule.Candidate> judged = new ArrayList<>();
        for (String text : candidates) {
            if (clauses.isEmpty() || text.isBlank()) {
                judged.add(new DecisionRule.Candidate(text, 0, List.of()));
                continue;
            }
            Judgement j = judge.judge(prompt, text, clauses);
            List<DecisionRule.ClauseRisk> risks = new ArrayList<>();
            double complies = 0;
            for (ClauseJudgement c : j.clauses()) {
                Clause clause = charter.clause(c.clauseId()).orElseThrow();
                risks.add(new DecisionRule.ClauseRisk(c.clauseId(), clause.authority(), aboveUser(charter, clause), c.pViolates()));
                complies += 1 - c.pViolates();
            }
            judged.add(new DecisionRule.Candidate(text, complies / Math.max(1, j.clauses().size()), risks));
        }
        return judged;
    }

    /** Whether a clause's authority ranks above the user's (above the lowest party when the charter has no "user"). */
    public static boolean aboveUser(Charter charter, Clause clause) {
        int userRank = charter.parties().contains("user") ? charter.rank("user") : charter.parties().size() - 1;
        return charter.rank(clause.authority()) < userRank;
    }

    /**
     * Lambda by conformal risk control on the charter's labelled examples scored leave-one-out by the embedding judge
     * (score: 1 - P(violates); loss: 1 when the example's response violates). With fewer than 10 labelled items, or
     * when the judge that decides is not that embedding judge ({@code calibrated} false), there is no calibration:
     * lambda = 1 - alpha, and the thresholds' source says so.
     */
    public static DecisionRule.Thresholds thresholds(Charter charter, EmbeddingJudge embedding, boolean calibrated, String judgeName,
                                                     double alpha, double refusal, double hedge) {
        List<LabelledExample> items = LabelledExample.fromCharter(charter);
        if (!calibrated || items.size() < 10) {
            String why = !calibrated ? "the " + judgeName + " judge has no calibration set here" : "the charter has " + items.size() + " labelled examples";
            return new DecisionRule.Thresholds(alpha, 1 - alpha, refusal, hedge, why + ": lambda = 1 - alpha, without a conformal guarantee");
        }
        double[] raw = embedding.leaveOneOutScores(items);
        double[] score = new double[raw.length], loss = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double p = Double.isNaN(raw[i]) ? 0.5 : embedding.calibration().apply(raw[i]);
            score[i] = 1 - p;
            loss[i] = items.get(i).violates() ? 1 : 0;
        }
        return DecisionRule.Thresholds.fromConformal(ConformalRiskControl.calibrate(score, loss, alpha), refusal, hedge);
    }
}
