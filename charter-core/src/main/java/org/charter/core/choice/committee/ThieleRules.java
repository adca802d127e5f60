package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * Thiele methods and their relatives: AV, SAV, PAV, CC (optimal committees by exact branch and bound) and the
 * sequential seq-PAV, seq-CC and revseq-PAV.
 *
 * <p>A Thiele method with weights w(1) >= w(2) >= ... scores a committee W by the sum over voters of their weight
 * times w(1) + ... + w(|A_i ∩ W|): AV has w(j) = 1, CC has w(1) = 1 and 0 after, PAV has w(j) = 1/j.
 */
public final class ThieleRules {
    /*
     * [1] T. N. Thiele. "Om Flerfoldsvalg." Oversigt over det Kongelige Danske Videnskabernes Selskabs
     *     Forhandlinger, 1895. (PAV, seq-PAV, revseq-PAV)
     * [2] J. R. Chamberlin, P. N. Courant. "Representative deliberations and representative decisions:
     *     Proportional representation and the Borda rule." American Political Science Review 77(3), 1983. (CC)
     * [3] S. J. Brams, D. M. Kilgour. "Satisfaction approval voting." In Voting Power and Procedures, Springer, 2014.
     * [4] M. Lackner, P. Skowron. "Multi-Winner Voting with Approval Preferences." SpringerBriefs in Intelligent
     *     Systems, Springer, 2023. (definitions, resoluteness conventions; abcvoting's reference book)
     */

    /** The largest number of tied committees an irresolute rule returns before refusing. */
    static final int MAX_COMMITTEES = 100_000;
    /** The largest number of search nodes branch and bound visits before refusing. */
    static final long MAX_NODES = 50_000_000L;

    private ThieleRules() { }

    /** The Thiele weight sequences used here. */
    public enum Kind {
        AV("AV score"), CC("CC score"), PAV("PAV score");

        final String scoreName;

        Kind(String scoreName) { this.scoreName = scoreName; }

        /** w(j), the value of a voter's j-th approved committee member (j >= 1). */
        Rational weight(int j) {
            return switch (this) {
                case AV -> Rational.ONE;
                case CC -> j == 1 ? Rational.ONE : Rational.ZERO;
                case PAV -> Rational.of(1, j);
            };
        }
    }

    /** The Thiele score of a committee, exactly. */
    public static Rational score(ApprovalProfile p, Committee w, Kind kind) {
        boolean[] in = membership(p, w);
        int maxJ = w.size();
        long[] weightByCount = new long[maxJ + 1];
        int[][] approvals = p.approvalsView();
        for (int v = 0; v < approvals.length; v++) {
            int cnt = 0;
            for (int c : approvals[v]) if (in[c]) cnt++;
            weightByCount[cnt] += p.scaledWeight(v);
        }
        Rational total = Rational.ZERO;
        Rational prefix = Rational.ZERO;
        for (int j = 1; j <= maxJ; j++) {
            prefix = prefix.add(kind.weight(j));
            if (weightByCount[j] != 0) total = total.add(prefix.multiply(weightByCount[j]));
        }
        return p.unscale(total);
    }

    static boolean[] membership(ApprovalProfile p, Committee w) {
        boolean[] in = new boolean[p.numCandidates()];
        for (int c : w.members()) in[c] = true;
        return in;
    }

    // ---------------------------------------------------------------- additive rules: AV and SAV

    /** Approval Voting: the k candidates with the most (weighted) approvals. */
    static final class Av implements CommitteeRule {
        @Override public String id() { return "av"; }
        @Override public String description() { return "Approval Voting: the k candidates approved by the most (weighted) voters."; }
        @Override public String citation() { return "Lackner and Skowron, Multi-Winner Voting with Approval Preferences, Springer 2023, Sect. 2.2"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            Rational[] scores = new Rational[p.numCandidates()];
            for (int c = 0; c < scores.length; c++) {
                long s = 0;
                for (int v : p.approversView(c)) s += p.scaledWeight(v);
                scores[c] = p.unscale(Rational.of(s));
            }
            return additive(p, k, resolute, id(), scores, "sum of the members' approval scores");
        }
    }

