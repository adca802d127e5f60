package org.charter.core.choice;

/** A rule that depends only on the margin graph (pref_voting's C2 family and the majority-graph C1 family). */
public abstract class MarginRule implements SingleWinnerRule {
    /** All tied winners on this margin graph, with evidence. */
    public abstract RuleResult apply(MarginGraph graph);

    @Override
    public RuleResult apply(Election election) {
        if (election instanceof PairwiseProfile p) { // choices from menus give margins too
            requireAtMost(election, limit(), limitReason());
            return apply(p.margins());
        }
        OrdinalElection o = ordinal(election);
        requireAtMost(election, limit(), limitReason());
        return apply(o.margins());
    }

    /** The most candidates this rule handles. */
    protected int limit() {
        return Integer.MAX_VALUE;
    }

    protected String limitReason() {
        return "";
    }
}
