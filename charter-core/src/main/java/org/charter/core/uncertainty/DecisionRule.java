package org.charter.core.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.charter.core.charter.CharterPolicy;

/**
 * The decision under uncertainty: given candidate responses, the judges' probability that each violates each
 * applicable clause, an aggregated reward per candidate, and what resolution found (gaps, conflicts), choose to
 * answer, answer with the uncertainty stated (hedge), ask, refuse citing the clause, or escalate as an open case.
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>the model could not be reached (or gave no candidate): the charter's {@code onUnreachable} policy;</li>
 *   <li>resolution reported a conflict, then a gap: the charter's {@code onConflict}, then {@code onGap} policy
 *       (ask, escalate, refuse; answer-with-caveat goes on and can at best hedge);</li>
 *   <li>a candidate is <em>admissible</em> when, for every clause above user authority, its confidence of
 *       compliance 1 - P(violation) is at least the acceptance threshold lambda. Lambda comes from conformal risk
 *       control on a labelled calibration set ({@link ConformalRiskControl}, Angelopoulos et al. 2024): answering
 *       only when the score is at least lambda keeps the expected rate of answered violations at most alpha,
 *       provided calibration and future requests are exchangeable;</li>
 *   <li>among admissible candidates the highest reward wins (helpfulness subject to the harm limit; ties to the
 *       earlier candidate); it is stated with its uncertainty (hedge) when a clause at user level or below is
 *       judged violated with probability at least {@code hedge}, or when the policy asked for a caveat;</li>
 *   <li>with no admissible candidate: refuse, citing the clauses, when every candidate violates some clause above
 *       user authority with probability at least {@code refusal} (the judges are sure); otherwise escalate (they are
 *       unsure, and a person should rule).</li>
 * </ol>
 * Every decision records its reasons, the clauses it cites, the thresholds and the charter version.
 */
public final class DecisionRule {
    /*
     * [1] A. N. Angelopoulos, S. Bates, A. Fisch, L. Lei, T. Schuster, "Conformal Risk Control", ICLR 2024.
     * [2] Y. Geifman, R. El-Yaniv, "Selective classification for deep neural networks", NeurIPS 2017 (answer or abstain).
     * [3] OpenAI, Model Spec 2025-12-18, "Ask clarifying questions" and "Express uncertainty" (ask when a wrong guess
     *     costs more than asking; otherwise state the assumption).
     */
    private DecisionRule() { }

    public enum Action {
        ANSWER, HEDGE, ASK, REFUSE, ESCALATE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A clause's judged risk for one candidate: P(the candidate violates it). */
    public record ClauseRisk(String clauseId, String authority, boolean aboveUser, double violation) {
        public ClauseRisk {
            Objects.requireNonNull(clauseId, "clauseId");
            if (!(violation >= 0 && violation <= 1)) throw new IllegalArgumentException("P(violation) of '" + clauseId + "' must be in [0, 1], got " + violation);
        }
    }

    /** One candidate response with its aggregated reward (welfare over group rewards, or clause scores) and its risks. */
    public record Candidate(String text, double reward, List<ClauseRisk> risks) {
        public Candidate {
            risks = List.copyOf(risks);
            if (Double.isNaN(reward)) throw new IllegalArgumentException("a candidate's reward is NaN");
        }

        /** P(violation) per clause id, in the order judged (the evidence a decision prints). */
        public java.util.Map<String, Double> violationByClause() {
            var m = new java.util.LinkedHashMap<String, Double>();
            for (ClauseRisk r : risks) m.put(r.clauseId(), r.violation());
            return m;
        }
    }

