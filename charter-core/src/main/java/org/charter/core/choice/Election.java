package org.charter.core.choice;

import java.util.List;

/** The input of a single-winner rule: ranked ballots, graded ballots or approval ballots over named candidates. */
public sealed interface Election permits OrdinalElection, GradeProfile, ApprovalProfile, PairwiseProfile {
    /** Candidate names; a candidate's index in this list is its id. */
    List<String> candidates();

    /** What kind of ballots these are, for refusal messages ("ranked", "graded", "approval"). */
    String kind();
}
