package org.charter.core.choice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rules that eliminate candidates round by round: instant runoff (and its parallel-universe variant), Coombs,
 * Baldwin, Nanson (strict and weak), and Bucklin's rounds of widening approval. First and last places follow the
 * conventions stated in {@link ScoringRules}; Borda scores within a round are sums of margins among the standing
 * candidates (for complete strict ballots the same order as classical Borda points).
 */
public final class IterativeRules {
    private IterativeRules() { }

    static List<String> standingNames(List<String> names, boolean[] standing) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < standing.length; i++) if (standing[i]) s.add(names.get(i));
        return s;
    }

    static List<Integer> standingList(boolean[] standing) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < standing.length; i++) if (standing[i]) s.add(i);
        return s;
    }

    static Map<String, Long> standingScores(List<String> names, boolean[] standing, long[] score) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < standing.length; i++) if (standing[i]) m.put(names.get(i), score[i]);
        return m;
    }

    /** How one round eliminates: from the scores of the standing candidates, which to drop (all of them means stop). */
    interface Round {
        long[] scores(boolean[] standing);

        /** The candidates to eliminate; returning every standing candidate (or none) ends with the standing ones tied. */
        List<Integer> eliminate(boolean[] standing, long[] scores);
    }

    static RuleResult eliminate(String id, List<String> names, Round round, String scoreName) {
        int n = names.size();
        boolean[] standing = ScoringRules.all(n);
        List<Map<String, Object>> rounds = new ArrayList<>();
        int left = n;
        while (true) {
            long[] s = round.scores(standing);
            List<Integer> out = left == 1 ? List.of() : round.eliminate(standing, s);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(scoreName, standingScores(names, standing, s));
            if (out.isEmpty() || out.size() == left) {
                rounds.add(r);
                return RuleResult.of(id, names, standingList(standing), Map.of("rounds", rounds));
            }
            r.put("eliminated", out.stream().map(names::get).toList());
            rounds.add(r);
            for (int c : out) standing[c] = false;
            left -= out.size();
        }
    }

    static List<Integer> extreme(boolean[] standing, long[] s, boolean lowest) {
        long e = lowest ? Long.MAX_VALUE : Long.MIN_VALUE;
        for (int i = 0; i < s.length; i++) if (standing[i]) e = lowest ? Math.min(e, s[i]) : Math.max(e, s[i]);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) if (standing[i] && s[i] == e) out.add(i);
        return out;
    }

    /** Instant runoff: repeatedly eliminate every candidate with the fewest first places, all at once. */
    public static final class InstantRunoff implements SingleWinnerRule {
        /*
         * [1] T. Hare. "The Election of Representatives, Parliamentary and Municipal." Longman, 1859.
         * [2] W. H. Holliday, E. Pacuit. pref_voting (instant_runoff: simultaneous elimination of all plurality
         *     losers). Journal of Open Source Software 10(105), 2025.
         */
        @Override public String id() { return "irv"; }
        @Override public String summary() { return "Instant runoff: eliminate all candidates with the fewest first places at once, until the rest tie."; }
        @Override public String citation() { return "T. Hare, The Election of Representatives, 1859; pref_voting's instant_runoff (Holliday and Pacuit)"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            Round round = p.isStrict() ? new StrictFirstPlaces(p) : new Round() {
                public long[] scores(boolean[] standing) { return ScoringRules.firstPlaces(p, standing); }
                public List<Integer> eliminate(boolean[] standing, long[] s) { return extreme(standing, s, true); }
            };
            return eliminate(id(), p.candidates(), round, "first_places");
        }
    }

    /**
     * First places over strict ballots, kept up to date across rounds: each ballot remembers the position of its
     * highest standing candidate and moves on only when that candidate is eliminated, so all rounds together read
     * each ballot once (the same counts as {@link ScoringRules#firstPlaces}, faster for many rounds).
     */
    static final class StrictFirstPlaces implements Round {
        private final Profile p;
        private final int[] pointer;
        private final long[] counts;

        StrictFirstPlaces(Profile p) {
            this.p = p;
            this.pointer = new int[p.ballots().size()];
            this.counts = new long[p.size()];
            for (int k = 0; k < pointer.length; k++) {
                Ballot b = p.ballots().get(k);
                counts[b.candidateAt(0)] += b.count();
            }
        }

        @Override
        public long[] scores(boolean[] standing) {
            boolean anyOut = false;
            for (int c = 0; c < standing.length; c++) if (!standing[c] && counts[c] != 0) anyOut = true;
            if (anyOut) {
                List<Ballot> ballots = p.ballots();
                for (int k = 0; k < pointer.length; k++) {
                    int i = pointer[k];
                    if (i < 0) continue;
                    Ballot b = ballots.get(k);
                    int c = b.candidateAt(i);
                    if (standing[c]) continue;
                    counts[c] -= b.count();
                    int r = b.rankedCount();
                    do i++; while (i < r && !standing[b.candidateAt(i)]);
                    if (i < r) {
                        counts[b.candidateAt(i)] += b.count();
                        pointer[k] = i;
                    } else {
                        pointer[k] = -1; // exhausted
                    }
                }
            }
            long[] out = counts.clone();
            for (int c = 0; c < out.length; c++) if (!standing[c]) out[c] = 0;
            return out;
        }

        @Override
        public List<Integer> eliminate(boolean[] standing, long[] s) {
            return extreme(standing, s, true);
        }
    }

    /**
     * Instant runoff with parallel-universe tie-breaking, recursively as pref_voting's {@code instant_runoff_put}: a
     * candidate with a strict majority of first places (of all ballots) wins; otherwise x wins when, for some
     * candidate y with the fewest first places, x wins once y is removed.
     */
    public static final class InstantRunoffPut implements SingleWinnerRule {
        /*
         * [1] J. Wang, S. Sikdar, T. Shepherd, Z. Zhao, C. Jiang, L. Xia. "Practical algorithms for multi-stage
         *     voting rules with parallel universes tiebreaking." AAAI 2019.
         * [2] T. Hare. "The Election of Representatives, Parliamentary and Municipal." Longman, 1859.
         */
        static final int STATE_LIMIT = 1 << 20;

        @Override public String id() { return "irv-put"; }
        @Override public String summary() { return "Instant runoff, parallel-universe tie-breaking: winners under any order of eliminating tied last-placed candidates one by one."; }
        @Override public String citation() { return "J. Wang et al., Practical algorithms for multi-stage voting rules with parallel universes tiebreaking, AAAI 2019"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            requireAtMost(e, 62, "candidate sets are tracked as 64-bit masks");
            Map<Long, Long> memo = new HashMap<>();
            long all = p.size() == 64 ? -1L : (1L << p.size()) - 1;
            long w = winners(p, all, memo);
            List<Integer> ws = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) if ((w >> i & 1) == 1) ws.add(i);
            return RuleResult.of(id(), p.candidates(), ws, Map.of("candidate_sets_explored", memo.size(),
                    "first_round", new InstantRunoff().apply(e).evidence().get("rounds")));
        }

        private long winners(Profile p, long set, Map<Long, Long> memo) {
            if (Long.bitCount(set) == 1) return set;
            long voters = p.voters();
            Long cached = memo.get(set);
            if (cached != null) return cached;
            if (memo.size() > STATE_LIMIT) {
                throw new RuleRefusedException(id(), "more than " + STATE_LIMIT + " sets of standing candidates to explore (too many ties)");
            }
            boolean[] standing = new boolean[p.size()];
            for (int i = 0; i < p.size(); i++) standing[i] = (set >> i & 1) == 1;
            long[] s = ScoringRules.firstPlaces(p, standing);
            long result = 0;
            for (int c = 0; c < s.length; c++) if (standing[c] && 2 * s[c] > voters) result = 1L << c;
            if (result == 0) {
                for (int l : extreme(standing, s, true)) result |= winners(p, set & ~(1L << l), memo);
            }
            memo.put(set, result);
            return result;
        }
    }

    /** Coombs: a candidate with a majority of first places wins; otherwise eliminate every candidate with the most last places. */
    public static final class Coombs implements SingleWinnerRule {
        /*
         * [1] C. H. Coombs. "A Theory of Data." Wiley, 1964.
         * [2] B. Grofman, S. L. Feld. "If you like the alternative vote (a.k.a. the instant runoff), then you ought to
         *     know about the Coombs rule." Electoral Studies 23(4), 2004.
         */
        @Override public String id() { return "coombs"; }
        @Override public String summary() { return "A majority of first places wins; otherwise eliminate all candidates with the most last places."; }
        @Override public String citation() { return "C. H. Coombs, A Theory of Data, 1964; Grofman and Feld, Electoral Studies 23, 2004"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            long voters = p.voters();
            return eliminate(id(), p.candidates(), new Round() {
                public long[] scores(boolean[] standing) {
                    int k = 0;
                    for (boolean s : standing) if (s) k++;
                    long[] last = new long[p.size()];
                    for (Ballot b : p.ballots()) {
                        int l = ScoringRules.uniqueLast(b, standing, k);
                        if (l >= 0) last[l] += b.count();
                    }
                    return last;
                }

                public List<Integer> eliminate(boolean[] standing, long[] last) {
                    long[] first = ScoringRules.firstPlaces(p, standing);
                    for (int c = 0; c < first.length; c++) {
                        if (standing[c] && 2 * first[c] > voters) {
                            List<Integer> others = new ArrayList<>();
                            for (int d = 0; d < first.length; d++) if (standing[d] && d != c) others.add(d);
                            return others;
                        }
                    }
                    return extreme(standing, last, false);
                }
            }, "last_places");
        }
    }

    /** Baldwin: repeatedly eliminate every candidate with the lowest Borda score among those standing. */
    public static final class Baldwin implements SingleWinnerRule {
        /*
         * [1] J. M. Baldwin. "The technique of the Nanson preferential majority system of election." Proceedings of the
         *     Royal Society of Victoria 39, 42-52, 1926.
         */
        @Override public String id() { return "baldwin"; }
        @Override public String summary() { return "Eliminate all candidates with the lowest Borda score among those standing, round by round."; }
        @Override public String citation() { return "J. M. Baldwin, The technique of the Nanson preferential majority system, Proc. Royal Society of Victoria 39, 1926"; }

        @Override
        public RuleResult apply(Election e) {
            OrdinalElection o = ordinal(e);
            return eliminate(id(), o.candidates(), new Round() {
                public long[] scores(boolean[] standing) { return ScoringRules.bordaMargins(o.margins(), standing); }
                public List<Integer> eliminate(boolean[] standing, long[] s) { return extreme(standing, s, true); }
            }, "borda_margin_sums");
        }
    }

    /** Nanson: repeatedly eliminate every candidate whose Borda score is below the average (strict) or at most the average (weak). */
    public static final class Nanson implements SingleWinnerRule {
        /*
         * [1] E. J. Nanson. "Methods of election." Transactions and Proceedings of the Royal Society of Victoria 19,
         *     197-240, 1882.
         * [2] J. Niou. "A note on Nanson's rule." Public Choice 54, 191-193, 1987 (strict and weak variants).
         */
        private final boolean weak;

        public Nanson(boolean weak) {
            this.weak = weak;
        }

        @Override public String id() { return weak ? "weak-nanson" : "nanson"; }
        @Override public String summary() {
            return weak ? "Eliminate all candidates with Borda score at most the average, round by round (weak Nanson)."
                    : "Eliminate all candidates with Borda score below the average, round by round (strict Nanson).";
        }
        @Override public String citation() { return "E. J. Nanson, Methods of election, Trans. Royal Society of Victoria 19, 1882; J. Niou, Public Choice 54, 1987"; }

        @Override
        public RuleResult apply(Election e) {
            OrdinalElection o = ordinal(e);
            // Borda margin sums among the standing candidates average exactly zero.
            return eliminate(id(), o.candidates(), new Round() {
                public long[] scores(boolean[] standing) { return ScoringRules.bordaMargins(o.margins(), standing); }

                public List<Integer> eliminate(boolean[] standing, long[] s) {
                    List<Integer> out = new ArrayList<>();
                    for (int c = 0; c < s.length; c++) if (standing[c] && (weak ? s[c] <= 0 : s[c] < 0)) out.add(c);
                    return out;
                }
            }, "borda_margin_sums (average 0)");
        }
    }

    /**
     * Bucklin: count each candidate's ballots ranking it within the top k, for k = 1, 2, ...; at the first k where
     * some candidate is on more than half of the ballots, the candidates with the most such ballots win. A candidate
     * tied with others is within the top k when its position (1 + candidates ranked strictly above) is at most k.
     * If no candidate ever reaches a majority (truncated ballots), the most ballots at k = m win.
     */
    public static final class Bucklin implements SingleWinnerRule {
        /*
         * [1] J. W. Bucklin. "The Grand Junction system of preferential voting." Grand Junction, Colorado, 1909; as
         *     defined in pref_voting's {@code bucklin}.
         */
        @Override public String id() { return "bucklin"; }
        @Override public String summary() { return "Widen the top-k window until someone is on a majority of ballots; the most such ballots wins."; }
        @Override public String citation() { return "J. W. Bucklin, The Grand Junction system of preferential voting, 1909"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            int n = p.size();
            long voters = p.voters();
            long[][] within = new long[n + 1][n]; // within[k][c]: ballots with position(c) <= k
            for (Ballot b : p.ballots()) {
                int above = 0;
                for (int i = 0; i < b.rankedCount(); i++) {
                    if (i > 0 && b.tierAt(i) != b.tierAt(i - 1)) above = i;
                    within[above + 1][b.candidateAt(i)] += b.count();
                }
            }
            List<Map<String, Long>> rounds = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                for (int c = 0; c < n; c++) within[k][c] += within[k - 1][c];
                rounds.add(ScoringRules.named(p.candidates(), within[k]));
                long max = Long.MIN_VALUE;
                for (long v : within[k]) max = Math.max(max, v);
                if (2 * max > voters || k == n) {
                    TreeSet<Integer> winners = new TreeSet<>();
                    for (int c = 0; c < n; c++) if (within[k][c] == max) winners.add(c);
                    return RuleResult.of(id(), p.candidates(), winners, Map.of("ballots_within_top_k", rounds, "decided_at_k", k,
                            "majority_reached", 2 * max > voters));
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }
}
