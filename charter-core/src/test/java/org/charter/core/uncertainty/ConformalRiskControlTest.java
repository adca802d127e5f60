package org.charter.core.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ConformalRiskControlTest {
    @Test
    void nineItems_alphaPointThree_byHand() {
        // Scores .1 ... .9; the items at .1, .2, .4 and .6 are wrong. The bound (sum of answered losses + 1)/10 <= .3
        // needs at most 2 answered losses: lambda = .1 answers 4, .2 answers 3, .3 answers 2 (at .4 and .6): lambda = .3.
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] e = {1, 1, 0, 1, 0, 1, 0, 0, 0};
        ConformalRiskControl.Result r = ConformalRiskControl.calibrate(s, e, 0.3);
        assertThat(r.threshold()).isEqualTo(0.3);
        assertThat(r.neverAnswer()).isFalse();
        assertThat(r.empiricalRisk()).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(r.bound()).isEqualTo(0.3);
        assertThat(r.answered()).isEqualTo(7);
        assertThat(r.coverage()).isCloseTo(7.0 / 9, within(1e-15));
        assertThat(r.guarantee()).contains("exchangeable", "confidence >= 0.3", "at most 0.3");
        // A stricter level: at most one answered loss -> lambda = .5 (loss at .6 only).
        assertThat(ConformalRiskControl.calibrate(s, e, 0.2).threshold()).isEqualTo(0.5);
        // Stricter still: no answered loss -> lambda = .7.
        assertThat(ConformalRiskControl.calibrate(s, e, 0.1).threshold()).isEqualTo(0.7);
    }

    @Test
    void tooFewItems_neverAnswer() {
        // 1/(n+1) = 1/4 > .2 whatever the losses.
        ConformalRiskControl.Result r = ConformalRiskControl.calibrate(new double[] {0.9, 0.8, 0.7}, new double[] {0, 0, 0}, 0.2);
        assertThat(r.neverAnswer()).isTrue();
        assertThat(r.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.coverage()).isZero();
        assertThat(r.guarantee()).contains("never answer", "n >= 4");
        assertThat(r.toText()).contains("threshold never answer");
    }

    @Test
    void tiedScores_areAnsweredTogether() {
        // Both .5 items are answered or neither is: lambda = .5 answers 1 loss -> (1+1)/4 = .5 <= .5.
        ConformalRiskControl.Result r = ConformalRiskControl.calibrate(new double[] {0.5, 0.5, 0.1}, new double[] {1, 0, 1}, 0.5);
        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.answered()).isEqualTo(2);
    }

    @Test
    void badInput_isRejected() {
        assertThatThrownBy(() -> ConformalRiskControl.calibrate(new double[] {0.5}, new double[] {1.5}, 0.1)).hasMessageContaining("loss[0] = 1.5");
        assertThatThrownBy(() -> ConformalRiskControl.calibrate(new double[] {0.5}, new double[] {1}, 1.0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> ConformalRiskControl.calibrate(new double[] {Double.NaN}, new double[] {1}, 0.1)).hasMessageContaining("score[0]");
    }

    @Test
    void result_serialisesToJson() throws Exception {
        var mapper = new ObjectMapper();
        var doc = mapper.readTree(mapper.writeValueAsString(ConformalRiskControl.calibrate(new double[] {0.1, 0.9}, new double[] {1, 0}, 0.5)));
        assertThat(doc.get("threshold").asDouble()).isEqualTo(0.9);
        assertThat(doc.get("guarantee").asText()).contains("exchangeable");
    }

    /**
     * The guarantee on simulated exchangeable data: scores uniform on [0, 1], an answer wrong with probability 1 - s.
     * Over 2,000 seeded calibration sets of 200 items, the mean loss on 200 fresh items each stays at most alpha
     * (the sampling error of the mean is about 0.0005, the margin 0.005); and it is not wastefully conservative:
     * Theorem 2 of the paper bounds it below by alpha - 2/(n+1) for continuous scores.
     */
    @Test
    void simulation_realisedRiskStaysBelowAlphaOnAverage() {
        double alpha = 0.1;
        int n = 200, trials = 2000;
        var random = new SplittableRandom(20240507L);
        double sum = 0;
        for (int t = 0; t < trials; t++) {
            double[][] cal = draw(random, n), fresh = draw(random, n);
            ConformalRiskControl.Result r = ConformalRiskControl.calibrate(cal[0], cal[1], alpha);
            sum += ConformalRiskControl.realisedRisk(r.threshold(), fresh[0], fresh[1]);
        }
        double mean = sum / trials;
        assertThat(mean).isLessThanOrEqualTo(alpha + 0.005).isGreaterThanOrEqualTo(alpha - 2.0 / (n + 1) - 0.005);
    }

    private static double[][] draw(SplittableRandom random, int n) {
        double[] s = new double[n], e = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble();
            e[i] = random.nextDouble() < 1 - s[i] ? 1 : 0;
        }
        return new double[][] {s, e};
    }

    @Property(tries = 200)
    void threshold_isTheSmallestObservedScoreWithinTheBound(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.99) double alpha) {
        double[][] d = draw(new SplittableRandom(seed), n);
        ConformalRiskControl.Result r = ConformalRiskControl.calibrate(d[0], d[1], alpha);
        if (!r.neverAnswer()) {
            assertThat(r.bound()).isLessThanOrEqualTo(alpha);
            assertThat(ConformalRiskControl.bound(ConformalRiskControl.realisedRisk(r.threshold(), d[0], d[1]), n)).isLessThanOrEqualTo(alpha + 1e-12);
        }
        for (double s : d[0]) {
            if (s < r.threshold()) {
                assertThat(ConformalRiskControl.bound(ConformalRiskControl.realisedRisk(s, d[0], d[1]), n)).isGreaterThan(alpha - 1e-12);
            }
        }
    }
}