    /** Satisfaction Approval Voting: each voter splits one unit of weight equally among the candidates it approves. */
    static final class Sav implements CommitteeRule {
        @Override public String id() { return "sav"; }
        @Override public String description() { return "Satisfaction Approval Voting: each voter splits its weight equally among its approved candidates; the k highest totals win."; }
        @Override public String citation() { return "S. J. Brams, D. M. Kilgour, Satisfaction approval voting, in Voting Power and Procedures, Springer 2014"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            int m = p.numCandidates();
            // total scaled weight of the voters approving c, grouped by ballot size
            Rational[] scores = new Rational[m];
            int[][] approvals = p.approvalsView();
            for (int c = 0; c < m; c++) {
                var bySize = new java.util.TreeMap<Integer, Long>();
                for (int v : p.approversView(c)) bySize.merge(approvals[v].length, p.scaledWeight(v), Long::sum);
                Rational s = Rational.ZERO;
                for (var e : bySize.entrySet()) s = s.add(Rational.of(e.getValue(), e.getKey()));
                scores[c] = p.unscale(s);
            }
            return additive(p, k, resolute, id(), scores, "sum of the members' SAV scores");
        }
    }

    static CommitteeResult additive(ApprovalProfile p, int k, boolean resolute, String id, Rational[] scores, String objective) {
        int m = scores.length;
        Integer[] order = new Integer[m];
        for (int c = 0; c < m; c++) order[c] = c;
        Arrays.sort(order, Comparator.<Integer, Rational>comparing(c -> scores[c]).reversed().thenComparing(c -> c));
        Rational threshold = scores[order[k - 1]];
        var above = new ArrayList<Integer>();
        var tied = new ArrayList<Integer>();
        for (int c = 0; c < m; c++) {
            int cmp = scores[c].compareTo(threshold);
            if (cmp > 0) above.add(c);
            else if (cmp == 0) tied.add(c);
        }
        int need = k - above.size();
        var committees = new ArrayList<Committee>();
        if (resolute) {
            var members = new ArrayList<>(above);
            members.addAll(tied.subList(0, need));
            committees.add(Committee.of(members));
        } else {
            if (binomial(tied.size(), need).compareTo(BigInteger.valueOf(MAX_COMMITTEES)) > 0) {
                throw new CommitteeLimitException(id + ": " + tied.size() + " candidates tie for " + need + " seats, more than "
                        + MAX_COMMITTEES + " tied committees; use the resolute mode");
            }
            for (int[] pick : combinations(tied.size(), need)) {
                var members = new ArrayList<>(above);
                for (int i : pick) members.add(tied.get(i));
                committees.add(Committee.of(members));
            }
            committees.sort(null);
        }
        Rational best = Rational.ZERO;
        for (int i = 0; i < k; i++) best = best.add(scores[order[i]]);
        var cs = new LinkedHashMap<String, String>();
        for (int c = 0; c < m; c++) cs.put(p.name(c), scores[c].toString());
        return new CommitteeResult(id, k, resolute, committees, new CommitteeResult.Explanation(
                "exact: sort candidates by score; every committee of the top scorers, with all ways to fill the tied places",
                "resolute: the lexicographically smallest optimal committee (smallest candidate numbers among the tied)",
                objective, best.toString(), cs, null, null, null, null));
    }

    // ---------------------------------------------------------------- optimal Thiele committees: PAV and CC

    /** An optimisation Thiele rule (PAV or CC) computed by branch and bound, returning every optimal committee. */
    static final class Optimal implements CommitteeRule {
        private final Kind kind;

        Optimal(Kind kind) { this.kind = kind; }

        @Override public String id() { return kind == Kind.PAV ? "pav" : "cc"; }

        @Override
        public String description() {
            return kind == Kind.PAV
                    ? "Proportional Approval Voting: committees maximising the sum over voters of 1 + 1/2 + ... + 1/|A_i ∩ W|."
                    : "Approval Chamberlin-Courant: committees maximising the (weighted) number of voters with at least one approved member.";
        }

