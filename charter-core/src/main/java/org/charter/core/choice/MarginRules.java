package org.charter.core.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules defined by the sizes of the margins (pref_voting's C2 family): minimax, Schulze's beat path, split cycle,
 * ranked pairs, river, stable voting and Kemeny-Young.
 */
public final class MarginRules {
    private MarginRules() { }

    /** Widest (bottleneck) path strengths over positive-margin edges: s[a][b] is the strongest path from a to b. */
    static long[][] widestPaths(MarginGraph g) {
        int n = g.size();
        long[][] s = new long[n][n];
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) s[a][b] = a != b && g.beats(a, b) ? g.margin(a, b) : 0;
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < n; a++) {
                if (a == k || s[a][k] == 0) continue;
                long ak = s[a][k];
                long[] row = s[a], rk = s[k];
                for (int b = 0; b < n; b++) {
                    if (b == a || b == k) continue;
                    long v = Math.min(ak, rk[b]);
                    if (v > row[b]) row[b] = v;
                }
            }
        }
        return s;
    }

    static Map<String, Map<String, Long>> matrix(MarginGraph g, long[][] m) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int a = 0; a < g.size(); a++) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (int b = 0; b < g.size(); b++) if (a != b) row.put(g.candidates().get(b), m[a][b]);
            out.put(g.candidates().get(a), row);
        }
        return out;
    }

    /** Minimax (Simpson-Kramer): the winners' largest margin of defeat is smallest. */
    public static final class Minimax extends MarginRule {
        /*
         * [1] P. B. Simpson. "On defining areas of voter choice." Quarterly Journal of Economics 83(3), 1969.
         * [2] G. H. Kramer. "A dynamical model of political equilibrium." Journal of Economic Theory 16(2), 1977.
         */
        @Override public String id() { return "minimax"; }
        @Override public String summary() { return "Smallest worst defeat: minimise the largest margin by which another candidate beats you."; }
        @Override public String citation() { return "P. B. Simpson, QJE, 1969; G. H. Kramer, J. Econ. Theory, 1977"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            int n = g.size();
            long[] worst = new long[n];
            for (int a = 0; a < n; a++) {
                long w = Long.MIN_VALUE;
                for (int b = 0; b < n; b++) if (a != b) w = Math.max(w, g.margin(b, a));
                worst[a] = n == 1 ? 0 : w;
            }
            RuleResult r = MajorityRules.bestScores(id(), g.candidates(), worst, false, Map.of());
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("largest_margin_against", r.evidence().get("scores"));
            return RuleResult.of(id(), g.candidates(), r.winners(), ev);
        }
    }

    /** Schulze's beat path: a beats b when a's strongest path to b is stronger than b's to a; the unbeaten win. */
    public static final class Schulze extends MarginRule {
        /*
         * [1] M. Schulze. "A new monotonic, clone-independent, reversal symmetric, and Condorcet-consistent
         *     single-winner election method." Social Choice and Welfare 36(2), 267-303, 2011.
         */
        @Override public String id() { return "schulze"; }
        @Override public String summary() { return "Beat path: a beats b if the strongest path of margins from a to b beats the one from b to a."; }
        @Override public String citation() { return "M. Schulze, A new monotonic, clone-independent... method, Social Choice and Welfare 36, 2011"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            long[][] s = widestPaths(g);
            int n = g.size();
            List<Integer> winners = new ArrayList<>();
            outer:
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) if (a != b && s[b][a] > s[a][b]) continue outer;
                winners.add(a);
            }
            return RuleResult.of(id(), g.candidates(), winners, Map.of("strongest_paths", matrix(g, s)));
        }
    }

    /** Split cycle: drop the weakest edges of every majority cycle; the candidates left undefeated win. */
    public static final class SplitCycle extends MarginRule {
        /*
         * [1] W. H. Holliday, E. Pacuit. "Split Cycle: a new Condorcet-consistent voting method independent of clones
         *     and immune to spoilers." Public Choice 197, 1-62, 2023. arXiv:2004.02350
         */
        @Override public String id() { return "split-cycle"; }
        @Override public String summary() { return "a defeats b if its margin over b exceeds the weakest margin in every cycle through a -> b; undefeated candidates win."; }
        @Override public String citation() { return "W. H. Holliday, E. Pacuit, Split Cycle..., Public Choice 197, 2023"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            long[][] s = widestPaths(g);
            int n = g.size();
            boolean[] defeated = new boolean[n];
            List<String> defeats = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b && g.beats(a, b) && g.margin(a, b) > s[b][a]) {
                        defeated[b] = true;
                        defeats.add(g.candidates().get(a) + " defeats " + g.candidates().get(b) + " (margin " + g.margin(a, b)
                                + " > splitting number " + s[b][a] + ")");
                    }
                }
            }
            List<Integer> winners = new ArrayList<>();
            for (int a = 0; a < n; a++) if (!defeated[a]) winners.add(a);
            return RuleResult.of(id(), g.candidates(), winners, Map.of("defeats", defeats));
        }
    }

    /** Positive-margin edges {a, b, margin}, strongest first; equal margins ordered by (a, b) under {@code order}. */
    static List<int[]> sortedEdges(MarginGraph g, int[] order) {
        int n = g.size();
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) pos[order[i]] = i;
        List<int[]> e = new ArrayList<>();
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) if (g.beats(a, b)) e.add(new int[] {a, b});
        e.sort((x, y) -> {
            int c = Long.compare(g.margin(y[0], y[1]), g.margin(x[0], x[1]));
            if (c != 0) return c;
            c = Integer.compare(pos[x[0]], pos[y[0]]);
            return c != 0 ? c : Integer.compare(pos[x[1]], pos[y[1]]);
        });
        return e;
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    /**
     * Locking procedures that consider edges from strongest to weakest and keep an edge only when {@code canLock}
     * allows (ranked pairs: no cycle; river: no cycle and no second edge into the same candidate). The winners over
     * all tie-breaking orders of equal-margin edges are found by a search over (locked edges, edges of the current
     * margin left to try), memoised, and cut short (a refusal) beyond {@link #STATE_LIMIT} states.
     */
    abstract static class LockingRule extends MarginRule {
        static final int STATE_LIMIT = 200_000;
        static final long STEP_LIMIT = 5_000_000;

        abstract boolean canLock(boolean[][] locked, int a, int b);

        static boolean reaches(boolean[][] locked, int from, int to) {
            int n = locked.length;
            boolean[] seen = new boolean[n];
            int[] stack = new int[n];
            int top = 0;
            stack[top++] = from;
            seen[from] = true;
            while (top > 0) {
                int x = stack[--top];
                if (x == to) return true;
                for (int y = 0; y < n; y++) if (locked[x][y] && !seen[y]) {
                    seen[y] = true;
                    stack[top++] = y;
                }
            }
            return false;
        }

        /** Locks edges in the fixed order: strongest first, equal margins by the candidates' positions in {@code order}. */
        public RuleResult fixedOrder(MarginGraph g, int[] order) {
            int n = g.size();
            boolean[][] locked = new boolean[n][n];
            List<String> kept = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (int[] e : sortedEdges(g, order)) {
                String label = g.candidates().get(e[0]) + " > " + g.candidates().get(e[1]) + ": " + g.margin(e[0], e[1]);
                if (canLock(locked, e[0], e[1])) {
                    locked[e[0]][e[1]] = true;
                    kept.add(label);
                } else {
                    skipped.add(label);
                }
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("tie_break_order", Arrays.stream(order).mapToObj(g.candidates()::get).toList());
            ev.put("locked", kept);
            ev.put("skipped", skipped);
            return RuleResult.of(id() + "-tb", g.candidates(), sources(locked), ev);
        }

        static List<Integer> sources(boolean[][] locked) {
            int n = locked.length;
            List<Integer> s = new ArrayList<>();
            outer:
            for (int b = 0; b < n; b++) {
                for (int a = 0; a < n; a++) if (locked[a][b]) continue outer;
                s.add(b);
            }
            return s;
        }

        /**
         * Winners over all tie-breaking orders. The search runs on the Smith set only: no candidate outside it beats
         * one inside, so no cycle and no locked defeat of a Smith member involves an outside candidate, the locking
         * inside the Smith set is the same as in the whole graph, and every outside candidate receives a locked (or,
         * for river, already has a locked) defeat. A Condorcet winner therefore wins alone without any search.
         */
        @Override
        public RuleResult apply(MarginGraph whole) {
            List<Integer> smith = MajorityRules.smithSet(whole);
            MarginGraph g = whole.restrict(smith);
            int n = g.size();
            List<int[]> edges = sortedEdges(g, identity(n));
            // Group boundaries: edges[start[k] .. start[k+1]) share one margin.
            List<Integer> start = new ArrayList<>();
            for (int i = 0; i < edges.size(); i++) {
                if (i == 0 || g.margin(edges.get(i)[0], edges.get(i)[1]) != g.margin(edges.get(i - 1)[0], edges.get(i - 1)[1])) start.add(i);
            }
            start.add(edges.size());
            Set<Integer> local = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            long[] steps = new long[1];
            search(g, edges, start, 0, new boolean[n][n], new BitSet(), local, seen, steps);
            List<Integer> winners = local.stream().map(smith::get).toList();
            RuleResult example = fixedOrder(whole, identity(whole.size()));
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("smith_set", MajorityRules.names(whole, smith));
            ev.put("tie_break_orders_searched", "all, within the Smith set (" + seen.size() + " distinct locked sets, " + steps[0] + " steps)");
            ev.put("locked_with_candidate_order_tie_break", example.evidence().get("locked"));
            ev.put("skipped_with_candidate_order_tie_break", example.evidence().get("skipped"));
            return RuleResult.of(id(), whole.candidates(), winners, ev);
        }

        /*
         * The search. Whatever the order within one group of equal-margin edges, the edges it locks form a maximal
         * subset S of the group such that the locked graph plus S is still valid (every order locking exactly S
         * exists: S first, then the rest, each blocked by maximality); conversely every order locks such a maximal S.
         * So the search enumerates the maximal valid extensions of each group, memoised on the locked set.
         */
        private void search(MarginGraph g, List<int[]> edges, List<Integer> start, int group, boolean[][] locked, BitSet lockedIds,
                Set<Integer> winners, Set<String> seen, long[] steps) {
            if (group == start.size() - 1) {
                winners.addAll(sources(locked));
                return;
            }
            if (!seen.add(group + "|" + lockedIds)) return;
            if (seen.size() > STATE_LIMIT) {
                throw new RuleRefusedException(id(), "the search over all tie-breaking orders of equal margins passed its limit of "
                        + STATE_LIMIT + " locked sets (too many equal margins); use the fixed-order variant");
            }
            List<Integer> groupEdges = new ArrayList<>();
            for (int i = start.get(group); i < start.get(group + 1); i++) groupEdges.add(i);
            extend(g, edges, start, group, groupEdges, 0, locked, lockedIds, new ArrayList<>(), winners, seen, steps);
        }

        private void extend(MarginGraph g, List<int[]> edges, List<Integer> start, int group, List<Integer> groupEdges, int idx,
                boolean[][] locked, BitSet lockedIds, List<Integer> excluded, Set<Integer> winners, Set<String> seen, long[] steps) {
            if (++steps[0] > STEP_LIMIT) {
                throw new RuleRefusedException(id(), "the search over all tie-breaking orders of equal margins passed its limit of "
                        + STEP_LIMIT + " steps (too many equal margins inside the Smith set); use the fixed-order variant");
            }
            if (idx == groupEdges.size()) {
                for (int i : excluded) if (canLock(locked, edges.get(i)[0], edges.get(i)[1])) return; // not maximal
                search(g, edges, start, group + 1, locked, lockedIds, winners, seen, steps);
                return;
            }
            int i = groupEdges.get(idx);
            int[] e = edges.get(i);
            if (!canLock(locked, e[0], e[1])) {
                extend(g, edges, start, group, groupEdges, idx + 1, locked, lockedIds, excluded, winners, seen, steps);
                return;
            }
            locked[e[0]][e[1]] = true;
            lockedIds.set(i);
            extend(g, edges, start, group, groupEdges, idx + 1, locked, lockedIds, excluded, winners, seen, steps);
            locked[e[0]][e[1]] = false;
            lockedIds.clear(i);
            excluded.add(i);
            if (canStillBeBlocked(edges, groupEdges, idx + 1, locked, excluded)) {
                extend(g, edges, start, group, groupEdges, idx + 1, locked, lockedIds, excluded, winners, seen, steps);
            }
            excluded.remove(excluded.size() - 1);
        }

        /**
         * Pruning: an edge left out while it could be locked must end up blocked, and being blocked only gets more
         * likely as edges are added; so if even the locked graph plus every remaining edge of the group does not
         * block it, no completion is maximal.
         */
        private boolean canStillBeBlocked(List<int[]> edges, List<Integer> groupEdges, int from, boolean[][] locked, List<Integer> excluded) {
            int n = locked.length;
            boolean[][] trial = new boolean[n][];
            for (int k = 0; k < n; k++) trial[k] = locked[k].clone();
            for (int k = from; k < groupEdges.size(); k++) {
                int[] e = edges.get(groupEdges.get(k));
                trial[e[0]][e[1]] = true;
            }
            for (int x : excluded) if (canLock(trial, edges.get(x)[0], edges.get(x)[1])) return false;
            return true;
        }
    }

    /** Ranked pairs: lock pairwise victories from the largest margin down, skipping any that would close a cycle. */
    public static final class RankedPairs extends LockingRule {
        /*
         * [1] T. N. Tideman. "Independence of clones as a criterion for voting rules." Social Choice and Welfare 4(3),
         *     185-206, 1987.
         * [2] T. M. Zavist, T. N. Tideman. "Complete independence of clones in the ranked pairs rule." Social Choice
         *     and Welfare 6(2), 1989.
         */
        @Override public String id() { return "ranked-pairs"; }
        @Override public String summary() { return "Lock victories from largest margin down unless they close a cycle; winners over all tie-break orders (fixed-order variant: ranked-pairs-tb)."; }
        @Override public String citation() { return "T. N. Tideman, Independence of clones as a criterion for voting rules, Social Choice and Welfare 4, 1987"; }

        @Override
        boolean canLock(boolean[][] locked, int a, int b) {
            return !reaches(locked, b, a);
        }
    }

    /** River: like ranked pairs, but a candidate keeps at most one locked defeat (the strongest that fits). */
    public static final class River extends LockingRule {
        /*
         * [1] J. Heitzig. "River method." Election-methods mailing list, 2004; analysed in M. Harrenstein et al.,
         *     and in W. H. Holliday, E. Pacuit, "Stable Voting", Constitutional Political Economy 34, 2023.
         */
        @Override public String id() { return "river"; }
        @Override public String summary() { return "Lock victories from largest margin down unless they close a cycle or the loser already has a locked defeat."; }
        @Override public String citation() { return "J. Heitzig, River method, election-methods list, 2004"; }

        @Override
        boolean canLock(boolean[][] locked, int a, int b) {
            for (boolean[] row : locked) if (row[b]) return false;
            return !reaches(locked, b, a);
        }
    }

    /**
     * Stable voting: if one candidate remains it wins; otherwise, going through matches a-vs-b from the largest margin
     * of a over b down, a wins when a wins the election without b; the first margin level yielding such an a decides.
     */
    public static final class StableVoting extends MarginRule {
        /*
         * [1] W. H. Holliday, E. Pacuit. "Stable Voting." Constitutional Political Economy 34, 292-340, 2023.
         *     arXiv:2108.00542
         */
        static final int LIMIT = 20;

        @Override public String id() { return "stable-voting"; }
        @Override public String summary() { return "From the largest margin down, a wins if a beats b by that margin and a wins after b is removed (recursively)."; }
        @Override public String citation() { return "W. H. Holliday, E. Pacuit, Stable Voting, Constitutional Political Economy 34, 2023"; }
        @Override protected int limit() { return LIMIT; }
        @Override protected String limitReason() { return "the recursion over subsets of candidates is exponential"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            if (g.size() > LIMIT) throw new RuleRefusedException(id(), g.size() + " candidates is more than its limit of " + LIMIT + " (" + limitReason() + ")");
            Map<Long, Long> memo = new HashMap<>();
            long all = (1L << g.size()) - 1;
            long w = winners(g, all, memo);
            List<Integer> ws = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) if ((w >> i & 1) == 1) ws.add(i);
            // Evidence: the decisive matches at the top level.
            List<String> decisive = new ArrayList<>();
            if (g.size() > 1) {
                for (int a : ws) {
                    long best = Long.MIN_VALUE;
                    int against = -1;
                    for (int b = 0; b < g.size(); b++) {
                        if (a != b && (winners(g, all & ~(1L << b), memo) >> a & 1) == 1 && g.margin(a, b) > best) {
                            best = g.margin(a, b);
                            against = b;
                        }
                    }
                    decisive.add(g.candidates().get(a) + " vs " + g.candidates().get(against) + ": margin " + best + ", and "
                            + g.candidates().get(a) + " wins without " + g.candidates().get(against));
                }
            }
            return RuleResult.of(id(), g.candidates(), ws, Map.of("decisive_matches", decisive, "subelections_evaluated", memo.size()));
        }

        static long winners(MarginGraph g, long set, Map<Long, Long> memo) {
            if (Long.bitCount(set) == 1) return set;
            Long cached = memo.get(set);
            if (cached != null) return cached;
            // Stable voting is Condorcet-consistent [1], so a Condorcet winner among the candidates in
            // play wins without recursion (as pref_voting's stable_voting_faster does).
            for (int a = 0; a < g.size(); a++) {
                if ((set >> a & 1) == 0) continue;
                boolean beatsAll = true;
                for (int b = 0; b < g.size() && beatsAll; b++) if (b != a && (set >> b & 1) == 1 && !g.beats(a, b)) beatsAll = false;
                if (beatsAll) {
                    memo.put(set, 1L << a);
                    return 1L << a;
                }
            }
            List<int[]> matches = new ArrayList<>();
            for (int a = 0; a < g.size(); a++) {
                if ((set >> a & 1) == 0) continue;
                for (int b = 0; b < g.size(); b++) if (a != b && (set >> b & 1) == 1) matches.add(new int[] {a, b});
            }
            matches.sort((x, y) -> Long.compare(g.margin(y[0], y[1]), g.margin(x[0], x[1])));
            long result = 0;
            for (int i = 0; i < matches.size() && result == 0; ) {
                long level = g.margin(matches.get(i)[0], matches.get(i)[1]);
                int j = i;
                while (j < matches.size() && g.margin(matches.get(j)[0], matches.get(j)[1]) == level) {
                    int a = matches.get(j)[0], b = matches.get(j)[1];
                    if ((result >> a & 1) == 0 && (winners(g, set & ~(1L << b), memo) >> a & 1) == 1) result |= 1L << a;
                    j++;
                }
                i = j;
            }
            memo.put(set, result);
            return result;
        }
    }

    /**
     * Kemeny-Young: the rankings that agree with the most pairwise preferences (maximise the sum of margins of pairs
     * ranked in their order); winners are the candidates ranked first by some optimal ranking. Exact, by dynamic
     * programming over subsets (O(2^n n^2)), refused beyond {@link #LIMIT} candidates.
     */
    public static final class KemenyYoung extends MarginRule {
        /*
         * [1] J. G. Kemeny. "Mathematics without numbers." Daedalus 88(4), 577-591, 1959.
         * [2] H. P. Young, A. Levenglick. "A consistent extension of Condorcet's election principle." SIAM Journal on
         *     Applied Mathematics 35(2), 285-300, 1978.
         */
        public static final int LIMIT = 18;

        @Override public String id() { return "kemeny-young"; }
        @Override public String summary() { return "First places of the rankings that maximise total agreement with pairwise margins (exact, up to 18 candidates)."; }
        @Override public String citation() { return "J. G. Kemeny, Mathematics without numbers, Daedalus, 1959; H. P. Young, A. Levenglick, SIAM J. Appl. Math., 1978"; }
        @Override protected int limit() { return LIMIT; }
        @Override protected String limitReason() { return "exact search over subsets takes 2^n steps; 18 candidates is about a second"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            int n = g.size();
            if (n > LIMIT) throw new RuleRefusedException(id(), n + " candidates is more than its limit of " + LIMIT + " (" + limitReason() + ")");
            int full = (1 << n) - 1;
            // best[T]: the largest sum of margins m(x, y) over pairs of T with x ranked above y, over orders of T.
            long[] best = new long[1 << n];
            for (int t = 1; t <= full; t++) {
                long b = Long.MIN_VALUE;
                for (int c = 0; c < n; c++) {
                    if ((t >> c & 1) == 0) continue;
                    int rest = t & ~(1 << c);
                    long v = best[rest];
                    for (int d = 0; d < n; d++) if ((rest >> d & 1) == 1) v += g.margin(c, d);
                    if (v > b) b = v;
                }
                best[t] = b;
            }
            List<Integer> winners = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                int rest = full & ~(1 << c);
                long v = best[rest];
                for (int d = 0; d < n; d++) if (d != c) v += g.margin(c, d);
                if (v == best[full]) winners.add(c);
            }
            // One optimal ranking, as evidence.
            List<String> ranking = new ArrayList<>();
            int t = full;
            while (t != 0) {
                for (int c = 0; c < n; c++) {
                    if ((t >> c & 1) == 0) continue;
                    int rest = t & ~(1 << c);
                    long v = best[rest];
                    for (int d = 0; d < n; d++) if ((rest >> d & 1) == 1) v += g.margin(c, d);
                    if (v == best[t]) {
                        ranking.add(g.candidates().get(c));
                        t = rest;
                        break;
                    }
                }
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("optimal_score", best[full]);
            ev.put("score", "sum over pairs x above y of margin(x, y)");
            ev.put("an_optimal_ranking", ranking);
            return RuleResult.of(id(), g.candidates(), winners, ev);
        }
    }
}
