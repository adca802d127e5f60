package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.assembly.VoteValue;
import org.charter.core.opinion.OpinionEngine.ColumnCounts;
import org.charter.core.opinion.OpinionEngine.Matrix;
import org.charter.core.opinion.OpinionEngine.Tallies;

/**
 * An opinion map kept current as votes arrive. Between updates it keeps what a full computation would rebuild from
 * every vote: the sparse vote matrix, each statement's vote sum and count (the PCA's centre), the vote tallies per
 * group, who is clustered, the components and the clusters. {@link #apply} changes only what the new votes touch,
 * then does bounded work on what depends on every vote: for a large conversation (a million votes or more) one step
 * of subspace iteration from the current components, which also yields every participant's position, and a
 * warm-started k-means with at most {@value OpinionEngine#UPDATE_KMEANS_ITERATIONS} iterations; a smaller one is
 * iterated to convergence, as a full computation would be. Everything after the clusters (representative statements,
 * consensus, priorities...) is computed from the kept tallies, exactly as {@link OpinionEngine#compute} does.
 *
 * <p>Not thread-safe: one caller at a time. A change of moderation (a statement moderated out or made meta) is not an
 * update of votes: start a new state with {@link #of}.
 */
public final class OpinionState {
    /** One vote; a later vote on the same participant and statement replaces the earlier. */
    public record Vote(int pid, int tid, VoteValue value) {
        public Vote {
            Objects.requireNonNull(value, "value");
        }
    }

    private final OpinionOptions options;
    private final ArrayList<Integer> pids = new ArrayList<>();
    private final HashMap<Integer, Integer> rowOf = new HashMap<>();
    private final ArrayList<Integer> tids = new ArrayList<>();
    private final HashMap<Integer, Integer> colOf = new HashMap<>();
    private final Set<Integer> moderatedOut, meta;
    private int n, m;
    private int[] rowStart; // row i's votes are at rowStart[i] .. rowStart[i+1]-1
    private int[] col;
    private byte[] val;      // Polis's coding: agree -1, disagree 1, pass 0
    private boolean[] zeroed;
    private double[] sum;    // per statement: the sum and number of its votes, for the centre
    private int[] count;
    private boolean[] inConv;
    private int[] group;     // per participant row: its group id, or -1
    private final TreeMap<Integer, ColumnCounts> byGroup = new TreeMap<>();
    private ColumnCounts ungrouped;
    private double[][] components;
    private int[] base;          // per clustered row: its base cluster, with Hamerly's bounds and the position they
    private double[] upper;      // were computed at, so that the next k-means resumes where this one stopped
    private double[] lower;
    private double[][] position;
    private OpinionMap map;
    private OpinionInput view;

    private OpinionState(OpinionInput input, OpinionOptions options) {
        this.options = options;
        this.moderatedOut = input.moderatedOut();
        this.meta = input.meta();
        for (int pid : input.participants()) addRow(pid);
        for (int tid : input.statements()) addColumnId(tid);
        Matrix mx = Matrix.of(input);
        n = mx.n;
        m = mx.m;
        rowStart = mx.rowStart;
        col = mx.col;
        val = mx.val;
        zeroed = mx.zeroedCol.clone();
        sum = new double[m];
        count = new int[m];
        for (int q = 0; q < col.length; q++) {
            sum[col[q]] += val[q];
            count[col[q]]++;
        }
    }

    /** A full computation of the map (as {@link OpinionEngine#compute}), kept for updates. */
    public static OpinionState of(OpinionInput input, OpinionOptions options) {
        var state = new OpinionState(input, options.withPrevious(null));
        state.reset(OpinionEngine.compute(input, options));
        return state;
    }

    /** The current map. */
    public OpinionMap map() {
        return map;
    }

    /** How many votes the state holds (the latest per participant and statement). */
    public int votes() {
        return col.length;
    }

    /**
     * The current votes as an input (participants and statements in the state's order: new ones after the first
     * input's), for a full recomputation or a comparison with one.
     */
    public OpinionInput input() {
        byte[] agreePositive = new byte[val.length];
        for (int q = 0; q < val.length; q++) agreePositive[q] = (byte) -val[q];
        return OpinionInput.compact(pids, tids, new OpinionInput.CompactVotes(rowStart, col, agreePositive), moderatedOut, meta);
    }

