package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * Phragmén's rules: sequential Phragmén (each elected candidate is one unit of load shared by its approvers; add
 * the candidate that keeps the largest load smallest) and minimax-Phragmén (committees whose best load distribution
 * has the smallest maximal load).
 *
 * <p>Loads are per unit of voter weight: a voter of weight w carrying load x has paid w * x.
 */
public final class PhragmenRules {
    /*
     * [1] E. Phragmén. "Sur une méthode nouvelle pour réaliser, dans les élections, la représentation
     *     proportionnelle des partis." Öfversigt af Kongl. Vetenskaps-Akademiens Förhandlingar, 1894.
     * [2] M. Brill, R. Freeman, S. Janson, M. Lackner. "Phragmén's voting methods and justified representation."
     *     AAAI 2017; Mathematical Programming 203, 2024.
     * [3] M. Lackner, P. Skowron. "Multi-Winner Voting with Approval Preferences." Springer, 2023, Sect. 2.4.
     */

    /** The largest C(m, k) * 2^k minimax-Phragmén enumerates. */
    static final long MINIMAX_LIMIT = 50_000_000L;

    private PhragmenRules() { }

    /**
     * A state of seq-Phragmén: the committee so far and each voter's load (per unit of scaled weight). Voters with
     * equal loads share a class; class loads are exact.
     */
    record LoadState(TreeSet<Integer> members, int[] voterClass, List<Rational> classLoad, long[][] weightByClass) {
        /** A state with {@code weightByClass[c][class]} (the scaled weight of c's approvers in each class) computed. */
        static LoadState of(ApprovalProfile p, TreeSet<Integer> members, int[] voterClass, List<Rational> classLoad) {
            long[][] w = new long[p.numCandidates()][classLoad.size()];
            for (int c = 0; c < w.length; c++) for (int v : p.approversView(c)) w[c][voterClass[v]] += p.scaledWeight(v);
            return new LoadState(members, voterClass, classLoad, w);
        }

        Object key() {
            var loads = new ArrayList<Rational>(voterClass.length);
            for (int c : voterClass) loads.add(classLoad.get(c));
            return List.of(members, loads);
        }
    }

    static LoadState emptyLoads(ApprovalProfile p) {
        return LoadState.of(p, new TreeSet<>(), new int[p.numVoters()], List.of(Rational.ZERO));
    }

    /** The seq-Phragmén process from any starting loads (used on its own, and as Equal Shares' completion). */
    static Branching.Process<LoadState> process(ApprovalProfile p, int k) {
        int m = p.numCandidates();
        long[] approverWeight = new long[m];
        for (int c = 0; c < m; c++) for (int v : p.approversView(c)) approverWeight[c] += p.scaledWeight(v);
        Rational scale = Rational.of(p.weightScale(), BigInteger.ONE);
        return new Branching.Process<>() {
            @Override public boolean done(LoadState s) { return s.members().size() == k; }

            @Override
            public Branching.Options options(LoadState s) {
                Rational[] newLoad = newLoads(p, s, approverWeight);
                var values = new LinkedHashMap<Integer, Rational>();
                Rational best = null;
                for (int c = 0; c < m; c++) {
                    if (s.members().contains(c) || newLoad[c] == null) continue;
                    values.put(c, newLoad[c].multiply(scale));
                    if (best == null || newLoad[c].compareTo(best) < 0) best = newLoad[c];
                }
                var tied = new ArrayList<Integer>();
                for (int c = 0; c < m; c++) {
                    if (s.members().contains(c)) continue;
                    // candidates nobody approves come last: they tie among themselves once no approved one is left
                    if (best == null ? newLoad[c] == null : best.equals(newLoad[c])) tied.add(c);
                }
                return new Branching.Options("new maximal load (per unit of weight)", values, tied);
            }

            @Override
            public LoadState apply(LoadState s, int c) {
                var members = new TreeSet<>(s.members());
                members.add(c);
                if (approverWeight[c] == 0) return new LoadState(members, s.voterClass(), s.classLoad(), s.weightByClass());
                Rational load = newLoad(s, c, approverWeight[c]);
                var classes = new ArrayList<>(s.classLoad());
                int id = classes.size();
                classes.add(load);
                int[] vc = s.voterClass().clone();
                long[][] w = new long[m][];
                for (int d = 0; d < m; d++) w[d] = Arrays.copyOf(s.weightByClass()[d], id + 1);
                int[][] approvals = p.approvalsView();
                for (int v : p.approversView(c)) {
                    int old = vc[v];
                    long wv = p.scaledWeight(v);
                    for (int d : approvals[v]) {
                        w[d][old] -= wv;
                        w[d][id] += wv;
                    }
                    vc[v] = id;
                }
                return compact(members, vc, classes, w);
            }

            @Override public Committee committee(LoadState s) { return Committee.of(s.members()); }

            @Override public Object key(LoadState s) { return s.key(); }
        };
    }

