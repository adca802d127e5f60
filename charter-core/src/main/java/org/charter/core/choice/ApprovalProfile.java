package org.charter.core.choice;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/** Approval ballots: each ballot approves a set of candidates and carries a positive rational voter weight. */
public record ApprovalProfile(List<String> candidates, List<ApprovalProfile.ApprovalBallot> ballots) implements Election {
    /** The candidates one voter (or a group with total {@code weight}) approves. */
    public record ApprovalBallot(Set<Integer> approved, Rational weight) {
        public ApprovalBallot {
            approved = Set.copyOf(new TreeSet<>(approved));
            if (weight.signum() <= 0) throw new IllegalArgumentException("a ballot's weight must be positive, got " + weight);
        }
    }

    public ApprovalProfile {
        candidates = List.copyOf(candidates);
        ballots = List.copyOf(ballots);
        if (candidates.isEmpty()) throw new IllegalArgumentException("an election needs at least one candidate");
        if (new HashSet<>(candidates).size() != candidates.size()) throw new IllegalArgumentException("candidate names must be distinct: " + candidates);
        for (ApprovalBallot b : ballots) {
            for (int c : b.approved()) {
                if (c < 0 || c >= candidates.size()) throw new IllegalArgumentException("approval of unknown candidate index " + c);
            }
        }
    }

    @Override
    public String kind() {
        return "approval";
    }
}
