package org.charter.core.governance;

import java.util.List;
import java.util.Objects;

import org.charter.core.choice.committee.CommitteeRule;
import org.charter.core.choice.committee.CommitteeRules;
import org.charter.core.math.Rational;
import org.charter.core.opinion.OpinionMap;

/**
 * A rule by which statements of an assembly become clauses of the next charter version: a group-aware consensus
 * threshold, OSCCAI's constitution candidates, or a proportional slate of k statements by a committee rule.
 */
public sealed interface RatificationRule permits RatificationRule.ConsensusThreshold, RatificationRule.OsccaiCandidates,
        RatificationRule.CommitteeSlate {

    /** The rule's id (consensus, osccai, committee). */
    String id();

    /** One line naming the rule with its parameters, recorded in every clause's provenance. */
    String describe();

    /**
     * Every statement whose group-aware consensus, the product over opinion groups of (agrees + 1) / (votes + 2)
     * (votes counting passes), is at least {@code threshold}, computed exactly from the vote counts.
     */
    record ConsensusThreshold(Rational threshold) implements RatificationRule {
        /*
         * [1] C. Small, M. Bjorkegren, T. Erkkilä, L. Shaw, C. Megill. "Polis: Scaling deliberation by mapping high
         *     dimensional opinion spaces." Recerca 26(2), 2021 (group-informed consensus).
         */
        public ConsensusThreshold {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.signum() <= 0 || threshold.compareTo(Rational.ONE) > 0) {
                throw new IllegalArgumentException("the consensus threshold must be above 0 and at most 1, is " + threshold);
            }
        }

        @Override public String id() { return "consensus"; }

        @Override public String describe() { return "group-aware consensus >= " + threshold; }
    }

    /**
     * Every statement the opinion map lists as an OSCCAI constitution candidate (score at least OSCCAI's threshold,
     * which falls as the assembly grows); scores are floating point, as OSCCAI defines them with logarithms.
     */
    record OsccaiCandidates(List<OpinionMap.ConstitutionCandidate> candidates) implements RatificationRule {
        /*
         * [1] Collective Intelligence Project, OSCCAI (open-source Collective Constitutional AI), 2024.
         */
        public OsccaiCandidates {
            candidates = List.copyOf(candidates);
        }

        @Override public String id() { return "osccai"; }

        @Override public String describe() {
            return candidates.isEmpty() ? "OSCCAI constitution candidates" : String.format(java.util.Locale.ROOT,
                    "OSCCAI constitution candidates (score >= %.4f)", candidates.get(0).threshold());
        }
    }

    /**
     * A slate of {@code size} statements chosen by an approval-based committee rule, each participant approving the
     * statements they agreed with; resolute, with the committee rule's own tie-breaking.
     */
    record CommitteeSlate(String committeeRule, int size) implements RatificationRule {
        public CommitteeSlate {
            if (CommitteeRules.find(committeeRule).isEmpty()) {
                throw new IllegalArgumentException("unknown committee rule '" + committeeRule + "' (known: "
                        + String.join(", ", CommitteeRules.all().stream().map(CommitteeRule::id).toList()) + ")");
            }
            if (size < 1) throw new IllegalArgumentException("the slate size must be at least 1, is " + size);
        }

        public CommitteeRule rule() { return CommitteeRules.find(committeeRule).orElseThrow(); }

        @Override public String id() { return "committee"; }

        @Override public String describe() { return committeeRule + " slate of " + size; }
    }

    /** What a moderator chooses among: the rule kinds, once each, with a sentence on each. */
    record Kind(String id, String description, String citation) { }

    /** The registry of rule kinds, in the order a page offers them. */
    List<Kind> KINDS = List.of(
            new Kind("consensus", "Every statement whose group-aware consensus (the product over opinion groups of each group's smoothed share "
                    + "of agreement, (agrees + 1) / (votes + 2)) reaches the threshold becomes a clause: a statement passes only if every group "
                    + "agrees with it, however small the group.", "Small et al., Polis, Recerca 26(2), 2021"),
            new Kind("osccai", "Every OSCCAI constitution candidate of the opinion map becomes a clause: group-aware consensus without passes, "
                    + "each group's agreement weighted by its participation, against a threshold that falls as the assembly grows.",
                    "Collective Intelligence Project, OSCCAI, 2024"),
            new Kind("committee", "A proportional slate of k statements by an approval-based committee rule (PAV, Phragmén, Equal Shares...), "
                    + "each participant approving the statements they agreed with: a group of a quarter of the participants gets about a "
                    + "quarter of the slate.", "Lackner and Skowron, Multi-Winner Voting with Approval Preferences, Springer 2023"));
}