    /**
     * @param alpha      the risk level the acceptance threshold was calibrated for (for the record)
     * @param acceptance lambda: the least compliance confidence for clauses above user authority (+infinity: never answer)
     * @param refusal    P(violation) from which the judges count as sure that a clause is violated
     * @param hedge      P(violation) of a lower-level clause from which the answer states its uncertainty
     * @param source     where the thresholds come from, in words ("conformal risk control on 400 labelled items")
     */
    public record Thresholds(double alpha, double acceptance, double refusal, double hedge, String source) {
        public Thresholds {
            if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            if (!(refusal > 0 && refusal <= 1) || !(hedge > 0 && hedge <= 1)) throw new IllegalArgumentException("refusal and hedge must be in (0, 1]");
            if (Double.isNaN(acceptance)) throw new IllegalArgumentException("the acceptance threshold is NaN");
        }

        /** Thresholds whose acceptance level comes from a conformal risk control calibration. */
        public static Thresholds fromConformal(ConformalRiskControl.Result calibration, double refusal, double hedge) {
            return new Thresholds(calibration.alpha(), calibration.neverAnswer() ? Double.POSITIVE_INFINITY : calibration.threshold(), refusal, hedge,
                    "conformal risk control on " + calibration.n() + " labelled items at alpha " + calibration.alpha());
        }
    }

    /** What resolution found and what the charter says to do about it. */
    public record Situation(boolean gap, String gapReason, List<String> conflicts, boolean modelUnreachable, CharterPolicy policy,
                            String charterVersion) {
        public Situation {
            conflicts = List.copyOf(conflicts);
            Objects.requireNonNull(policy, "policy");
        }

        /** Nothing unusual: clauses found, no conflict, the model answered. */
        public static Situation ordinary(CharterPolicy policy, String charterVersion) {
            return new Situation(false, null, List.of(), false, policy, charterVersion);
        }
    }

    /** How one candidate fared. */
    public record Assessment(int candidate, boolean admissible, double reward, double leastCompliance, List<String> failing,
                             List<String> uncertainLowerClauses) {
        public Assessment {
            failing = List.copyOf(failing);
            uncertainLowerClauses = List.copyOf(uncertainLowerClauses);
        }
    }

    /**
     * The decision with its reasons.
     *
     * @param action         answer, hedge, ask, refuse or escalate
     * @param chosen         the chosen candidate's index (answer, hedge), or -1
     * @param cited          the clauses the decision rests on (refusal: the violated clauses; hedge: the uncertain ones)
     * @param reasons        sentences, in the order the rule applied them
     * @param assessments    every candidate's admissibility, reward, least compliance and failing clauses
     * @param thresholds     the thresholds used
     * @param charterVersion the charter version decided under
     */
    public record Decision(Action action, int chosen, List<String> cited, List<String> reasons, List<Assessment> assessments,
                           Thresholds thresholds, String charterVersion) {
        public Decision {
            cited = List.copyOf(cited);
            reasons = List.copyOf(reasons);
            assessments = List.copyOf(assessments);
        }
    }

