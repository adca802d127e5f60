package org.charter.core.choice;

import java.util.List;

/** A ranked-ballot election: a profile, the truncation convention in force, and its margin graph under that convention. */
public record OrdinalElection(Profile profile, Truncation truncation, MarginGraph margins) implements Election {
    public OrdinalElection {
        if (margins.size() != profile.size()) throw new IllegalArgumentException("margin graph and profile differ in candidates");
    }

    public static OrdinalElection of(Profile profile, Truncation truncation) {
        return new OrdinalElection(profile, truncation, MarginGraph.of(profile, truncation));
    }

    public static OrdinalElection of(Profile profile) {
        return of(profile, Truncation.INCOMPARABLE);
    }

    @Override
    public List<String> candidates() {
        return profile.candidates();
    }

    @Override
    public String kind() {
        return "ranked";
    }
}