        @Override
        public String citation() {
            return kind == Kind.PAV
                    ? "T. N. Thiele, Om Flerfoldsvalg, 1895; Lackner and Skowron, Multi-Winner Voting with Approval Preferences, Springer 2023"
                    : "J. R. Chamberlin, P. N. Courant, Representative deliberations and representative decisions, APSR 77(3), 1983";
        }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            var search = new BranchAndBound(p, k, kind, id());
            search.run();
            List<Committee> all = search.optima;
            List<Committee> committees = resolute ? List.of(all.get(0)) : all;
            return new CommitteeResult(id(), k, resolute, committees, new CommitteeResult.Explanation(
                    "exact branch and bound over include/exclude decisions (candidates by approval score), bounded by the "
                            + "k - |S| largest marginal gains (valid as Thiele scores are submodular), integer arithmetic scaled by "
                            + search.scale + "; started from the seq-" + id().toUpperCase() + " score; " + search.nodes + " nodes",
                    "resolute: the lexicographically smallest optimal committee",
                    kind.scoreName, search.bestScore().toString(), null, null, null, null, null));
        }
    }

    /** Exhaustive branch and bound for all optimal committees of a Thiele method, in scaled integer arithmetic. */
    static final class BranchAndBound {
        final ApprovalProfile p;
        final int k;
        final String id;
        final long[] f;           // f[j] = w(j) * L, j = 1..k
        final long scale;         // L
        final int[] order;
        final int[] cnt;
        final int[] chosen;
        long best;
        long nodes;
        final List<int[]> found = new ArrayList<>();
        List<Committee> optima;

        BranchAndBound(ApprovalProfile p, int k, Kind kind, String id) {
            this.p = p;
            this.k = k;
            this.id = id;
            long l = 1;
            if (kind == Kind.PAV) {
                try {
                    for (int j = 2; j <= k; j++) l = Math.multiplyExact(l / gcd(l, j), j);
                    Math.multiplyExact(Math.multiplyExact(p.totalScaledWeight(), l), (long) k);
                } catch (ArithmeticException e) {
                    throw new CommitteeLimitException(id + ": committee size " + k + " with total weight " + p.totalWeight()
                            + " is beyond exact 64-bit PAV scores here (the product of the total scaled weight, lcm(1..k) and k must stay below 2^63)");
                }
            }
            this.scale = l;
            this.f = new long[k + 1];
            for (int j = 1; j <= k; j++) f[j] = kind.weight(j).multiply(Rational.of(l)).longValue();
            int m = p.numCandidates();
            long[] av = new long[m];
            for (int c = 0; c < m; c++) for (int v : p.approversView(c)) av[c] += p.scaledWeight(v);
            this.order = java.util.stream.IntStream.range(0, m).boxed()
                    .sorted(Comparator.<Integer>comparingLong(c -> -av[c]).thenComparing(c -> c))
                    .mapToInt(Integer::intValue).toArray();
            this.cnt = new int[p.numVoters()];
            this.chosen = new int[k];
        }

        Rational bestScore() {
            return p.unscale(Rational.of(BigInteger.valueOf(best), BigInteger.valueOf(scale)));
        }

        void run() {
            best = greedy();
            dfs(0, 0, 0);
            var set = new TreeSet<Committee>();
            for (int[] c : found) set.add(Committee.of(c));
            optima = List.copyOf(set);
        }

        /** The seq-Thiele score, a lower bound on the optimum that lets the search prune from the start. */
        private long greedy() {
            int m = p.numCandidates();
            boolean[] in = new boolean[m];
            int[] c2 = new int[p.numVoters()];
            long score = 0;
            for (int r = 0; r < k; r++) {
                long bestGain = -1;
                int bestC = -1;
                for (int c = 0; c < m; c++) {
                    if (in[c]) continue;
                    long g = 0;
                    for (int v : p.approversView(c)) g += p.scaledWeight(v) * f[c2[v] + 1];
                    if (g > bestGain) { bestGain = g; bestC = c; }
                }
                in[bestC] = true;
                for (int v : p.approversView(bestC)) c2[v]++;
                score += bestGain;
            }
            return score;
        }

        private void dfs(int pos, int size, long score) {
            if (++nodes > MAX_NODES) {
                throw new CommitteeLimitException(id + ": branch and bound visited more than " + MAX_NODES + " nodes ("
                        + p.numCandidates() + " candidates, committee size " + k + "); this instance is beyond the exact search here");
            }
            if (size == k) {
                if (score > best) {
                    best = score;
                    found.clear();
                }
                if (score == best) {
                    if (found.size() >= MAX_COMMITTEES) {
                        throw new CommitteeLimitException(id + ": more than " + MAX_COMMITTEES + " optimal committees");
                    }
                    found.add(Arrays.copyOf(chosen, k));
                }
                return;
            }
            int m = order.length;
            int r = k - size;
            if (m - pos < r) return;
            long[] gains = new long[m - pos];
            for (int i = pos; i < m; i++) {
                long g = 0;
                for (int v : p.approversView(order[i])) g += p.scaledWeight(v) * f[cnt[v] + 1];
                gains[i - pos] = g;
            }
            long includeGain = gains[0];
            long[] sorted = gains.clone();
            Arrays.sort(sorted);
            long bound = 0;
            for (int i = 0; i < r; i++) bound += sorted[sorted.length - 1 - i];
            if (score + bound < best) return;
            int c = order[pos];
            for (int v : p.approversView(c)) cnt[v]++;
            chosen[size] = c;
            dfs(pos + 1, size + 1, score + includeGain);
            for (int v : p.approversView(c)) cnt[v]--;
            dfs(pos + 1, size, score);
        }
    }

    // ---------------------------------------------------------------- sequential rules

    /** A state of a sequential Thiele rule: the committee so far, as a sorted set. */
    record SeqState(TreeSet<Integer> members) { }

    /** seq-PAV / seq-CC: start empty; repeatedly add a candidate with the largest marginal Thiele score. */
    static final class Sequential implements CommitteeRule {
        private final Kind kind;

        Sequential(Kind kind) { this.kind = kind; }

        @Override public String id() { return kind == Kind.PAV ? "seq-pav" : "seq-cc"; }

        @Override
        public String description() {
            return "Sequential " + (kind == Kind.PAV ? "PAV" : "Chamberlin-Courant")
                    + ": start empty and repeatedly add the candidate whose addition raises the " + kind.scoreName + " the most.";
        }

        @Override
        public String citation() {
            return "T. N. Thiele, Om Flerfoldsvalg, 1895; Lackner and Skowron, Multi-Winner Voting with Approval Preferences, Springer 2023, Sect. 2.3";
        }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            var process = new Branching.Process<SeqState>() {
                @Override public boolean done(SeqState s) { return s.members().size() == k; }

                @Override
                public Branching.Options options(SeqState s) {
                    int[] cnt = counts(p, s.members());
                    var values = new LinkedHashMap<Integer, Rational>();
                    Rational best = null;
                    for (int c = 0; c < p.numCandidates(); c++) {
                        if (s.members().contains(c)) continue;
                        Rational g = marginal(p, c, cnt, kind, 1);
                        values.put(c, g);
                        if (best == null || g.compareTo(best) > 0) best = g;
                    }
                    final Rational b = best;
                    var tied = values.entrySet().stream().filter(e -> e.getValue().equals(b)).map(java.util.Map.Entry::getKey).toList();
                    return new Branching.Options("marginal " + kind.scoreName, values, tied);
                }

                @Override
                public SeqState apply(SeqState s, int c) {
                    var next = new TreeSet<>(s.members());
                    next.add(c);
                    return new SeqState(next);
                }

                @Override public Committee committee(SeqState s) { return Committee.of(s.members()); }

                @Override public Object key(SeqState s) { return s.members(); }
            };
            return sequentialResult(p, k, resolute, id(), kind, new SeqState(new TreeSet<>()), process,
                    tied -> tied.get(0), "resolute: in each round the smallest-numbered of the tied candidates is added");
        }
    }

    /** revseq-PAV: start with all candidates; repeatedly remove one whose removal lowers the PAV score the least. */
    static final class ReverseSequential implements CommitteeRule {
        @Override public String id() { return "revseq-pav"; }
        @Override public String description() { return "Reverse sequential PAV: start with all candidates and repeatedly remove the one whose removal lowers the PAV score the least."; }
        @Override public String citation() { return "T. N. Thiele, Om Flerfoldsvalg, 1895; Lackner and Skowron, Multi-Winner Voting with Approval Preferences, Springer 2023, Sect. 2.3"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            var all = new TreeSet<Integer>();
            for (int c = 0; c < p.numCandidates(); c++) all.add(c);
            var process = new Branching.Process<SeqState>() {
                @Override public boolean done(SeqState s) { return s.members().size() == k; }

                @Override
                public Branching.Options options(SeqState s) {
                    int[] cnt = counts(p, s.members());
                    var values = new LinkedHashMap<Integer, Rational>();
                    Rational best = null;
                    for (int c : s.members()) {
                        Rational loss = marginal(p, c, cnt, Kind.PAV, 0);
                        values.put(c, loss);
                        if (best == null || loss.compareTo(best) < 0) best = loss;
                    }
                    final Rational b = best;
                    var tied = values.entrySet().stream().filter(e -> e.getValue().equals(b)).map(java.util.Map.Entry::getKey).toList();
                    return new Branching.Options("PAV score lost by removing", values, tied);
                }

                @Override
                public SeqState apply(SeqState s, int c) {
                    var next = new TreeSet<>(s.members());
                    next.remove(c);
                    return new SeqState(next);
                }

                @Override public Committee committee(SeqState s) { return Committee.of(s.members()); }

                @Override public Object key(SeqState s) { return s.members(); }
            };
            return sequentialResult(p, k, resolute, id(), Kind.PAV, new SeqState(all), process,
                    tied -> tied.get(tied.size() - 1), "resolute: in each round the largest-numbered of the tied candidates is removed");
        }
    }

    static int[] counts(ApprovalProfile p, java.util.Set<Integer> members) {
        int[] cnt = new int[p.numVoters()];
        for (int c : members) for (int v : p.approversView(c)) cnt[v]++;
        return cnt;
    }

    /**
     * The exact Thiele value of candidate c to its approvers: the sum of weight_v * w(cnt_v + offset). offset 1 gives
     * the gain of adding c (cnt excludes c); offset 0 the loss of removing it (cnt includes c).
     */
    static Rational marginal(ApprovalProfile p, int c, int[] cnt, Kind kind, int offset) {
        long[] byCount = new long[p.numCandidates() + 2];
        int max = 0;
        for (int v : p.approversView(c)) {
            int j = cnt[v] + offset;
            byCount[j] += p.scaledWeight(v);
            if (j > max) max = j;
        }
        Rational g = Rational.ZERO;
        for (int j = 1; j <= max; j++) {
            if (byCount[j] == 0) continue;
            Rational w = kind.weight(j);
            if (w.signum() != 0) g = g.add(w.multiply(byCount[j]));
        }
        return p.unscale(g);
    }

    static <S> CommitteeResult sequentialResult(ApprovalProfile p, int k, boolean resolute, String id, Kind kind, S start,
                                                Branching.Process<S> process, Branching.TieBreak tieBreak, String tieRule) {
        var path = Branching.resolute(p, start, process, tieBreak);
        Committee first = process.committee(path.end());
        List<Committee> committees = resolute ? List.of(first) : Branching.all(start, process, id);
        return new CommitteeResult(id, k, resolute, committees, new CommitteeResult.Explanation(
                "sequential, exact rational arithmetic" + (resolute ? "" : "; irresolute: every committee reachable by some tie-breaking in each round"),
                tieRule + "; the rounds shown follow that path", null, score(p, first, kind).toString(), null, path.rounds(), null, null,
                "optimalScore is the " + kind.scoreName + " of the committee on the resolute path"));
    }

    // ---------------------------------------------------------------- combinatorics

    static long gcd(long a, long b) {
        while (b != 0) { long t = a % b; a = b; b = t; }
        return a;
    }

    static BigInteger binomial(int n, int r) {
        if (r < 0 || r > n) return BigInteger.ZERO;
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < r; i++) b = b.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        return b;
    }

    /** All r-subsets of 0..n-1 as ascending index arrays, in lexicographic order. */
    static List<int[]> combinations(int n, int r) {
        var out = new ArrayList<int[]>();
        int[] idx = new int[r];
        for (int i = 0; i < r; i++) idx[i] = i;
        if (r > n) return out;
        while (true) {
            out.add(idx.clone());
            int i = r - 1;
            while (i >= 0 && idx[i] == n - r + i) i--;
            if (i < 0) return out;
            idx[i]++;
            for (int j = i + 1; j < r; j++) idx[j] = idx[j - 1] + 1;
        }
    }
}