    /**
     * Adds votes (new participants and statements included; a vote on a cell already voted replaces it) and returns
     * the updated map.
     */
    public OpinionMap apply(Collection<Vote> votes) {
        if (votes.isEmpty()) return map;
        var latest = new LinkedHashMap<Long, Vote>();
        for (Vote v : votes) latest.put(((long) v.pid() << 32) | (v.tid() & 0xffffffffL), v);
        int oldRows = n;
        for (Vote v : latest.values()) {
            if (!rowOf.containsKey(v.pid())) addRow(v.pid());
            if (!colOf.containsKey(v.tid())) addColumnId(v.tid());
        }
        grow(pids.size(), tids.size());

        var inserts = new TreeMap<Integer, List<int[]>>();
        int added = 0;
        for (Vote v : latest.values()) {
            int r = rowOf.get(v.pid()), j = colOf.get(v.tid());
            byte b = polis(v.value());
            int at = r < oldRows ? find(r, j) : -1;
            ColumnCounts counts = countsOf(r);
            if (at >= 0) {
                byte old = val[at];
                if (old == b) continue;
                val[at] = b;
                sum[j] += b - old;
                counts.remove(j, old);
            } else {
                inserts.computeIfAbsent(r, x -> new ArrayList<>()).add(new int[] {j, b});
                sum[j] += b;
                count[j]++;
                added++;
            }
            counts.add(j, b);
        }
        if (added > 0) insert(inserts, added, oldRows);
        int need = Math.min(7, m);
        for (int r : inserts.keySet()) if (!inConv[r] && rowStart[r + 1] - rowStart[r] >= need) inConv[r] = true;
        if (options.imputation() == OpinionOptions.Imputation.NEAREST) { // global by nature: recompute
            reset(OpinionEngine.compute(input(), options.withPrevious(map)));
            return map;
        }
        recompute();
        return map;
    }

    /** PCA, positions, clusters and everything after them, from the kept matrix and tallies. */
    private void recompute() {
        Matrix mx = new Matrix(n, m, rowStart, col, val, zeroed);
        double[][] previous = new double[components.length][];
        for (int c = 0; c < components.length; c++) previous[c] = Arrays.copyOf(components[c], m);
        boolean large = OpinionEngine.isLarge(mx);
        Pca.Result pca;
        double[][] proj;
        if (large) {
            double[] center = new double[m];
            for (int j = 0; j < m; j++) center[j] = zeroed[j] || count[j] == 0 ? 0 : sum[j] / count[j];
            Pca.Step step = Pca.step(n, m, rowStart, col, val, zeroed, center, previous);
            pca = step.result();
            proj = step.projected();
            for (int i = 0; i < n; i++) {
                double scale = Math.sqrt((double) m / Math.max(mx.voted[i], 1));
                for (int c = 0; c < proj[i].length; c++) proj[i][c] *= scale;
            }
        } else {
            pca = Pca.compute(mx.pcaRows(), options.components(), previous, 1e-10);
            proj = OpinionEngine.projections(mx, pca);
        }
        components = pca.components();

        List<Integer> inConvRows = new ArrayList<>();
        for (int r = 0; r < n; r++) if (inConv[r]) inConvRows.add(r);
        if (inConvRows.size() < 15) { // Polis's top-up to 15 of the most active
            var rows = new TreeSet<>(inConvRows);
            OpinionEngine.topUp(rows, mx.voted, n);
            for (int r : rows) inConv[r] = true;
            inConvRows = new ArrayList<>(rows);
        }
        double[][] points = OpinionEngine.points(proj, inConvRows);
        List<Integer> inConvPids = inConvRows.stream().map(pids::get).toList();
        OpinionInput view = view();
        Clusters clusters;
        if (options.givenGroups() == null && !map.baseCenters().isEmpty()) {
            int size = inConvRows.size();
            int[] assignment = new int[size];
            double[] up = new double[size], lo = new double[size];
            for (int p = 0; p < size; p++) {
                int r = inConvRows.get(p);
                assignment[p] = base[r];
                if (base[r] < 0) continue;
                double moved = KMeans.distance(points[p], position[r]); // widen the bounds by how far it moved
                up[p] = upper[r] + moved;
                lo[p] = lower[r] - moved;
            }
            KMeans.Result b = KMeans.resume(points, map.baseCenters().toArray(new double[0][]), assignment, up, lo,
                    large ? OpinionEngine.UPDATE_KMEANS_ITERATIONS : 100, 0.01);
            keepBounds(inConvRows, points, b.assignment(), up, lo);
            clusters = Clusters.ofBase(points, inConvPids, b, options.withPrevious(map));
        } else {
            clusters = Clusters.of(points, inConvPids, options.withPrevious(map), view, large);
            boundsFor(inConvRows, points, clusters.baseCenters());
        }
        regroup(clusters.groupOf());
        var t = tallies(clusters);
        map = OpinionEngine.assemble(mx, view, options, pca, proj, inConvRows, points, clusters, t);
    }