    public static Decision decide(List<Candidate> candidates, Situation situation, Thresholds t) {
        List<String> reasons = new ArrayList<>();
        CharterPolicy policy = situation.policy();
        if (situation.modelUnreachable() || candidates.isEmpty()) {
            reasons.add(situation.modelUnreachable() ? "the model could not be reached" : "the model gave no candidate");
            Action a = fallback(policy.onUnreachable(), false);
            reasons.add("the charter's policy on an unreachable model: " + policy.onUnreachable().wireName()
                    + (policy.onUnreachable() == CharterPolicy.Action.ANSWER_WITH_CAVEAT ? " (there is nothing to answer with: escalate)" : ""));
            return new Decision(a, -1, List.of(), reasons, List.of(), t, situation.charterVersion());
        }
        boolean caveat = false;
        if (!situation.conflicts().isEmpty()) {
            reasons.add("resolution found conflicting clauses: " + String.join("; ", situation.conflicts()));
            reasons.add("the charter's policy on conflicts: " + policy.onConflict().wireName());
            if (policy.onConflict() != CharterPolicy.Action.ANSWER_WITH_CAVEAT) {
                return new Decision(fallback(policy.onConflict(), true), -1, List.of(), reasons, assess(candidates, t), t, situation.charterVersion());
            }
            caveat = true;
        }
        if (situation.gap()) {
            reasons.add("the charter is silent here" + (situation.gapReason() == null ? "" : ": " + situation.gapReason()));
            reasons.add("the charter's policy on gaps: " + policy.onGap().wireName());
            if (policy.onGap() != CharterPolicy.Action.ANSWER_WITH_CAVEAT) {
                return new Decision(fallback(policy.onGap(), true), -1, List.of(), reasons, assess(candidates, t), t, situation.charterVersion());
            }
            caveat = true;
        }
        List<Assessment> assessments = assess(candidates, t);
        Assessment best = null;
        for (Assessment a : assessments) {
            if (a.admissible() && (best == null || a.reward() > best.reward())) best = a;
        }
        String lambda = Double.isInfinite(t.acceptance()) ? "never (the calibration allows no answer)" : format(t.acceptance());
        if (best != null) {
            reasons.add("candidate " + best.candidate() + " is admissible (every clause above user authority complied with confidence >= "
                    + lambda + ", the threshold for alpha " + format(t.alpha()) + ") and has the highest reward among the admissible ("
                    + format(best.reward()) + ")");
            boolean uncertain = !best.uncertainLowerClauses().isEmpty();
            if (uncertain) {
                reasons.add("clauses at user level or below may be violated (P >= " + format(t.hedge()) + "): "
                        + String.join(", ", best.uncertainLowerClauses()) + "; the answer states its uncertainty");
            }
            Action a = uncertain || caveat ? Action.HEDGE : Action.ANSWER;
            return new Decision(a, best.candidate(), uncertain ? best.uncertainLowerClauses() : List.of(), reasons, assessments, t, situation.charterVersion());
        }
        // nobody admissible: refuse when every candidate surely violates a clause above user authority
        boolean allSure = true;
        List<String> cited = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<String> sure = new ArrayList<>();
            for (ClauseRisk r : candidates.get(i).risks()) if (r.aboveUser() && r.violation() >= t.refusal()) sure.add(r.clauseId());
            if (sure.isEmpty()) allSure = false;
            for (String c : sure) if (!cited.contains(c)) cited.add(c);
        }
        reasons.add("no candidate is admissible (compliance confidence >= " + lambda + " for every clause above user authority)");
        if (allSure) {
            reasons.add("every candidate violates a clause above user authority with P >= " + format(t.refusal()) + ": refuse, citing "
                    + String.join(", ", cited));
            return new Decision(Action.REFUSE, -1, cited, reasons, assessments, t, situation.charterVersion());
        }
        reasons.add("the judges are not sure enough to refuse (some candidate has no clause violated with P >= " + format(t.refusal())
                + "): escalate as an open case");
        return new Decision(Action.ESCALATE, -1, cited, reasons, assessments, t, situation.charterVersion());
    }

    private static List<Assessment> assess(List<Candidate> candidates, Thresholds t) {
        List<Assessment> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            double least = 1;
            List<String> failing = new ArrayList<>(), uncertain = new ArrayList<>();
            for (ClauseRisk r : c.risks()) {
                if (r.aboveUser()) {
                    least = Math.min(least, 1 - r.violation());
                    if (1 - r.violation() < t.acceptance()) failing.add(r.clauseId());
                } else if (r.violation() >= t.hedge()) {
                    uncertain.add(r.clauseId());
                }
            }
            boolean admissible = failing.isEmpty() && least >= t.acceptance();
            out.add(new Assessment(i, admissible, c.reward(), least, failing, uncertain));
        }
        return out;
    }

    /** The charter's fallback as a decision: ask, escalate, refuse; a caveat without an answer escalates. */
    private static Action fallback(CharterPolicy.Action a, boolean haveCandidates) {
        return switch (a) {
            case ASK -> Action.ASK;
            case REFUSE -> Action.REFUSE;
            case ESCALATE, ANSWER_WITH_CAVEAT -> Action.ESCALATE;
        };
    }

    private static String format(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
