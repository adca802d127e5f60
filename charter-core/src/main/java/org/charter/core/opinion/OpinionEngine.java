package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.assembly.VoteValue;
import org.charter.core.opinion.OpinionMap.ConstitutionCandidate;
import org.charter.core.opinion.OpinionMap.Consensus;
import org.charter.core.opinion.OpinionMap.ConsensusStatement;
import org.charter.core.opinion.OpinionMap.Group;
import org.charter.core.opinion.OpinionMap.GroupChoice;
import org.charter.core.opinion.OpinionMap.PcaView;
import org.charter.core.opinion.OpinionMap.Repness;
import org.charter.core.opinion.OpinionMap.Stability;
import org.charter.core.opinion.OpinionMap.Uncertain;

/**
 * Computes the opinion map of an assembly as Polis does — vote matrix, PCA, who is clustered, base clusters, groups
 * chosen by silhouette, representative statements, consensus, group-aware consensus, priorities — and, beyond Polis,
 * group stability by bootstrap, a history-free choice of the number of groups, nearest-participant imputation and
 * OSCCAI's constitution candidates. A pure function of its input and options.
 */
public final class OpinionEngine {
    /*
     * [1] C. Small, M. Bjorkegren, T. Erkkilä, L. Shaw, C. Megill, "Polis: Scaling deliberation by mapping high
     *     dimensional opinion spaces", Recerca 26(2), 2021; Polis's math (conversation.clj, pca.clj, clusters.clj,
     *     repness.clj), read for behaviour (see ../shared/docs/POLIS-MATH.md).
     * [2] Collective Intelligence Project and Anthropic, "Collective Constitutional AI" (2023) and CIP's OSCCAI
     *     (open-source CCAI) pipeline: nearest-participant imputation, participation-weighted group-aware consensus
     *     and its size-dependent threshold.
     * [3] L. Hubert, P. Arabie, "Comparing partitions", J. Classification 2, 1985 (adjusted Rand index).
     */
    private OpinionEngine() { }

    /** One-sided 90% critical value of the standard normal, Polis's significance threshold. */
    static final double Z90 = 1.2816;
    static final int BASE_CLUSTERS = 100;
    static final int MAX_GROUPS = 5;
    static final double META_PRIORITY = 49;
    /** Bounded work for an update from a previous map: PCA iterations and base k-means iterations. */
    static final int UPDATE_PCA_ITERATIONS = 1;
    static final int UPDATE_KMEANS_ITERATIONS = 10;
    /** From this many votes on, an update from a previous map does bounded work. */
    static final int LARGE_VOTES = 1_000_000;

    static boolean isLarge(Matrix mx) {
        return mx.col.length >= LARGE_VOTES;
    }

    public static OpinionMap compute(OpinionInput input, OpinionOptions options) {
        Matrix mx = Matrix.of(input);

        // PCA on the zeroed matrix, with the chosen imputation.
        Pca.Rows forPca = options.imputation() == OpinionOptions.Imputation.NEAREST
                ? Pca.Rows.dense(Imputer.nearest(mx.dense())) : mx.pcaRows();
        double[][] previousComps = options.previous() == null ? null : aligned(options.previous(), input.statements());
        // A full computation iterates to 1e-10. An update of a large conversation (see isLarge) from a previous map's
        // components does at most UPDATE_PCA_ITERATIONS iterations without oversampling (they are already close) and
        // records the change left; a small one is warm-started and still iterated to 1e-10 (it costs little).
        boolean bounded = previousComps != null && isLarge(mx);
        Pca.Result pca = bounded
                ? Pca.compute(forPca, options.components(), previousComps, 1e-10, UPDATE_PCA_ITERATIONS, 0)
                : Pca.compute(forPca, options.components(), previousComps, 1e-10);
        double[][] proj = projections(mx, pca);

        // Who is clustered, base clusters and groups (or the groups given), the tallies per group.
        List<Integer> inConvRows = inConv(mx, options.previous(), input);
        double[][] points = points(proj, inConvRows);
        var inConv = inConvRows.stream().map(input.participants()::get).toList();
        Clusters clusters = Clusters.of(points, inConv, options, input, bounded);
        Tallies tallies = Tallies.of(mx, input, clusters.groupOf());
        return assemble(mx, input, options, pca, proj, inConvRows, points, clusters, tallies);
    }

