package org.charter.core.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The margin graph of an ordinal profile: for each ordered pair (a, b), the exact integer margin, the count of ballots
 * that rank a above b minus the count that rank b above a, under a stated truncation convention. Its majority-graph
 * view has an edge a -> b exactly when the margin is positive. Immutable.
 */
public final class MarginGraph {
    private final List<String> candidates;
    private final int n;
    private final long[] margin; // row-major n x n, antisymmetric

    private MarginGraph(List<String> candidates, long[] margin) {
        this.candidates = List.copyOf(candidates);
        this.n = candidates.size();
        this.margin = margin;
    }

    /** Ballots at or above this many are counted in parallel chunks. */
    private static final int PARALLEL_THRESHOLD = 50_000;

    /** Counts every ballot of the profile into margins under the given truncation convention. */
    public static MarginGraph of(Profile profile, Truncation truncation) {
        int n = profile.size();
        List<Ballot> ballots = profile.ballots();
        long[] support;
        if (ballots.size() < PARALLEL_THRESHOLD) {
            support = new long[n * n];
            count(ballots, 0, ballots.size(), n, truncation, support);
        } else {
            int chunks = Math.max(1, Runtime.getRuntime().availableProcessors()) * 4;
            int size = (ballots.size() + chunks - 1) / chunks;
            support = IntStream.range(0, chunks).parallel().mapToObj(k -> {
                long[] s = new long[n * n];
                count(ballots, Math.min(ballots.size(), k * size), Math.min(ballots.size(), (k + 1) * size), n, truncation, s);
                return s;
            }).reduce(new long[n * n], (x, y) -> {
                long[] z = new long[x.length];
                for (int i = 0; i < z.length; i++) z[i] = x[i] + y[i];
                return z;
            });
        }
        long[] m = new long[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) m[a * n + b] = support[a * n + b] - support[b * n + a];
        }
        return new MarginGraph(profile.candidates(), m);
    }

    private static void count(List<Ballot> ballots, int from, int to, int n, Truncation truncation, long[] s) {
        boolean[] ranked = new boolean[n];
        for (int k = from; k < to; k++) {
            Ballot b = ballots.get(k);
            long c = b.count();
            int r = b.rankedCount();
            if (b.isStrict()) {
                for (int i = 0; i < r; i++) {
                    int row = b.candidateAt(i) * n;
                    for (int j = i + 1; j < r; j++) s[row + b.candidateAt(j)] += c;
                }
            } else {
                for (int i = 0; i < r; i++) {
                    int row = b.candidateAt(i) * n;
                    int t = b.tierAt(i);
                    for (int j = i + 1; j < r; j++) if (b.tierAt(j) != t) s[row + b.candidateAt(j)] += c;
                }
            }
            if (truncation == Truncation.BELOW && r < n) {
                for (int i = 0; i < r; i++) ranked[b.candidateAt(i)] = true;
                for (int i = 0; i < r; i++) {
                    int row = b.candidateAt(i) * n;
                    for (int u = 0; u < n; u++) if (!ranked[u]) s[row + u] += c;
                }
                for (int i = 0; i < r; i++) ranked[b.candidateAt(i)] = false;
            }
        }
    }

    /** A margin graph given directly: {@code margins[a][b] = -margins[b][a]}. */
    public static MarginGraph ofMargins(List<String> candidates, long[][] margins) {
        int n = candidates.size();
        long[] m = new long[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (margins[a][b] != -margins[b][a]) throw new IllegalArgumentException("margins must be antisymmetric at (" + a + ", " + b + ")");
                m[a * n + b] = margins[a][b];
            }
        }
        return new MarginGraph(candidates, m);
    }

    /** A margin graph from weighted edges {a, b, margin} (margin of a over b); other pairs have margin 0. */
    public static MarginGraph ofEdges(int n, List<long[]> edges) {
        long[][] m = new long[n][n];
        for (long[] e : edges) {
            m[(int) e[0]][(int) e[1]] = e[2];
            m[(int) e[1]][(int) e[0]] = -e[2];
        }
        return ofMargins(Profile.numbered(n), m);
    }

    public int size() {
        return n;
    }

    public List<String> candidates() {
        return candidates;
    }

    /** Ballots ranking a above b minus ballots ranking b above a. */
    public long margin(int a, int b) {
        return margin[a * n + b];
    }

    /** The majority-graph view: a beats b when its margin over b is positive. */
    public boolean beats(int a, int b) {
        return margin[a * n + b] > 0;
    }

    /** The margin graph on a subset of candidates (indices into this graph, in the order given). */
    public MarginGraph restrict(List<Integer> keep) {
        int k = keep.size();
        long[] m = new long[k * k];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(candidates.get(keep.get(i)));
            for (int j = 0; j < k; j++) m[i * k + j] = margin(keep.get(i), keep.get(j));
        }
        return new MarginGraph(names, m);
    }

    /** The Condorcet winner: the candidate who beats every other, or -1. */
    public int condorcetWinner() {
        outer:
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) if (a != b && !beats(a, b)) continue outer;
            return a;
        }
        return -1;
    }

    /** The Condorcet loser: the candidate every other beats, or -1. */
    public int condorcetLoser() {
        outer:
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) if (a != b && !beats(b, a)) continue outer;
            return a;
        }
        return -1;
    }

    /** The margins as a nested map name -> name -> margin, for evidence. */
    public Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int a = 0; a < n; a++) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (int b = 0; b < n; b++) if (a != b) row.put(candidates.get(b), margin(a, b));
            out.put(candidates.get(a), row);
        }
        return out;
    }

    /** The positive-margin edges "a > b: m", strongest first, for evidence. */
    public List<String> majorityEdges() {
        List<long[]> e = new ArrayList<>();
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) if (beats(a, b)) e.add(new long[] {a, b, margin(a, b)});
        e.sort((x, y) -> Long.compare(y[2], x[2]));
        return e.stream().map(x -> candidates.get((int) x[0]) + " > " + candidates.get((int) x[1]) + ": " + x[2]).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarginGraph g && g.candidates.equals(candidates) && Arrays.equals(g.margin, margin);
    }

    @Override
    public int hashCode() {
        return candidates.hashCode() * 31 + Arrays.hashCode(margin);
    }

    @Override
    public String toString() {
        return "MarginGraph" + asMap();
    }
}
