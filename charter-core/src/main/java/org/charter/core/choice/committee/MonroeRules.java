package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;


/**
 * Monroe's rule (committees with a balanced assignment of voters to members satisfying the most voters) and
 * Greedy Monroe (its greedy approximation). Both are defined for unweighted profiles.
 */
public final class MonroeRules {
    /*
     * [1] B. L. Monroe. "Fully proportional representation." American Political Science Review 89(4), 1995.
     * [2] P. Skowron, P. Faliszewski, A. Slinko. "Achieving fully proportional representation: Approximability
     *     results." Artificial Intelligence 222, 2015. (Greedy Monroe)
     * [3] M. Lackner, P. Skowron. "Multi-Winner Voting with Approval Preferences." Springer, 2023.
     */

    /** The largest number of committees Monroe's rule enumerates. */
    static final long MONROE_LIMIT = 2_000_000L;

    private MonroeRules() { }

    static void requireUnweighted(ApprovalProfile p, String id) {
        if (!p.hasUnitWeights()) throw new CommitteeLimitException(id + " is defined for unweighted profiles only (as in abcvoting); this profile has voter weights");
    }

    /** Monroe's rule, exactly: every committee is scored by a maximum flow giving its best balanced assignment. */
    static final class Monroe implements CommitteeRule {
        @Override public String id() { return "monroe"; }
        @Override public String description() { return "Monroe: committees admitting a balanced assignment of voters to members (floor or ceil of n/k each) that satisfies the most voters."; }
        @Override public String citation() { return "B. L. Monroe, Fully proportional representation, APSR 89(4), 1995"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            requireUnweighted(p, id());
            int m = p.numCandidates();
            BigInteger count = ThieleRules.binomial(m, k);
            if (count.compareTo(BigInteger.valueOf(MONROE_LIMIT)) > 0) {
                throw new CommitteeLimitException(id() + ": exact Monroe enumerates all C(m, k) = " + count + " committees, more than the limit " + MONROE_LIMIT);
            }
            int best = -1;
            var optima = new ArrayList<Committee>();
            for (int[] w : ThieleRules.combinations(m, k)) {
                int s = score(p, w);
                if (s > best) { best = s; optima.clear(); }
                if (s == best) optima.add(Committee.of(w));
            }
            return new CommitteeResult(id(), k, resolute, resolute ? List.of(optima.get(0)) : optima, new CommitteeResult.Explanation(
                    "exact: every committee, each scored by a maximum flow (voters to approved members, each member at most floor(n/k) "
                            + "plus one extra seat for n mod k members); unsatisfied voters fill the remaining places",
                    "resolute: the lexicographically smallest optimal committee",
                    "number of voters assigned to a member they approve", Integer.toString(best), null, null, null, null, null));
        }
    }

    /** The Monroe score of committee w: the most voters a balanced assignment can give an approved member. */
    static int score(ApprovalProfile p, int[] w) {
        int n = p.numVoters();
        int k = w.length;
        int q = n / k;
        int r = n % k;
        // nodes: 0 source, 1..n voters, n+1..n+k members, n+k+1 extra, n+k+2 sink
        int source = 0, extra = n + k + 1, sink = n + k + 2;
        var g = new Flow(n + k + 3);
        for (int v = 0; v < n; v++) g.add(source, 1 + v, 1);
        for (int j = 0; j < k; j++) {
            for (int v : p.approversView(w[j])) g.add(1 + v, 1 + n + j, 1);
            if (q > 0) g.add(1 + n + j, sink, q);
            if (r > 0) g.add(1 + n + j, extra, 1);
        }
        if (r > 0) g.add(extra, sink, r);
        return g.maxFlow(source, sink);
    }

    /** A small integer max-flow (augmenting paths by breadth-first search). */
    static final class Flow {
        final int nodes;
        final List<int[]> edges = new ArrayList<>();   // {to, capacity}; edge i^1 is the reverse of edge i
        final List<List<Integer>> adj = new ArrayList<>();

        Flow(int nodes) {
            this.nodes = nodes;
            for (int i = 0; i < nodes; i++) adj.add(new ArrayList<>());
        }