    /** The clustered participants' positions in the first two components, in the order of {@code inConvRows}. */
    static double[][] points(double[][] proj, List<Integer> inConvRows) {
        double[][] points = new double[inConvRows.size()][];
        for (int r = 0; r < points.length; r++) points[r] = first2(proj[inConvRows.get(r)]);
        return points;
    }

    /**
     * The map from its parts: what follows from the PCA, the clusters and the vote tallies per group (representative
     * statements, consensus, group-aware consensus, uncertainty, priorities, stability, constitution candidates).
     * Shared by a full computation and {@link OpinionState}'s updates, which keep the tallies between runs.
     */
    static OpinionMap assemble(Matrix mx, OpinionInput input, OpinionOptions options, Pca.Result pca, double[][] proj,
                               List<Integer> inConvRows, double[][] points, Clusters clusters, Tallies tallies) {
        int n = mx.n, m = mx.m;
        var participantProjection = new LinkedHashMap<Integer, double[]>();
        for (int i = 0; i < n; i++) participantProjection.put(input.participants().get(i), proj[i]);
        var commentProjection = new LinkedHashMap<Integer, double[]>();
        var extremity = new LinkedHashMap<Integer, Double>();
        for (int j = 0; j < m; j++) {
            double[] p = new double[pca.components().length];
            for (int c = 0; c < p.length; c++) p[c] = (-1 - pca.center()[j]) * pca.components()[c][j] * Math.sqrt(m);
            commentProjection.put(input.statements().get(j), p);
            extremity.put(input.statements().get(j), Pca.norm(p));
        }
        var pcaView = new PcaView(input.statements(), pca.center(), pca.components(), participantProjection, commentProjection, extremity,
                pca.iterations().length == 0 ? 0 : pca.iterations()[0], pca.lastChange());
        var inConv = inConvRows.stream().map(input.participants()::get).toList();

        var repness = repness(mx, input, tallies);
        var consensus = consensus(mx, input, tallies.all());
        var gac = groupAwareConsensus(mx, input, tallies);
        // Priorities count the clustered participants' votes; when the groups are our clustering of exactly them,
        // those counts are already in the tallies.
        var priorities = options.givenGroups() == null && !clusters.groups().isEmpty()
                ? priorities(mx, input, tallies.grouped(), extremity)
                : priorities(mx, input, inConvRows, extremity);
        var uncertain = uncertain(mx, input, tallies.all());
        Stability stability = options.bootstrap() > 0 && options.givenGroups() == null && clusters.groups().size() >= 2
                ? Clusters.stability(points, inConv, clusters, options, input) : null;
        var constitution = Osccai.candidates(mx, input, tallies);

        return new OpinionMap(n, m, inConv, pcaView, clusters.baseOf(), clusters.baseCenters(), clusters.groups(),
                clusters.choice(), clusters.subgroups(points, inConv), repness, consensus, gac, uncertain, priorities, stability, constitution);
    }

    /** The previous map's components re-indexed onto this input's statements (new statements start at 0). */
    private static double[][] aligned(OpinionMap previous, List<Integer> statements) {
        var index = new HashMap<Integer, Integer>();
        List<Integer> old = previous.pca().statements();
        for (int j = 0; j < old.size(); j++) index.put(old.get(j), j);
        double[][] comps = previous.pca().components();
        double[][] out = new double[comps.length][statements.size()];
        for (int c = 0; c < comps.length; c++) {
            for (int j = 0; j < statements.size(); j++) {
                Integer o = index.get(statements.get(j));
                out[c][j] = o == null ? 0 : comps[c][o];
            }
        }
        return out;
    }

    private static double[] first2(double[] p) {
        return p.length <= 2 ? p : new double[] {p[0], p[1]};
    }

