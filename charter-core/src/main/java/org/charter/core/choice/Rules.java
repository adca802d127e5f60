package org.charter.core.choice;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of single-winner rules by id: one place that lists every rule, so one test can sweep them all. */
public final class Rules {
    private Rules() { }

    private static final Map<String, SingleWinnerRule> RULES = new LinkedHashMap<>();

    private static void register(SingleWinnerRule rule) {
        if (RULES.put(rule.id(), rule) != null) throw new IllegalStateException("rule registered twice: " + rule.id());
    }

    static {
        register(new ScoringRules.Plurality());
        register(new ScoringRules.Borda());
        register(new ScoringRules.AntiPlurality());
        register(new MajorityRules.Copeland());
        register(new MajorityRules.Llull());
        register(new MarginRules.Minimax());
        register(new MarginRules.Schulze());
        register(new MarginRules.RankedPairs());
        register(new MarginRules.SplitCycle());
        register(new MarginRules.StableVoting());
        register(new MarginRules.River());
        register(new MarginRules.KemenyYoung());
        register(new IterativeRules.InstantRunoff());
        register(new IterativeRules.InstantRunoffPut());
        register(new IterativeRules.Coombs());
        register(new IterativeRules.Baldwin());
        register(new IterativeRules.Nanson(false));
        register(new IterativeRules.Nanson(true));
        register(new IterativeRules.Bucklin());
        register(new MajorityRules.Condorcet());
        register(new MajorityRules.SmithSet());
        register(new MajorityRules.SchwartzSet());
        register(new MajorityRules.TopCycle());
        register(new MajorityRules.UncoveredSet());
        register(new GradeRules.Approval());
        register(new GradeRules.Score());
        register(new GradeRules.Star());
        register(new GradeRules.MajorityJudgment());
        register(new ProbabilisticRules.MaximalLottery());
        register(new ProbabilisticRules.RandomDictator());
        register(new ProbabilisticRules.ProportionalBorda());
    }

    /** Every rule, in the registry's order. */
    public static Collection<SingleWinnerRule> all() {
        return RULES.values();
    }

    public static boolean has(String id) {
        return RULES.containsKey(id);
    }

    /** The rule with this id; the error lists the known ids. */
    public static SingleWinnerRule get(String id) {
        SingleWinnerRule r = RULES.get(id);
        if (r == null) throw new IllegalArgumentException("unknown rule \"" + id + "\" (known: " + String.join(", ", RULES.keySet()) + ")");
        return r;
    }

    /** True for rules that run on ranked ballots. */
    public static boolean isOrdinal(SingleWinnerRule r) {
        return !(r instanceof GradeRules.Approval || r instanceof GradeRules.Score || r instanceof GradeRules.Star
                || r instanceof GradeRules.MajorityJudgment);
    }
}
