package org.charter.core.opinion;

import java.util.List;
import java.util.Map;

/**
 * An opinion map of an assembly, with everything needed to see why: the PCA, who was clustered, the groups and how
 * their number was chosen, what each group stands for, what is shared and what divides, and how stable it all is.
 * Participant and statement ids are those of the input.
 */
public record OpinionMap(
        int participants,
        int comments,
        List<Integer> inConv,
        PcaView pca,
        List<Integer> baseClusterOf,            // parallel to inConv: the base cluster of each clustered participant
        List<double[]> baseCenters,
        List<Group> groups,
        GroupChoice groupChoice,
        Map<Integer, List<Group>> subgroups,     // per group id: its subgroups (ids local to the group), when it divides
        Map<Integer, List<Repness>> repness,
        Consensus consensus,
        Map<Integer, Double> groupAwareConsensus,
        List<Uncertain> uncertain,
        Map<Integer, Double> priorities,
        Stability stability,
        List<ConstitutionCandidate> constitution) {

    /**
     * The principal components: centre and components over statements, projections of participants and statements,
     * and how they were found (iterations; how much the last iteration still changed the components — below 1e-10
     * for a full computation, larger after an update's bounded iterations).
     */
    public record PcaView(List<Integer> statements, double[] center, double[][] components, Map<Integer, double[]> participantProjection,
                      Map<Integer, double[]> commentProjection, Map<Integer, Double> commentExtremity, int iterations, double lastChange) { }

    /** A group: its id, its members (pids, sorted) and its centre in the PCA plane. */
    public record Group(int id, List<Integer> members, double[] center) { }

    /**
     * How the number of groups was chosen: the silhouette of every k tried, the k chosen and why (for instance "given",
     * "silhouette", or the reason there are no groups).
     */
    public record GroupChoice(Map<Integer, Double> silhouetteByK, int chosen, String reason) { }

    /** A statement that represents a group, with Polis's statistics. */
    public record Repness(int tid, String repfulFor, int nSuccess, int nTrials, double pSuccess, double pTest,
                          double repness, double repnessTest, boolean bestAgree) { }

    /** Majority consensus over all participants, separately for agreement and disagreement. */
    public record Consensus(List<ConsensusStatement> agree, List<ConsensusStatement> disagree) { }

    public record ConsensusStatement(int tid, int nSuccess, int nTrials, double pSuccess, double pTest) { }

    /** A statement many people passed on: perhaps unclear, perhaps needing more thought. */
    public record Uncertain(int tid, int passes, int seen, double passRate) { }

    /**
     * Group stability by bootstrap over participants: the mean adjusted Rand index between the groups of each resample
     * and the map's own groups, and each clustered participant's share of resamples in which they landed in the group
     * matching their own.
     */
    public record Stability(int resamples, long seed, double meanAdjustedRand, Map<Integer, Double> assignmentConfidence) { }

    /** A constitution candidate by OSCCAI's rule, with the support of each group. */
    public record ConstitutionCandidate(int tid, double score, double threshold, Map<Integer, Double> supportByGroup) { }
}