        void add(int from, int to, int cap) {
            adj.get(from).add(edges.size());
            edges.add(new int[] {to, cap});
            adj.get(to).add(edges.size());
            edges.add(new int[] {from, 0});
        }

        int maxFlow(int s, int t) {
            int flow = 0;
            int[] via = new int[nodes];
            while (true) {
                Arrays.fill(via, -1);
                var queue = new java.util.ArrayDeque<Integer>();
                queue.add(s);
                via[s] = -2;
                while (!queue.isEmpty() && via[t] == -1) {
                    int u = queue.poll();
                    for (int e : adj.get(u)) {
                        int[] ed = edges.get(e);
                        if (ed[1] > 0 && via[ed[0]] == -1) { via[ed[0]] = e; queue.add(ed[0]); }
                    }
                }
                if (via[t] == -1) return flow;
                int aug = Integer.MAX_VALUE;
                for (int u = t; u != s; u = edges.get(via[u] ^ 1)[0]) aug = Math.min(aug, edges.get(via[u])[1]);
                for (int u = t; u != s; u = edges.get(via[u] ^ 1)[0]) {
                    edges.get(via[u])[1] -= aug;
                    edges.get(via[u] ^ 1)[1] += aug;
                }
                flow += aug;
            }
        }
    }

    /**
     * Greedy Monroe, as abcvoting computes it: in round t, the candidate approved by most remaining voters (smallest
     * number on ties) is elected and takes up to ceil(n/k) (first n mod k rounds) or floor(n/k) of its remaining
     * approvers, lowest voter numbers first. Resolute only, as in abcvoting.
     */
    static final class Greedy implements CommitteeRule {
        @Override public String id() { return "greedy-monroe"; }
        @Override public String description() { return "Greedy Monroe (resolute only): repeatedly elect the candidate most approved by unassigned voters and assign it a Monroe-sized group of them."; }
        @Override public String citation() { return "P. Skowron, P. Faliszewski, A. Slinko, Achieving fully proportional representation: approximability results, Artificial Intelligence 222, 2015"; }
        @Override public boolean supportsIrresolute() { return false; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            if (!resolute) {
                throw new CommitteeLimitException("greedy-monroe is defined only as a resolute rule (as in abcvoting); use the resolute mode");
            }
            requireUnweighted(p, id());
            int n = p.numVoters();
            int m = p.numCandidates();
            boolean[] assigned = new boolean[n];
            boolean[] elected = new boolean[m];
            var members = new ArrayList<Integer>();
            var rounds = new ArrayList<CommitteeResult.Round>();
            int satisfied = 0;
            for (int t = 0; t < k; t++) {
                int best = -1, bestC = -1;
                var values = new LinkedHashMap<String, String>();
                int[] counts = new int[m];
                for (int c = 0; c < m; c++) {
                    if (elected[c]) continue;
                    int a = 0;
                    for (int v : p.approversView(c)) if (!assigned[v]) a++;
                    counts[c] = a;
                    values.put(p.name(c), Integer.toString(a));
                    if (a > best) { best = a; bestC = c; }
                }
                var tied = new ArrayList<String>();
                for (int c = 0; c < m; c++) if (!elected[c] && counts[c] == best) tied.add(p.name(c));
                int take = t < n - k * (n / k) ? n / k + 1 : n / k;
                int taken = 0;
                for (int v : p.approversView(bestC)) {
                    if (taken == take) break;
                    if (!assigned[v]) { assigned[v] = true; taken++; }
                }
                satisfied += taken;
                elected[bestC] = true;
                members.add(bestC);
                rounds.add(new CommitteeResult.Round(t + 1, "approvals from unassigned voters", values, tied, p.name(bestC)));
            }
            return new CommitteeResult(id(), k, true, List.of(Committee.of(members)), new CommitteeResult.Explanation(
                    "greedy, as abcvoting's greedy-monroe", "the smallest-numbered of the tied candidates in each round; voters taken by lowest number",
                    null, Integer.toString(satisfied), null, rounds, null, null,
                    "optimalScore is the number of voters assigned to a member they approve"));
        }
    }

}