    /**
     * The participants and statements (and which are zeroed) as an input, for the steps after the PCA, which read
     * only those: the votes themselves are in the state's matrix, so the view holds none. Rebuilt only when
     * participants or statements were added.
     */
    private OpinionInput view() {
        if (view == null || view.participants().size() != n || view.statements().size() != m) {
            view = new OpinionInput(pids, tids, org.charter.core.assembly.VoteMatrix.of(Map.of()), moderatedOut, meta, null, null);
        }
        return view;
    }

    /** Takes over a map computed in full: its components and groups, with tallies counted afresh. */
    private void reset(OpinionMap full) {
        map = full;
        components = full.pca().components();
        inConv = new boolean[n];
        for (int pid : full.inConv()) inConv[rowOf.get(pid)] = true;
        group = new int[n];
        Arrays.fill(group, -1);
        for (var g : full.groups()) for (int pid : g.members()) group[rowOf.get(pid)] = g.id();
        byGroup.clear();
        ungrouped = ColumnCounts.empty(m);
        for (int r = 0; r < n; r++) addRow(countsOf(r), r);
        var rows = full.inConv().stream().map(rowOf::get).toList();
        var points = new double[rows.size()][];
        for (int p = 0; p < points.length; p++) {
            double[] at = full.pca().participantProjection().get(full.inConv().get(p));
            points[p] = at.length <= 2 ? at : new double[] {at[0], at[1]};
        }
        boundsFor(rows, points, full.baseCenters());
    }

    /** Exact nearest base clusters and Hamerly bounds of the clustered rows (none when there are no base clusters). */
    private void boundsFor(List<Integer> rows, double[][] points, List<double[]> centers) {
        base = new int[n];
        upper = new double[n];
        lower = new double[n];
        position = new double[n][];
        Arrays.fill(base, -1);
        if (centers.isEmpty()) return;
        int[] assignment = new int[rows.size()];
        double[] up = new double[rows.size()], lo = new double[rows.size()];
        KMeans.fullAssign(points, centers.toArray(new double[0][]), assignment, up, lo);
        keepBounds(rows, points, assignment, up, lo);
    }

    private void keepBounds(List<Integer> rows, double[][] points, int[] assignment, double[] up, double[] lo) {
        for (int p = 0; p < rows.size(); p++) {
            int r = rows.get(p);
            base[r] = assignment[p];
            upper[r] = up[p];
            lower[r] = lo[p];
            position[r] = points[p];
        }
    }

    /** Moves each participant whose group changed, with their votes, between the tallies. */
    private void regroup(Map<Integer, Integer> groupOf) {
        for (int r = 0; r < n; r++) {
            int now = groupOf.getOrDefault(pids.get(r), -1);
            if (now == group[r]) continue;
            removeRow(countsOf(r), r);
            group[r] = now;
            addRow(countsOf(r), r);
        }
        byGroup.keySet().retainAll(new HashSet<>(groupOf.values()));
    }

