package org.charter.core.choice;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Graded ballots (for score, STAR and majority judgment): each ballot gives some candidates an integer grade and is
 * cast {@code count} times. A candidate a ballot leaves out is not graded by it (it counts for neither sum nor median).
 */
public record GradeProfile(List<String> candidates, List<GradeProfile.GradeBallot> ballots) implements Election {
    /** One graded ballot: candidate index -> grade, cast {@code count} times. */
    public record GradeBallot(Map<Integer, Long> scores, long count) {
        public GradeBallot {
            scores = Map.copyOf(new TreeMap<>(scores));
            if (count <= 0) throw new IllegalArgumentException("a ballot's count must be positive, got " + count);
        }
    }

    public GradeProfile {
        candidates = List.copyOf(candidates);
        ballots = List.copyOf(ballots);
        if (candidates.isEmpty()) throw new IllegalArgumentException("an election needs at least one candidate");
        if (new HashSet<>(candidates).size() != candidates.size()) throw new IllegalArgumentException("candidate names must be distinct: " + candidates);
        for (GradeBallot b : ballots) {
            for (int c : b.scores().keySet()) {
                if (c < 0 || c >= candidates.size()) throw new IllegalArgumentException("grade for unknown candidate index " + c);
            }
        }
    }

    @Override
    public String kind() {
        return "graded";
    }
}