    /** Participant positions: the sum over their votes of (vote - centre) x component, scaled by sqrt(m / votes). */
    static double[][] projections(Matrix mx, Pca.Result pca) {
        int k = pca.components().length;
        double[][] out = new double[mx.n][k];
        for (int i = 0; i < mx.n; i++) {
            double scale = Math.sqrt((double) mx.m / Math.max(mx.voted[i], 1));
            for (int c = 0; c < k; c++) {
                double s = 0;
                double[] comp = pca.components()[c];
                for (int q = mx.rowStart[i]; q < mx.rowStart[i + 1]; q++) {
                    int j = mx.col[q];
                    if (!mx.zeroedCol[j]) s += (mx.val[q] - pca.center()[j]) * comp[j];
                }
                out[i][c] = s * scale;
            }
        }
        return out;
    }

    /**
     * Polis's rule: a participant is clustered with at least min(7, statements) votes; if fewer than 15 qualify, the
     * most active are added up to 15; once in, always in. With the history of the assembly the rule is replayed as
     * votes and statements arrived, so that whoever ever qualified stays in, as in Polis; participants of a previous
     * map stay in as well.
     */
    static List<Integer> inConv(Matrix mx, OpinionMap previous, OpinionInput input) {
        var rowOf = new HashMap<Integer, Integer>();
        for (int i = 0; i < mx.n; i++) rowOf.put(input.participants().get(i), i);
        var rows = new TreeSet<Integer>();
        if (previous != null) for (int pid : previous.inConv()) if (rowOf.containsKey(pid)) rows.add(rowOf.get(pid));
        if (input.history() != null) replay(input, rowOf, rows);
        int need = Math.min(7, mx.m);
        for (int i = 0; i < mx.n; i++) if (mx.voted[i] >= need) rows.add(i);
        topUp(rows, mx.voted, mx.n);
        return new ArrayList<>(rows);
    }

