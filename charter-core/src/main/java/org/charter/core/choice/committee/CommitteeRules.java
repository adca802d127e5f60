package org.charter.core.choice.committee;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of committee rules: every rule once, by id, so one test sweeps them all. */
public final class CommitteeRules {
    private static final Map<String, CommitteeRule> RULES = new LinkedHashMap<>();

    static {
        register(new ThieleRules.Av());
        register(new ThieleRules.Sav());
        register(new ThieleRules.Optimal(ThieleRules.Kind.PAV));
        register(new ThieleRules.Sequential(ThieleRules.Kind.PAV));
        register(new ThieleRules.ReverseSequential());
        register(new ThieleRules.Optimal(ThieleRules.Kind.CC));
        register(new ThieleRules.Sequential(ThieleRules.Kind.CC));
        register(new MonroeRules.Monroe());
        register(new MonroeRules.Greedy());
        register(new PhragmenRules.Sequential());
        register(new PhragmenRules.Minimax());
        register(new EqualShares(true));
        register(new EqualShares(false));
    }

    private CommitteeRules() { }

    private static void register(CommitteeRule rule) {
        if (RULES.putIfAbsent(rule.id(), rule) != null) throw new IllegalStateException("rule " + rule.id() + " registered twice");
    }

    /** Every rule, in a fixed order. */
    public static List<CommitteeRule> all() { return List.copyOf(RULES.values()); }

    public static Optional<CommitteeRule> find(String id) { return Optional.ofNullable(RULES.get(id)); }

    /** abcvoting's rule id for ours (e.g. "seq-phragmen" is abcvoting's "seqphragmen"), for reading .abc.yaml files. */
    public static Optional<CommitteeRule> fromAbcvoting(String abcId) {
        Map<String, String> map = Map.of("seqpav", "seq-pav", "revseqpav", "revseq-pav", "seqcc", "seq-cc",
                "seqphragmen", "seq-phragmen", "minimaxphragmen", "minimax-phragmen");
        return find(map.getOrDefault(abcId, abcId));
    }

    /**
     * Validates the size and computes.
     *
     * @throws IllegalArgumentException for a size outside 1..m or a profile without voters
     */
    public static CommitteeResult compute(CommitteeRule rule, ApprovalProfile profile, int size, boolean resolute) {
        if (size < 1 || size > profile.numCandidates()) {
            throw new IllegalArgumentException("committee size " + size + " is not between 1 and the number of candidates (" + profile.numCandidates() + ")");
        }
        if (profile.numVoters() == 0) throw new IllegalArgumentException("the profile has no voters");
        return rule.compute(profile, size, resolute);
    }

    static Map<String, CommitteeRule> view() { return Collections.unmodifiableMap(RULES); }
}
