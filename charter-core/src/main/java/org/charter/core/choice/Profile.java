package org.charter.core.choice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * An ordinal profile: named candidates and ranking ballots with counts. Ballots may be linear orders, weak orders
 * (ties) or truncated (some candidates unranked).
 */
public record Profile(List<String> candidates, List<Ballot> ballots) {
    public Profile {
        candidates = List.copyOf(candidates);
        ballots = List.copyOf(ballots);
        if (candidates.isEmpty()) throw new IllegalArgumentException("a profile needs at least one candidate");
        if (new HashSet<>(candidates).size() != candidates.size()) throw new IllegalArgumentException("candidate names must be distinct: " + candidates);
        for (Ballot b : ballots) {
            if (b.maxCandidate() >= candidates.size()) {
                throw new IllegalArgumentException("ballot " + b + " names candidate " + b.maxCandidate() + " but there are "
                        + candidates.size() + " candidates");
            }
        }
    }

    /** Candidates named "0", "1", ... */
    public static List<String> numbered(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(Integer.toString(i));
        return names;
    }

    /** Strict orders with counts, as pref_voting's {@code Profile(rankings, rcounts)}; candidates named by their index. */
    public static Profile ofRankings(int n, List<int[]> rankings, List<Long> counts) {
        if (rankings.size() != counts.size()) throw new IllegalArgumentException("rankings and counts differ in length");
        List<Ballot> ballots = new ArrayList<>();
        for (int i = 0; i < rankings.size(); i++) ballots.add(Ballot.linear(rankings.get(i), counts.get(i)));
        return new Profile(numbered(n), ballots);
    }

    public int size() {
        return candidates.size();
    }

    /** The total count of ballots. */
    public long voters() {
        long n = 0;
        for (Ballot b : ballots) n = Math.addExact(n, b.count());
        return n;
    }

    /** True when every ballot ranks every candidate. */
    public boolean isComplete() {
        for (Ballot b : ballots) if (b.rankedCount() != candidates.size()) return false;
        return true;
    }

    /** True when no ballot has a tie. */
    public boolean isStrict() {
        for (Ballot b : ballots) if (!b.isStrict()) return false;
        return true;
    }

    public int indexOf(String name) {
        int i = candidates.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no candidate named \"" + name + "\"");
        return i;
    }

    /** The same profile with one more ballot (or {@code count} more of it). */
    public Profile plus(Ballot ballot) {
        List<Ballot> more = new ArrayList<>(ballots);
        more.add(ballot);
        return new Profile(candidates, more);
    }
}