    /** Drops classes no voter is in (keeps class numbers small over many rounds). */
    static LoadState compact(TreeSet<Integer> members, int[] vc, List<Rational> classes, long[][] w) {
        int[] remap = new int[classes.size()];
        Arrays.fill(remap, -1);
        var kept = new ArrayList<Rational>();
        for (int i = 0; i < vc.length; i++) {
            int c = vc[i];
            if (remap[c] < 0) { remap[c] = kept.size(); kept.add(classes.get(c)); }
            vc[i] = remap[c];
        }
        if (kept.size() == classes.size()) {
            boolean identity = true;
            for (int i = 0; i < remap.length; i++) identity &= remap[i] == i;
            if (identity) return new LoadState(members, vc, kept, w);
        }
        long[][] out = new long[w.length][kept.size()];
        for (int d = 0; d < w.length; d++) for (int i = 0; i < remap.length; i++) if (remap[i] >= 0) out[d][remap[i]] += w[d][i];
        if (kept.isEmpty()) kept.add(Rational.ZERO);
        return new LoadState(members, vc, kept, kept.size() == out[0].length ? out : widen(out, kept.size()));
    }

    private static long[][] widen(long[][] w, int size) {
        long[][] out = new long[w.length][];
        for (int d = 0; d < w.length; d++) out[d] = Arrays.copyOf(w[d], size);
        return out;
    }

    /**
     * For every candidate: (1 + the load its approvers carry) / their weight, or null when nobody approves it.
     * Uses the per-candidate class weights kept in the state (updated in apply by moving only the elected
     * candidate's approvers), and brings class loads to one common denominator, so the sums need no gcd (loads'
     * denominators grow round by round).
     */
    static Rational[] newLoads(ApprovalProfile p, LoadState s, long[] approverWeight) {
        int m = p.numCandidates();
        Rational[] out = new Rational[m];
        List<Rational> loads = s.classLoad();
        BigInteger common = BigInteger.ONE;
        for (Rational l : loads) common = common.divide(common.gcd(l.denominator())).multiply(l.denominator());
        BigInteger[] num = new BigInteger[loads.size()];
        for (int i = 0; i < num.length; i++) num[i] = loads.get(i).numerator().multiply(common.divide(loads.get(i).denominator()));
        for (int c = 0; c < m; c++) {
            if (approverWeight[c] == 0 || s.members().contains(c)) continue;
            long[] w = s.weightByClass()[c];
            BigInteger sum = common;
            for (int cl = 0; cl < num.length; cl++) {
                if (w[cl] != 0 && num[cl].signum() != 0) sum = sum.add(num[cl].multiply(BigInteger.valueOf(w[cl])));
            }
            out[c] = Rational.of(sum, common.multiply(BigInteger.valueOf(approverWeight[c])));
        }
        return out;
    }

    static Rational newLoad(LoadState s, int c, long approverWeight) {
        long[] w = s.weightByClass()[c];
        Rational sum = Rational.ONE;
        for (int cl = 0; cl < w.length; cl++) if (w[cl] != 0) sum = sum.add(s.classLoad().get(cl).multiply(w[cl]));
        return sum.divide(Rational.of(approverWeight));
    }

    /** The voters' loads grouped by value, per unit of real weight, with each group's total real weight. */
    static List<CommitteeResult.Share> loadShares(ApprovalProfile p, LoadState s) {
        long[] byClass = new long[s.classLoad().size()];
        for (int v = 0; v < p.numVoters(); v++) byClass[s.voterClass()[v]] += p.scaledWeight(v);
        var byLoad = new TreeMap<Rational, Long>();
        for (int cl = 0; cl < byClass.length; cl++) if (byClass[cl] != 0) byLoad.merge(s.classLoad().get(cl), byClass[cl], Long::sum);
        Rational scale = Rational.of(p.weightScale(), BigInteger.ONE);
        var out = new ArrayList<CommitteeResult.Share>();
        byLoad.descendingMap().forEach((l, w) -> out.add(new CommitteeResult.Share(l.multiply(scale).toString(), p.unscale(Rational.of(w)).toString())));
        return out;
    }

