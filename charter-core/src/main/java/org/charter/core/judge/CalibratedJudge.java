package org.charter.core.judge;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.charter.core.charter.Clause;

/**
 * A judge whose violation probability is recalibrated by Platt scaling on its logit; the rest of the probability is
 * shared between COMPLIES and NOT_APPLICABLE in the proportion the inner judge gave them (all to COMPLIES when it
 * gave them none).
 */
public final class CalibratedJudge implements Judge {
    private final Judge inner;
    private final PlattScaling scaling;

    public CalibratedJudge(Judge inner, PlattScaling scaling) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
    }

    /** Fits the scaling on the inner judge's P(violates) over labelled items of {@code charter}. */
    public static CalibratedJudge fit(Judge inner, org.charter.core.charter.Charter charter, List<LabelledExample> items) {
        double[] p = new double[items.size()];
        boolean[] y = new boolean[items.size()];
        for (int i = 0; i < items.size(); i++) {
            LabelledExample e = items.get(i);
            Clause c = charter.clause(e.clauseId()).orElseThrow(() -> new IllegalArgumentException("no clause '" + e.clauseId() + "'"));
            p[i] = inner.judge(e.prompt(), e.response(), List.of(c)).clauses().get(0).pViolates();
            y[i] = e.violates();
        }
        return new CalibratedJudge(inner, PlattScaling.fitOnProbabilities(p, y));
    }

    public PlattScaling scaling() {
        return scaling;
    }

    @Override
    public String id() {
        return inner.id() + "+platt";
    }

    @Override
    public Judgement judge(String prompt, String response, List<Clause> clauses) {
        Judgement j = inner.judge(prompt, response, clauses);
        return new Judgement(id(), j.clauses().stream().map(this::recalibrate).toList());
    }

    private ClauseJudgement recalibrate(ClauseJudgement c) {
        VerdictDistribution d = c.probabilities();
        double pv = scaling.applyToProbability(d.violates());
        double rest = d.complies() + d.notApplicable();
        double shareC = rest > 0 ? d.complies() / rest : 1;
        var nd = new VerdictDistribution((1 - pv) * shareC, pv, (1 - pv) * (1 - shareC));
        return ClauseJudgement.of(c.clauseId(), nd, c.method() + ", Platt " + scaling,
                c.evidence() + String.format(Locale.ROOT, "%sP(violates) %.3f before calibration", c.evidence().isEmpty() ? "" : "\n", d.violates()));
    }
}
