package org.charter.core.choice.committee;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * Runs a sequential rule: resolutely along one tie-breaking path (recording each round), or irresolutely through
 * every path of tie-breaking ("parallel universes", as abcvoting's irresolute sequential rules do).
 */
final class Branching {
    /** The largest number of distinct intermediate states an irresolute run explores before refusing. */
    static final int MAX_STATES = 200_000;

    private Branching() { }

    /** The options of one round: the candidates' values and which of them are tied best (ascending; empty: the process stops). */
    record Options(String measure, Map<Integer, Rational> values, List<Integer> tied) { }

    /** A sequential process over immutable states. */
    interface Process<S> {
        boolean done(S state);

        Options options(S state);

        S apply(S state, int candidate);

        Committee committee(S state);

        /** Identifies states that lead to the same futures (used to avoid exploring them twice). */
        Object key(S state);
    }

    /** The tie-breaking choice among tied candidates (ascending): first = smallest number. */
    interface TieBreak {
        int pick(List<Integer> tied);
    }

    record Path<S>(S end, List<CommitteeResult.Round> rounds) { }

    static <S> Path<S> resolute(ApprovalProfile profile, S start, Process<S> process, TieBreak tieBreak) {
        S state = start;
        var rounds = new ArrayList<CommitteeResult.Round>();
        while (!process.done(state)) {
            Options o = process.options(state);
            if (o.tied().isEmpty()) break;
            int chosen = tieBreak.pick(o.tied());
            var values = new LinkedHashMap<String, String>();
            o.values().forEach((c, v) -> values.put(profile.name(c), v.toString()));
            rounds.add(new CommitteeResult.Round(rounds.size() + 1, o.measure(), values,
                    o.tied().stream().map(profile::name).toList(), profile.name(chosen)));
            state = process.apply(state, chosen);
        }
        return new Path<>(state, rounds);
    }

    static <S> List<Committee> all(S start, Process<S> process, String ruleId) {
        var set = new TreeSet<Committee>();
        for (S end : allEnds(start, process, ruleId)) set.add(process.committee(end));
        return List.copyOf(set);
    }

    /**
     * Every end state reachable by some tie-breaking (distinct by key). A state ends when the process is done or no
     * candidate can be taken (the tied list is empty).
     */
    static <S> List<S> allEnds(S start, Process<S> process, String ruleId) {
        var results = new ArrayList<S>();
        var seen = new HashSet<Object>();
        var stack = new ArrayList<S>();
        stack.add(start);
        seen.add(process.key(start));
        while (!stack.isEmpty()) {
            S state = stack.remove(stack.size() - 1);
            Options o = process.done(state) ? null : process.options(state);
            if (o == null || o.tied().isEmpty()) {
                results.add(state);
                continue;
            }
            for (int c : o.tied()) {
                S next = process.apply(state, c);
                if (seen.add(process.key(next))) {
                    if (seen.size() > MAX_STATES) {
                        throw new CommitteeLimitException(ruleId + ": the irresolute run branches into more than " + MAX_STATES
                                + " distinct states through ties; use the resolute mode for this profile");
                    }
                    stack.add(next);
                }
            }
        }
        return results;
    }
}
