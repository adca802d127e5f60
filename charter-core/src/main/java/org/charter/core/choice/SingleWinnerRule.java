package org.charter.core.choice;

/**
 * A single-winner voting rule: irresolute (it returns every tied winner, sorted, with its evidence); the resolute
 * variant is {@link RuleResult#resoluteWinner()} (lowest candidate index among the tied winners).
 */
public interface SingleWinnerRule {
    /** The registry id, lowercase with hyphens ("split-cycle"). */
    String id();

    /** One line saying what the rule is. */
    String summary();

    /** The source the rule follows: authors, title, venue, year. */
    String citation();

    /** All tied winners with evidence; throws {@link RuleRefusedException} when the rule cannot run on this election. */
    RuleResult apply(Election election);

    /** The resolute variant: one winner, ties broken by lowest candidate index. */
    default int resoluteWinner(Election election) {
        return apply(election).resoluteWinner();
    }

    /** The election as ranked ballots, or a refusal naming this rule. */
    default OrdinalElection ordinal(Election election) {
        if (election instanceof OrdinalElection o) return o;
        throw new RuleRefusedException(id(), "it needs ranked ballots (PrefLib .soc/.soi/.toc/.toi or JSON \"ballots\"), got "
                + election.kind() + " ballots");
    }

    /** Refuses when the election has more candidates than the rule can handle. */
    default void requireAtMost(Election election, int limit, String why) {
        int n = election.candidates().size();
        if (n > limit) throw new RuleRefusedException(id(), n + " candidates is more than its limit of " + limit + " (" + why + ")");
    }
}