    /** Adds the most active participants (ties to the earlier row) until 15 are in. */
    static void topUp(TreeSet<Integer> rows, int[] voted, int n) {
        if (rows.size() >= 15) return;
        var byActivity = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) if (voted[i] > 0 && !rows.contains(i)) byActivity.add(i);
        byActivity.sort(Comparator.comparingInt((Integer i) -> -voted[i]).thenComparingInt(i -> i));
        for (int i : byActivity) {
            if (rows.size() >= 15) break;
            rows.add(i);
        }
    }

    /** Replays the in-conv rule after every vote, counting distinct statements voted and statements then existing. */
    private static void replay(OpinionInput input, Map<Integer, Integer> rowOf, TreeSet<Integer> rows) {
        var history = input.history();
        long[] createdAt = input.statements().stream()
                .mapToLong(t -> history.statementCreated().getOrDefault(t, java.time.Instant.EPOCH).toEpochMilli()).sorted().toArray();
        int n = rowOf.size();
        int[] distinct = new int[n];
        var seen = new java.util.HashSet<Long>();
        int existing = 0;
        for (var e : history.votes()) {
            Integer row = rowOf.get(e.pid());
            if (row == null) continue;
            long at = e.at().toEpochMilli();
            while (existing < createdAt.length && createdAt[existing] <= at) existing++;
            if (!seen.add(((long) e.pid() << 32) | (e.tid() & 0xffffffffL))) continue;
            distinct[row]++;
            if (distinct[row] >= Math.min(7, Math.max(existing, 1))) rows.add(row);
            if (rows.size() < 15) topUp(rows, distinct, n);
        }
    }

    // ---- representative statements -------------------------------------------------------------------------------

    /** 2 sqrt(n+1) ((s+1)/(n+1) - 1/2): Polis's one-proportion test with a pseudocount. */
    static double propTest(int success, int n) {
        double s = success + 1, t = n + 1;
        return 2 * Math.sqrt(t) * (s / t - 0.5);
    }

    /** A two-proportion z-test of a group against the rest, +1 on every count (Polis's two-prop-test). */
    static double twoPropTest(int successIn, int successOut, int popIn, int popOut) {
        double s1 = successIn + 1, s2 = successOut + 1, n1 = popIn + 1, n2 = popOut + 1;
        double p1 = s1 / n1, p2 = s2 / n2, pHat = (s1 + s2) / (n1 + n2);
        if (pHat == 1) return 0;
        return (p1 - p2) / Math.sqrt(pHat * (1 - pHat) * (1 / n1 + 1 / n2));
    }

    private record Stat(int tid, int na, int nd, int ns, double pa, double pd, double pat, double pdt,
                        double ra, double rd, double rat, double rdt) {
        boolean agree() {
            return rat > rdt;
        }

        double metric() {
            return agree() ? ra * rat * pa * pat : rd * rdt * pd * pdt;
        }

        double agreeMetric() {
            return ra * rat * pa * pat;
        }

        boolean passes() {
            return (rat > Z90 && pat > Z90) || (rdt > Z90 && pdt > Z90);
        }

        /** Reported in the direction it represents (agree if rat > rdt), flagged when it is the best agreed one. */
        Repness finalized(boolean bestAgree) {
            if (agree()) return new Repness(tid, "agree", na, ns, pa, pat, ra, rat, bestAgree);
            return new Repness(tid, "disagree", nd, ns, pd, pdt, rd, rdt, bestAgree);
        }
    }

    static Map<Integer, List<Repness>> repness(Matrix mx, OpinionInput input, Tallies tallies) {
        var out = new TreeMap<Integer, List<Repness>>();
        for (var entry : tallies.byGroup().entrySet()) {
            var stats = new ArrayList<Stat>();
            ColumnCounts in = entry.getValue(), all = tallies.grouped();
            for (int j = 0; j < mx.m; j++) {
                int tid = input.statements().get(j);
                if (mx.zeroedCol[j]) continue;
                int na = in.na[j], nd = in.nd[j], ns = in.ns[j];
                int ona = all.na[j] - na, ond = all.nd[j] - nd, ons = all.ns[j] - ns; // everyone grouped but g
                double pa = (na + 1.0) / (ns + 2.0), pd = (nd + 1.0) / (ns + 2.0);
                double ra = pa / ((1.0 + ona) / (2.0 + ons)), rd = pd / ((1.0 + ond) / (2.0 + ons));
                stats.add(new Stat(tid, na, nd, ns, pa, pd, propTest(na, ns), propTest(nd, ns), ra, rd,
                        twoPropTest(na, ona, ns, ons), twoPropTest(nd, ond, ns, ons)));
            }
            out.put(entry.getKey(), select(stats));
        }
        return out;
    }

    /** Polis's selection: passing statements by metric, agrees first; the best agreed one leads; at most five. */
    private static List<Repness> select(List<Stat> stats) {
        Stat bestAgree = null, best = null, mostAgreed = null;
        var sufficient = new ArrayList<Stat>();
        for (Stat s : stats) {
            if (s.passes()) sufficient.add(s);
            if (best == null || Math.max(s.rat, s.rdt) > Math.max(best.rat, best.rdt)) best = s;
            if (s.na == 0) continue;
            // The best agreed statement: among those the group agrees with more than the rest (ra > 1, pa > 1/2),
            // the highest agree metric; when there is none, the one it agrees with most surely (pa x pat).
            // (Inferred from, and checked against, Polis's output on all 16 groups of the golden conversations.)
            if (s.ra > 1 && s.pa > 0.5 && (bestAgree == null || s.agreeMetric() > bestAgree.agreeMetric())) bestAgree = s;
            if (mostAgreed == null || s.pa * s.pat > mostAgreed.pa * mostAgreed.pat) mostAgreed = s;
        }
        if (bestAgree == null) bestAgree = mostAgreed;
        var out = new ArrayList<Repness>();
        if (sufficient.isEmpty()) {
            if (bestAgree != null) out.add(bestAgree.finalized(true));
            else if (best != null) out.add(best.finalized(false));
            return out;
        }
        // The five best by metric (the best agreed statement always among them), then agrees before disagrees.
        sufficient.sort(Comparator.comparingDouble(Stat::metric).reversed());
        var top = new ArrayList<Stat>();
        if (bestAgree != null) top.add(bestAgree);
        for (Stat s : sufficient) {
            if (top.size() >= 5) break;
            if (bestAgree == null || s.tid != bestAgree.tid) top.add(s);
        }
        for (Stat s : top) if (s == bestAgree) out.add(s.finalized(true));
        for (Stat s : top) if (s != bestAgree && s.agree()) out.add(s.finalized(false));
        for (Stat s : top) if (s != bestAgree && !s.agree()) out.add(s.finalized(false));
        return out;
    }

    // ---- consensus, uncertainty, priorities ----------------------------------------------------------------------

    /**
     * Group-aware consensus: per statement, the product over groups of (agrees + 1) / (votes + 2), raw votes of the
     * groups' members, from the tallies (the same factor as {@link GroupInformedConsensus}, which starts from a vote matrix).
     */
    static Map<Integer, Double> groupAwareConsensus(Matrix mx, OpinionInput input, Tallies tallies) {
        var out = new LinkedHashMap<Integer, Double>();
        if (tallies.byGroup().isEmpty()) return out;
        for (int j = 0; j < mx.m; j++) {
            double product = 1.0;
            for (ColumnCounts c : tallies.byGroup().values()) product *= GroupInformedConsensus.factor(c.na[j], c.ns[j]);
            out.put(input.statements().get(j), product);
        }
        return out;
    }

    /**
     * Vote counts per statement, taken in one pass over the votes: over everyone, per group, and over everyone
     * grouped (so that "the rest" of a group is a subtraction, not another pass).
     */
    record Tallies(ColumnCounts all, Map<Integer, ColumnCounts> byGroup, ColumnCounts grouped, Map<Integer, Integer> sizes) {
        static Tallies of(Matrix mx, OpinionInput input, Map<Integer, Integer> groupOf) {
            var ids = new TreeSet<>(groupOf.values());
            var index = new HashMap<Integer, Integer>();
            for (int g : ids) index.put(g, index.size());
            int[] label = new int[mx.n];
            for (int i = 0; i < mx.n; i++) {
                Integer g = groupOf.get(input.participants().get(i));
                label[i] = g == null ? -1 : index.get(g);
            }
            int groups = ids.size();
            // Each vote is counted once, in its participant's group (or among the ungrouped); the totals are sums.
            ColumnCounts ungrouped = ColumnCounts.empty(mx.m);
            ColumnCounts[] per = new ColumnCounts[groups];
            for (int g = 0; g < groups; g++) per[g] = ColumnCounts.empty(mx.m);
            for (int i = 0; i < mx.n; i++) {
                ColumnCounts mine = label[i] < 0 ? ungrouped : per[label[i]];
                int[] na = mine.na(), nd = mine.nd(), ns = mine.ns();
                for (int q = mx.rowStart[i], end = mx.rowStart[i + 1]; q < end; q++) {
                    int j = mx.col[q];
                    byte v = mx.val[q];
                    ns[j]++;
                    if (v < 0) na[j]++;
                    else if (v > 0) nd[j]++;
                }
            }
            ColumnCounts grouped = ColumnCounts.empty(mx.m);
            for (ColumnCounts c : per) grouped.addAll(c);
            ColumnCounts all = ColumnCounts.empty(mx.m);
            all.addAll(grouped);
            all.addAll(ungrouped);
            var byGroup = new TreeMap<Integer, ColumnCounts>();
            for (int g : ids) byGroup.put(g, per[index.get(g)]);
            var sizes = new TreeMap<Integer, Integer>();
            for (int i = 0; i < mx.n; i++) if (label[i] >= 0) sizes.merge(groupOf.get(input.participants().get(i)), 1, Integer::sum);
            return new Tallies(all, byGroup, grouped, sizes);
        }
    }

    static Consensus consensus(Matrix mx, OpinionInput input, ColumnCounts c) {
        var agree = new ArrayList<ConsensusStatement>();
        var disagree = new ArrayList<ConsensusStatement>();
        for (int j = 0; j < mx.m; j++) {
            int tid = input.statements().get(j);
            if (mx.zeroedCol[j]) continue;
            int na = c.na[j], nd = c.nd[j], ns = c.ns[j];
            double pa = (na + 1.0) / (ns + 2.0), pd = (nd + 1.0) / (ns + 2.0);
            double pat = propTest(na, ns), pdt = propTest(nd, ns);
            if (pa > 0.5 && pat > Z90) agree.add(new ConsensusStatement(tid, na, ns, pa, pat));
            if (pd > 0.5 && pdt > Z90) disagree.add(new ConsensusStatement(tid, nd, ns, pd, pdt));
        }
        Comparator<ConsensusStatement> byStrength = Comparator.comparingDouble((ConsensusStatement s) -> s.pSuccess() * s.pTest()).reversed();
        agree.sort(byStrength);
        disagree.sort(byStrength);
        return new Consensus(List.copyOf(agree.subList(0, Math.min(5, agree.size()))),
                List.copyOf(disagree.subList(0, Math.min(5, disagree.size()))));
    }

    static List<Uncertain> uncertain(Matrix mx, OpinionInput input, ColumnCounts c) {
        var out = new ArrayList<Uncertain>();
        for (int j = 0; j < mx.m; j++) {
            int tid = input.statements().get(j);
            if (mx.zeroedCol[j]) continue;
            int seen = c.ns[j], passes = seen - c.na[j] - c.nd[j];
            if (seen > 0 && (double) passes / seen > 0.3) out.add(new Uncertain(tid, passes, seen, (double) passes / seen));
        }
        out.sort(Comparator.comparingDouble((Uncertain u) -> u.passRate() * u.passRate() * u.passes()).reversed()
                .thenComparingInt(Uncertain::tid));
        return out;
    }

    /**
     * Polis's priority of showing a statement next, from the votes of clustered participants:
     * (importance x (1 + 8 x 2^(-S/5)))^2 with importance = (1 - p)(E + 1)a; meta statements get 49.
     */
    static Map<Integer, Double> priorities(Matrix mx, OpinionInput input, List<Integer> inConvRows, Map<Integer, Double> extremity) {
        return priorities(mx, input, mx.counts(inConvRows), extremity);
    }

    static Map<Integer, Double> priorities(Matrix mx, OpinionInput input, ColumnCounts c, Map<Integer, Double> extremity) {
        var out = new LinkedHashMap<Integer, Double>();
        for (int j = 0; j < mx.m; j++) {
            int tid = input.statements().get(j);
            if (input.meta().contains(tid)) {
                out.put(tid, META_PRIORITY);
                continue;
            }
            int ns = c.ns[j], na = c.na[j], passes = ns - na - c.nd[j];
            double p = (passes + 1.0) / (ns + 2.0), a = (na + 1.0) / (ns + 2.0);
            double importance = (1 - p) * (extremity.get(tid) + 1) * a;
            double priority = importance * (1 + 8 * Math.pow(2, -ns / 5.0));
            out.put(tid, priority * priority);
        }
        return out;
    }

    /**
     * The vote matrix in Polis's coding (agree -1, disagree 1, pass 0), stored sparsely by participant: only votes
     * cast take memory, so a conversation of 100,000 participants and 5,000 statements fits where a dense matrix
     * (Polis's) would need gigabytes. Zeroed columns (moderated out, meta) are flagged, not rewritten.
     */
    static final class Matrix {
        final int n, m;
        final int[] rowStart; // row i's votes are at rowStart[i] .. rowStart[i+1]-1
        final int[] col;
        final byte[] val;
        final boolean[] zeroedCol;
        final int[] voted;

        Matrix(int n, int m, int[] rowStart, int[] col, byte[] val, boolean[] zeroedCol) {
            this.n = n;
            this.m = m;
            this.rowStart = rowStart;
            this.col = col;
            this.val = val;
            this.zeroedCol = zeroedCol;
            this.voted = new int[n];
            for (int i = 0; i < n; i++) voted[i] = rowStart[i + 1] - rowStart[i];
        }

        static Matrix of(OpinionInput input) {
            int n = input.participants().size(), m = input.statements().size();
            if (input.compact() != null) {
                var c = input.compact();
                byte[] polis = new byte[c.val().length];
                for (int q = 0; q < polis.length; q++) polis[q] = (byte) -c.val()[q]; // Polis's coding: agree -1
                boolean[] zeroed = new boolean[m];
                for (int j = 0; j < m; j++) zeroed[j] = input.zeroed(input.statements().get(j));
                return new Matrix(n, m, c.start(), c.col(), polis, zeroed);
            }
            var colOf = new HashMap<Integer, Integer>();
            for (int j = 0; j < m; j++) colOf.put(input.statements().get(j), j);
            int[] rowStart = new int[n + 1];
            int total = 0;
            for (int i = 0; i < n; i++) total += input.votes().row(input.participants().get(i)).size();
            int[] col = new int[total];
            byte[] val = new byte[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                rowStart[i] = at;
                for (var e : input.votes().row(input.participants().get(i)).entrySet()) {
                    Integer j = colOf.get(e.getKey());
                    if (j == null) continue; // a vote on a statement not in the input is not part of this map
                    col[at] = j;
                    val[at] = (byte) (e.getValue() == VoteValue.AGREE ? -1 : e.getValue() == VoteValue.DISAGREE ? 1 : 0);
                    at++;
                }
            }
            rowStart[n] = at;
            boolean[] zeroed = new boolean[m];
            for (int j = 0; j < m; j++) zeroed[j] = input.zeroed(input.statements().get(j));
            return new Matrix(n, m, rowStart, java.util.Arrays.copyOf(col, at), java.util.Arrays.copyOf(val, at), zeroed);
        }

        /** Agrees, disagrees and votes seen per statement, over the given participants' raw votes. */
        ColumnCounts counts(Iterable<Integer> rows) {
            var c = ColumnCounts.empty(m);
            for (int i : rows) for (int q = rowStart[i]; q < rowStart[i + 1]; q++) c.add(col[q], val[q]);
            return c;
        }

        /** Dense form (NaN unseen, zeroed columns 0), for nearest-participant imputation on small conversations. */
        double[][] dense() {
            double[][] x = new double[n][m];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(x[i], Double.NaN);
                for (int j = 0; j < m; j++) if (zeroedCol[j]) x[i][j] = 0;
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) if (!zeroedCol[col[q]]) x[i][col[q]] = val[q];
            }
            return x;
        }

        /** The entries PCA sees: observed votes in columns that are not zeroed. */
        Pca.Rows pcaRows() {
            boolean anyZeroed = false;
            for (boolean z : zeroedCol) anyZeroed |= z;
            if (!anyZeroed) { // every vote counts: share the index arrays, convert the values only
                double[] v = new double[val.length];
                for (int q = 0; q < v.length; q++) v[q] = val[q];
                return new Pca.Rows(n, m, rowStart, col, v);
            }
            int[] start = new int[n + 1];
            int count = 0;
            for (int q = 0; q < col.length; q++) if (!zeroedCol[col[q]]) count++;
            int[] c = new int[count];
            double[] v = new double[count];
            int at = 0;
            for (int i = 0; i < n; i++) {
                start[i] = at;
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                    if (zeroedCol[col[q]]) continue;
                    c[at] = col[q];
                    v[at++] = val[q];
                }
            }
            start[n] = at;
            return new Pca.Rows(n, m, start, c, v);
        }
    }

    /** Per statement: agrees, disagrees and votes seen (agree + disagree + pass). */
    record ColumnCounts(int[] na, int[] nd, int[] ns) {
        static ColumnCounts empty(int m) {
            return new ColumnCounts(new int[m], new int[m], new int[m]);
        }

        void addAll(ColumnCounts o) {
            for (int j = 0; j < ns.length; j++) {
                na[j] += o.na[j];
                nd[j] += o.nd[j];
                ns[j] += o.ns[j];
            }
        }

        void add(int j, byte polisVote) {
            ns[j]++;
            if (polisVote < 0) na[j]++;
            else if (polisVote > 0) nd[j]++;
        }

        void remove(int j, byte polisVote) {
            ns[j]--;
            if (polisVote < 0) na[j]--;
            else if (polisVote > 0) nd[j]--;
        }

        /** The same counts over more statements (the new ones at zero). */
        ColumnCounts widened(int m) {
            return new ColumnCounts(java.util.Arrays.copyOf(na, m), java.util.Arrays.copyOf(nd, m), java.util.Arrays.copyOf(ns, m));
        }
    }

    static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }
}
