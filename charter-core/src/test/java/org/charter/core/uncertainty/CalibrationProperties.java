package org.charter.core.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CalibrationProperties {
    /** Random forecasts and outcomes drawn from a seed. */
    record Data(double[] p, boolean[] y) {
        static Data of(long seed, int n) {
            var random = new SplittableRandom(seed);
            double[] p = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                p[i] = random.nextInt(4) == 0 ? random.nextInt(5) / 4.0 : random.nextDouble(); // some ties
                y[i] = random.nextBoolean();
            }
            return new Data(p, y);
        }

        Data permuted(long seed) {
            var random = new SplittableRandom(seed);
            double[] q = p.clone();
            boolean[] z = y.clone();
            for (int i = q.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = q[i]; q[i] = q[j]; q[j] = t;
                boolean u = z[i]; z[i] = z[j]; z[j] = u;
            }
            return new Data(q, z);
        }
    }

    @Property
    void perfectlyCalibratedData_hasEceZero(@ForAll long seed, @ForAll @IntRange(min = 1, max = 15) int groups, @ForAll @IntRange(min = 1, max = 40) int bins) {
        // Each group of m items forecasts k/m and has exactly k positives; groups sharing a bin still average out exactly.
        var random = new SplittableRandom(seed);
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int m = 1 + random.nextInt(20), k = random.nextInt(m + 1);
            for (int i = 0; i < m; i++) {
                p.add((double) k / m);
                y.add(i < k);
            }
        }
        double[] pa = p.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ya = new boolean[y.size()];
        for (int i = 0; i < ya.length; i++) ya[i] = y.get(i);
        assertThat(Calibration.ofProbabilities(pa, ya, bins).ece()).isCloseTo(0, within(1e-12));
    }

    @Property
    void brierAndEce_areInTheUnitInterval(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
        Data d = Data.of(seed, n);
        Calibration.Report r = Calibration.ofProbabilities(d.p(), d.y());
        assertThat(r.brier()).isBetween(0.0, 1.0);
        assertThat(r.ece()).isBetween(0.0, 1.0).isLessThanOrEqualTo(r.mce() + 1e-15);
        assertThat(Calibration.topLabel(d.p(), d.y(), 15).brier()).isCloseTo(r.brier(), within(1e-12));
        assertThat(r.reliability().stream().mapToLong(Calibration.Bin::count).sum()).isEqualTo(n);
    }

    @Property
    void perfectRanking_reachesTheMinimumAurc(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
        var random = new SplittableRandom(seed);
        double[] loss = new double[n], confidence = new double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = random.nextBoolean() ? random.nextInt(2) : random.nextDouble();
            confidence[i] = 1 - loss[i];
        }
        Calibration.RiskCoverage rc = Calibration.riskCoverage(confidence, loss);
        assertThat(rc.aurc()).isCloseTo(rc.optimalAurc(), within(1e-12));
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) noise[i] = random.nextDouble();
        assertThat(Calibration.riskCoverage(noise, loss).aurc()).isGreaterThanOrEqualTo(rc.optimalAurc() - 1e-12);
    }

    @Property
    void metrics_areInvariantUnderPermutation(@ForAll long seed, @ForAll long shuffle, @ForAll @IntRange(min = 1, max = 300) int n) {
        Data d = Data.of(seed, n), e = d.permuted(shuffle);
        Calibration.Report a = Calibration.ofProbabilities(d.p(), d.y()), b = Calibration.ofProbabilities(e.p(), e.y());
        assertThat(b.ece()).isCloseTo(a.ece(), within(1e-12));
        assertThat(b.brier()).isCloseTo(a.brier(), within(1e-12));
        assertThat(b.logLoss()).isCloseTo(a.logLoss(), within(1e-12));
        boolean[] wrongD = new boolean[n], wrongE = new boolean[n];
        for (int i = 0; i < n; i++) {
            wrongD[i] = d.y()[i] != d.p()[i] >= 0.5;
            wrongE[i] = e.y()[i] != e.p()[i] >= 0.5;
        }
        assertThat(Calibration.riskCoverage(e.p(), wrongE).aurc()).isCloseTo(Calibration.riskCoverage(d.p(), wrongD).aurc(), within(1e-12));
    }
}
