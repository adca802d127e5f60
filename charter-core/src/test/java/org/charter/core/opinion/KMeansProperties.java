package org.charter.core.opinion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The accelerated k-means (Hamerly's bounds) against a plain Lloyd's algorithm written the obvious way. */
class KMeansProperties {
    /** Reference: Lloyd's algorithm, nearest centre by full scan (ties to the lower index), empty clusters dropped. */
    static double[][] lloyd(double[][] points, double[] weights, double[][] centers, int maxIterations, double tolerance) {
        for (int it = 0; it < maxIterations; it++) {
            int[] a = new int[points.length];
            KMeans.assign(points, centers, a);
            double[][] sums = new double[centers.length][points[0].length];
            double[] mass = new double[centers.length];
            for (int i = 0; i < points.length; i++) {
                double w = weights == null ? 1 : weights[i];
                mass[a[i]] += w;
                for (int q = 0; q < points[0].length; q++) sums[a[i]][q] += w * points[i][q];
            }
            var next = new ArrayList<double[]>();
            double moved = 0;
            for (int c = 0; c < centers.length; c++) {
                if (mass[c] == 0) continue;
                double[] center = new double[points[0].length];
                for (int q = 0; q < center.length; q++) center[q] = sums[c][q] / mass[c];
                moved = Math.max(moved, KMeans.distance(center, centers[c]));
                next.add(center);
            }
            boolean dropped = next.size() != centers.length;
            centers = next.toArray(new double[0][]);
            if (!dropped && moved < tolerance) break;
        }
        return centers;
    }

    @Property(tries = 200)
    void acceleratedEqualsPlainLloyd(@ForAll @IntRange(min = 2, max = 400) int n, @ForAll @IntRange(min = 1, max = 12) int k,
                                     @ForAll long seed, @ForAll boolean weighted) {
        var random = new SplittableRandom(seed);
        double[][] points = new double[n][2];
        double[] weights = weighted ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            int blob = random.nextInt(4);
            points[i][0] = blob * 3 + random.nextGaussian();
            points[i][1] = (blob % 2) * 3 + random.nextGaussian();
            if (weighted) weights[i] = 1 + random.nextInt(5);
        }
        double[][] init = KMeans.firstDistinct(points, k);
        KMeans.Result fast = KMeans.cluster(points, weights, k, init, 100, 1e-9);
        double[][] plain = lloyd(points, weights, init, 100, 1e-9);
        assertThat(fast.centers().length).isEqualTo(plain.length);
        for (int c = 0; c < plain.length; c++) {
            for (int q = 0; q < 2; q++) assertThat(fast.centers()[c][q]).isCloseTo(plain[c][q], org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
