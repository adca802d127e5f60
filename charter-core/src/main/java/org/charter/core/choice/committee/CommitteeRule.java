package org.charter.core.choice.committee;

/** An approval-based committee rule: from a profile and a committee size, the winning committees with evidence. */
public interface CommitteeRule {
    /** The rule id used on the command line, lowercase with hyphens ("seq-phragmen"). */
    String id();

    /** One line saying what the rule is. */
    String description();

    /** The paper that defines the rule. */
    String citation();

    /** False for rules that, like abcvoting's greedy Monroe, are defined only as resolute. */
    default boolean supportsIrresolute() { return true; }

    /**
     * Computes the rule. Irresolute: every winning committee (as abcvoting defines them), sorted; resolute: one
     * committee chosen by the tie-breaking rule the explanation states.
     *
     * @throws CommitteeLimitException when the instance is beyond what the rule computes exactly here
     */
    CommitteeResult compute(ApprovalProfile profile, int size, boolean resolute);
}