    private Tallies tallies(Clusters clusters) {
        ColumnCounts grouped = ColumnCounts.empty(m), all = ColumnCounts.empty(m);
        var groups = new TreeMap<Integer, ColumnCounts>();
        var sizes = new TreeMap<Integer, Integer>();
        for (var g : clusters.groups()) {
            ColumnCounts c = byGroup.computeIfAbsent(g.id(), x -> ColumnCounts.empty(m));
            groups.put(g.id(), c);
            grouped.addAll(c);
        }
        for (int r = 0; r < n; r++) if (group[r] >= 0) sizes.merge(group[r], 1, Integer::sum);
        all.addAll(grouped);
        all.addAll(ungrouped);
        return new Tallies(all, groups, grouped, sizes);
    }

    private ColumnCounts countsOf(int r) {
        return group[r] < 0 ? ungrouped : byGroup.computeIfAbsent(group[r], x -> ColumnCounts.empty(m));
    }

    private void addRow(ColumnCounts c, int r) {
        for (int q = rowStart[r]; q < rowStart[r + 1]; q++) c.add(col[q], val[q]);
    }

    private void removeRow(ColumnCounts c, int r) {
        for (int q = rowStart[r]; q < rowStart[r + 1]; q++) c.remove(col[q], val[q]);
    }

    private void addRow(int pid) {
        rowOf.put(pid, pids.size());
        pids.add(pid);
    }

    private void addColumnId(int tid) {
        colOf.put(tid, tids.size());
        tids.add(tid);
    }

    /** Room for new participants (no votes yet) and statements (zeroed if moderated out or meta). */
    private void grow(int rows, int columns) {
        if (rows > n) {
            int[] start = Arrays.copyOf(rowStart, rows + 1);
            for (int r = n + 1; r <= rows; r++) start[r] = rowStart[n];
            rowStart = start;
            inConv = Arrays.copyOf(inConv, rows);
            group = Arrays.copyOf(group, rows);
            Arrays.fill(group, n, rows, -1);
            base = Arrays.copyOf(base, rows);
            Arrays.fill(base, n, rows, -1);
            upper = Arrays.copyOf(upper, rows);
            lower = Arrays.copyOf(lower, rows);
            position = Arrays.copyOf(position, rows);
            n = rows;
        }
        if (columns > m) {
            zeroed = Arrays.copyOf(zeroed, columns);
            for (int j = m; j < columns; j++) zeroed[j] = moderatedOut.contains(tids.get(j)) || meta.contains(tids.get(j));
            sum = Arrays.copyOf(sum, columns);
            count = Arrays.copyOf(count, columns);
            ungrouped = ungrouped.widened(columns);
            byGroup.replaceAll((g, c) -> c.widened(columns));
            m = columns;
        }
    }

    /** Where row r holds statement column j, or -1. */
    private int find(int r, int j) {
        for (int q = rowStart[r]; q < rowStart[r + 1]; q++) if (col[q] == j) return q;
        return -1;
    }

    /** New cells at the end of their rows: untouched runs of rows move as blocks. */
    private void insert(TreeMap<Integer, List<int[]>> inserts, int added, int oldRows) {
        int oldTotal = col.length;
        int[] start = new int[n + 1], c = new int[oldTotal + added];
        byte[] v = new byte[oldTotal + added];
        int shift = 0, copied = 0, next = 0;
        for (var e : inserts.entrySet()) {
            int r = e.getKey();
            int end = r < oldRows ? rowStart[r + 1] : oldTotal;
            for (; next <= r; next++) start[next] = (next < oldRows ? rowStart[next] : oldTotal) + shift;
            System.arraycopy(col, copied, c, copied + shift, end - copied);
            System.arraycopy(val, copied, v, copied + shift, end - copied);
            copied = end;
            for (int[] x : e.getValue()) {
                c[end + shift] = x[0];
                v[end + shift] = (byte) x[1];
                shift++;
            }
        }
        for (; next <= n; next++) start[next] = (next < oldRows ? rowStart[next] : oldTotal) + shift;
        System.arraycopy(col, copied, c, copied + shift, oldTotal - copied);
        System.arraycopy(val, copied, v, copied + shift, oldTotal - copied);
        rowStart = start;
        col = c;
        val = v;
    }

    private static byte polis(VoteValue v) {
        return (byte) (v == VoteValue.AGREE ? -1 : v == VoteValue.DISAGREE ? 1 : 0);
    }
}