    /** Sequential Phragmén. */
    static final class Sequential implements CommitteeRule {
        @Override public String id() { return "seq-phragmen"; }
        @Override public String description() { return "Sequential Phragmén: each member is one unit of load shared by its approvers; repeatedly add the candidate that minimises the largest load."; }
        @Override public String citation() { return "E. Phragmén, Öfversigt af Kongl. Vetenskaps-Akademiens Förhandlingar, 1894; Brill, Freeman, Janson, Lackner, AAAI 2017"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            var process = process(p, k);
            LoadState start = emptyLoads(p);
            var path = Branching.resolute(p, start, process, tied -> tied.get(0));
            List<Committee> committees = resolute ? List.of(process.committee(path.end())) : Branching.all(start, process, id());
            return new CommitteeResult(id(), k, resolute, committees, new CommitteeResult.Explanation(
                    "sequential, exact rational loads" + (resolute ? "" : "; irresolute: every committee reachable by some tie-breaking in each round"),
                    "resolute: in each round the smallest-numbered of the candidates tied for the smallest new maximal load; the rounds shown follow that path",
                    null, maxLoad(p, path.end()), null, path.rounds(), loadShares(p, path.end()), null,
                    "optimalScore is the largest final load on the resolute path; candidates nobody approves are added last (as having an infinite load)"));
        }
    }

    static String maxLoad(ApprovalProfile p, LoadState s) {
        Rational max = Rational.ZERO;
        for (Rational l : s.classLoad()) max = max.max(l);
        return max.multiply(Rational.of(p.weightScale(), BigInteger.ONE)).toString();
    }

    // ---------------------------------------------------------------- minimax-Phragmén

    /**
     * Minimax-Phragmén: the committees whose members' unit loads can be spread over their approvers with the
     * smallest possible maximal load per unit of weight.
     *
     * <p>For a fixed committee W the smallest maximal load is max over nonempty S ⊆ W of |S| / w(N(S)), N(S) the
     * voters approving some member of S (the supply-demand form of Hall's theorem for fractional assignments), so
     * the rule is computed exactly by enumerating committees and their subsets.
     */
    static final class Minimax implements CommitteeRule {
        @Override public String id() { return "minimax-phragmen"; }
        @Override public String description() { return "Minimax-Phragmén: committees whose unit loads can be distributed among their approvers with the smallest maximal voter load."; }
        @Override public String citation() { return "E. Phragmén 1894; Brill, Freeman, Janson, Lackner, Phragmén's voting methods and justified representation, AAAI 2017"; }

