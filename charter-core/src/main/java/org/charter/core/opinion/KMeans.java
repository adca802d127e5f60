package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Weighted k-means (Lloyd's algorithm) as Polis's clusters use it: initial centres are the first k distinct points
 * (or the centres of a previous run, for a warm start), points go to the nearest centre (ties to the lower index),
 * centres move to the weighted mean of their points, until every centre moves less than a tolerance. Hamerly's
 * bounds skip distance computations that cannot change a point's cluster, so the result is Lloyd's, only faster.
 */
public final class KMeans {
    /*
     * [1] S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Information Theory 28(2), 1982.
     * [2] Polis's math (clusters.clj): first-k-distinct initialisation, weighted means, empty clusters dropped.
     * [3] G. Hamerly, "Making k-means even faster", SIAM International Conference on Data Mining, 2010.
     */
    private KMeans() { }

    /** Clusters: their centres, and for each point the index of its cluster. */
    public record Result(double[][] centers, int[] assignment, int iterations) {
        public int k() {
            return centers.length;
        }
    }

    public static Result cluster(double[][] points, double[] weights, int k, double[][] initial, int maxIterations, double tolerance) {
        int n = points.length;
        if (n == 0) return new Result(new double[0][], new int[0], 0);
        double[][] centers = initial != null ? copyOf(initial, k) : firstDistinct(points, k);
        int[] assignment = new int[n];
        double[] upper = new double[n], lower = new double[n];
        fullAssign(points, centers, assignment, upper, lower);
        return lloyd(points, weights, centers, assignment, upper, lower, maxIterations, tolerance);
    }

    /**
     * Lloyd's algorithm resumed from an earlier run whose points have since moved a little: {@code assignment},
     * {@code upper} and {@code lower} hold each point's cluster and Hamerly bounds, already widened by how far the
     * point moved (a point with assignment -1 is new and placed from scratch). They are updated in place, so the
     * next run resumes from them; the result is the clustering Lloyd's algorithm reaches from these centres.
     */
    static Result resume(double[][] points, double[][] centers, int[] assignment, double[] upper, double[] lower,
                         int maxIterations, double tolerance) {
        double[][] start = copyOf(centers, centers.length);
        for (int i = 0; i < points.length; i++) {
            if (assignment[i] < 0 || assignment[i] >= start.length) nearestTwo(points[i], start, i, assignment, upper, lower);
        }
        return lloyd(points, null, start, assignment, upper, lower, maxIterations, tolerance);
    }

    /**
     * Lloyd's iterations from valid bounds: points go to the nearest centre (Hamerly's bounds skip those that cannot
     * change), centres move to the weighted mean of their points; the last step places every point at its nearest
     * centre (ties to the lower index), checking bounds strictly so that the result equals a full assignment.
     */
    private static Result lloyd(double[][] points, double[] weights, double[][] centers, int[] assignment, double[] upper,
                                double[] lower, int maxIterations, double tolerance) {
        int n = points.length;
        int d = n == 0 ? 0 : points[0].length;
        // Hamerly's bounds: upper[i] >= distance to its centre, lower[i] <= distance to any other centre. A point
        // whose upper bound is below both its lower bound and half the gap to its centre's nearest neighbour
        // cannot change cluster, so most points skip the distance computations once centres settle.
        boolean boundsValid = true;
        int it = 0;
        while (it < maxIterations) {
            it++;
            if (!boundsValid) {
                fullAssign(points, centers, assignment, upper, lower);
                boundsValid = true;
            } else {
                double[] half = halfGapToNearest(centers);
                for (int i = 0; i < n; i++) {
                    int a = assignment[i];
                    double bound = Math.max(half[a], lower[i]);
                    if (upper[i] <= bound) continue;
                    upper[i] = distance(points[i], centers[a]);
                    if (upper[i] <= bound) continue;
                    nearestTwo(points[i], centers, i, assignment, upper, lower);
                }
            }
            double[][] sums = new double[centers.length][d];
            double[] mass = new double[centers.length];
            for (int i = 0; i < n; i++) {
                double w = weights == null ? 1 : weights[i];
                mass[assignment[i]] += w;
                for (int c = 0; c < d; c++) sums[assignment[i]][c] += w * points[i][c];
            }
            var next = new ArrayList<double[]>();
            double[] moved = new double[centers.length];
            double maxMoved = 0;
            for (int c = 0; c < centers.length; c++) {
                if (mass[c] == 0) continue; // an empty cluster disappears
                double[] center = new double[d];
                for (int q = 0; q < d; q++) center[q] = sums[c][q] / mass[c];
                moved[c] = distance(center, centers[c]);
                maxMoved = Math.max(maxMoved, moved[c]);
                next.add(center);
            }
            boolean dropped = next.size() != centers.length;
            centers = next.toArray(new double[0][]);
            if (dropped) {
                boundsValid = false; // indices changed: recompute from scratch
            } else {
                for (int i = 0; i < n; i++) {
                    upper[i] += moved[assignment[i]];
                    lower[i] -= maxMoved;
                }
            }
            if (!dropped && maxMoved < tolerance) break;
        }
        if (!boundsValid) {
            fullAssign(points, centers, assignment, upper, lower);
        } else {
            double[] half = halfGapToNearest(centers);
            for (int i = 0; i < n; i++) {
                int a = assignment[i];
                double bound = Math.max(half[a], lower[i]);
                if (upper[i] < bound) continue; // strictly nearer than every other centre
                upper[i] = distance(points[i], centers[a]);
                if (upper[i] < bound) continue;
                nearestTwo(points[i], centers, i, assignment, upper, lower);
            }
        }
        return new Result(centers, assignment, it);
    }

    static void fullAssign(double[][] points, double[][] centers, int[] assignment, double[] upper, double[] lower) {
        for (int i = 0; i < points.length; i++) nearestTwo(points[i], centers, i, assignment, upper, lower);
    }

    /** The nearest centre (ties to the lower index) and the distance to the second nearest. */
    private static void nearestTwo(double[] p, double[][] centers, int i, int[] assignment, double[] upper, double[] lower) {
        int best = 0;
        double first = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centers.length; c++) {
            double dd = squared(p, centers[c]);
            if (dd < first) {
                second = first;
                first = dd;
                best = c;
            } else if (dd < second) {
                second = dd;
            }
        }
        assignment[i] = best;
        upper[i] = Math.sqrt(first);
        lower[i] = Math.sqrt(second);
    }

    private static double[] halfGapToNearest(double[][] centers) {
        double[] half = new double[centers.length];
        for (int c = 0; c < centers.length; c++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int o = 0; o < centers.length; o++) if (o != c) nearest = Math.min(nearest, distance(centers[c], centers[o]));
            half[c] = nearest / 2;
        }
        return half;
    }

    private static double[][] copyOf(double[][] initial, int k) {
        double[][] c = new double[Math.min(k, initial.length)][];
        for (int i = 0; i < c.length; i++) c[i] = initial[i].clone();
        return c;
    }

    /** The first k distinct points, in order; fewer when there are fewer distinct points. */
    static double[][] firstDistinct(double[][] points, int k) {
        var out = new ArrayList<double[]>();
        for (double[] p : points) {
            if (out.size() >= k) break;
            boolean seen = false;
            for (double[] q : out) if (Arrays.equals(p, q)) { seen = true; break; }
            if (!seen) out.add(p.clone());
        }
        return out.toArray(new double[0][]);
    }

    /** How many distinct points there are (hashing, so that a large conversation is not compared pair by pair). */
    static int distinctCount(double[][] points) {
        record Key(long a, long b) { }
        var seen = new java.util.HashSet<Object>(points.length * 2);
        for (double[] p : points) {
            if (p.length == 2) {
                // -0.0 and 0.0 are the same position
                seen.add(new Key(Double.doubleToLongBits(p[0] == 0.0 ? 0.0 : p[0]), Double.doubleToLongBits(p[1] == 0.0 ? 0.0 : p[1])));
            } else {
                var key = new ArrayList<Double>(p.length);
                for (double d : p) key.add(d == 0.0 ? 0.0 : d);
                seen.add(key);
            }
        }
        return seen.size();
    }

    static void assign(double[][] points, double[][] centers, int[] assignment) {
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centers.length; c++) {
                double dd = squared(points[i], centers[c]);
                if (dd < bestD) {
                    bestD = dd;
                    best = c;
                }
            }
            assignment[i] = best;
        }
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt(squared(a, b));
    }

    /**
     * The mean silhouette of a clustering, unweighted over points; a point alone in its cluster scores 0
     * (Rousseeuw 1987).
     */
    public static double silhouette(double[][] points, int[] assignment, int k) {
        /*
         * [1] P. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of cluster analysis",
         *     J. Computational and Applied Mathematics 20, 1987.
         */
        int n = points.length;
        if (n == 0 || k < 2) return 0;
        int[] size = new int[k];
        for (int a : assignment) size[a]++;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) if (j != i) sum[assignment[j]] += distance(points[i], points[j]);
            int own = assignment[i];
            if (size[own] <= 1) continue; // scores 0
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) if (c != own && size[c] > 0) b = Math.min(b, sum[c] / size[c]);
            if (b == Double.POSITIVE_INFINITY) continue;
            double s = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
            total += s;
        }
        return total / n;
    }
}