        @Override
        public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
            int m = p.numCandidates();
            var approved = new ArrayList<Integer>();
            var unapproved = new ArrayList<Integer>();
            for (int c = 0; c < m; c++) (p.approversView(c).length > 0 ? approved : unapproved).add(c);
            String note = null;
            List<Committee> committees;
            long[] bestNum = {Long.MAX_VALUE};
            long[] bestDen = {1};
            int[] critical = null;
            if (approved.size() < k) {
                // every committee must take unapproved members; the rule then takes all approved candidates and
                // any unapproved ones, and the load is that of the approved part
                note = "fewer than k candidates are approved: every winning committee contains all " + approved.size()
                        + " approved candidates plus any of the others; the load is that of the approved members";
                int need = k - approved.size();
                if (ThieleRules.binomial(unapproved.size(), need).compareTo(BigInteger.valueOf(ThieleRules.MAX_COMMITTEES)) > 0) {
                    throw new CommitteeLimitException(id() + ": more than " + ThieleRules.MAX_COMMITTEES + " tied committees");
                }
                var list = new ArrayList<Committee>();
                for (int[] pick : ThieleRules.combinations(unapproved.size(), need)) {
                    var mem = new ArrayList<>(approved);
                    for (int i : pick) mem.add(unapproved.get(i));
                    list.add(Committee.of(mem));
                }
                list.sort(null);
                committees = list;
                long[] nd = minimaxLoad(p, approved.stream().mapToInt(Integer::intValue).toArray(), null);
                bestNum[0] = nd[0];
                bestDen[0] = nd[1];
            } else {
                BigInteger work = ThieleRules.binomial(approved.size(), k).shiftLeft(k);
                if (work.compareTo(BigInteger.valueOf(MINIMAX_LIMIT)) > 0 || k > 30) {
                    throw new CommitteeLimitException(id() + ": exact minimax-Phragmén enumerates C(a, k) * 2^k subsets (a = "
                            + approved.size() + " approved candidates, k = " + k + ": " + work + "), more than the limit " + MINIMAX_LIMIT);
                }
                var best = new ArrayList<Committee>();
                int[][] crit = new int[1][];
                for (int[] pick : ThieleRules.combinations(approved.size(), k)) {
                    int[] w = new int[k];
                    for (int i = 0; i < k; i++) w[i] = approved.get(pick[i]);
                    int[][] critHere = new int[1][];
                    long[] nd = minimaxLoad(p, w, critHere);
                    // compare nd[0]/nd[1] with best
                    int cmp = Long.compare(nd[0] * bestDen[0], bestNum[0] == Long.MAX_VALUE ? Long.MAX_VALUE : bestNum[0] * nd[1]);
                    if (bestNum[0] == Long.MAX_VALUE || cmp < 0) {
                        bestNum[0] = nd[0];
                        bestDen[0] = nd[1];
                        best.clear();
                        crit[0] = critHere[0];
                    }
                    if (Long.compare(nd[0] * bestDen[0], bestNum[0] * nd[1]) == 0) best.add(Committee.of(w));
                }
                best.sort(null);
                committees = best;
                critical = crit[0];
            }
            Rational opt = Rational.of(BigInteger.valueOf(bestNum[0]).multiply(p.weightScale()), BigInteger.valueOf(bestDen[0]));
            if (critical != null) {
                note = "in the first optimal committee the binding group is " + Arrays.stream(critical).mapToObj(p::name).toList()
                        + ": its members' loads can only be spread over the voters approving one of them";
            }
            return new CommitteeResult(id(), k, resolute, resolute ? List.of(committees.get(0)) : committees,
                    new CommitteeResult.Explanation(
                            "exact: every committee of approved candidates, each scored by max over member subsets S of |S| / w(N(S))",
                            "resolute: the lexicographically smallest optimal committee",
                            "largest voter load (per unit of weight), minimised", opt.toString(), null, null, null, null, note));
        }
    }

    /**
     * The smallest maximal load for committee w (all members approved): {numerator, denominator} of
     * max_S |S| / W(N(S)) in scaled weights. Fills critical[0] with a maximising S when critical is given.
     */
    static long[] minimaxLoad(ApprovalProfile p, int[] w, int[][] critical) {
        int k = w.length;
        int words = (p.numVoters() + 63) >>> 6;
        long[][] union = new long[1 << k][];
        long[] unionWeight = new long[1 << k];
        union[0] = new long[words];
        long bestNum = 0;
        long bestDen = 1;
        int bestMask = 0;
        boolean unit = p.hasUnitWeights();
        for (int mask = 1; mask < (1 << k); mask++) {
            int low = Integer.numberOfTrailingZeros(mask);
            long[] prev = union[mask & (mask - 1)];
            long[] u = prev.clone();
            for (int v : p.approversView(w[low])) u[v >>> 6] |= 1L << (v & 63);
            union[mask] = u;
            long weight = 0;
            if (unit) {
                for (long word : u) weight += Long.bitCount(word);
                weight *= p.scaledWeight(0);
            } else {
                for (int i = 0; i < words; i++) {
                    long word = u[i];
                    while (word != 0) {
                        int b = Long.numberOfTrailingZeros(word);
                        weight += p.scaledWeight((i << 6) + b);
                        word &= word - 1;
                    }
                }
            }
            unionWeight[mask] = weight;
            long size = Integer.bitCount(mask);
            if (size * bestDen > bestNum * weight) {
                bestNum = size;
                bestDen = weight;
                bestMask = mask;
            }
        }
        if (critical != null) {
            final int bm = bestMask;
            critical[0] = java.util.stream.IntStream.range(0, k).filter(i -> (bm >> i & 1) == 1).map(i -> w[i]).toArray();
        }
        long g = ThieleRules.gcd(bestNum, bestDen);
        return new long[] {bestNum / g, bestDen / g};
    }
}
