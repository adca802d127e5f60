package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.charter.core.uncertainty.Calibration;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Synthetic comparisons drawn from a planted Bradley-Terry model over features: P(a over b) = sigmoid(w* . (a - b)). */
class ContextualTrainerTest {
    static final int DIM = 20;

    static double[] planted(long seed) {
        var random = new SplittableRandom(seed);
        double[] w = new double[DIM];
        for (int j = 0; j < DIM; j++) w[j] = gaussian(random);
        return w;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** n comparisons of random dense pairs, the winner drawn from the planted model, features scaled by 1/sqrt(DIM). */
    static List<FeatureComparison> draw(double[] w, int n, long seed, boolean sparse) {
        var random = new SplittableRandom(seed);
        List<FeatureComparison> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] a = new float[DIM], b = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                a[j] = (float) (gaussian(random) / Math.sqrt(DIM));
                b[j] = (float) (gaussian(random) / Math.sqrt(DIM));
            }
            FeatureVector va = vector(a, sparse), vb = vector(b, sparse);
            double p = ContextualRewardModel.sigmoid(FeatureVector.dense(a).dot(w) - FeatureVector.dense(b).dot(w));
            out.add(random.nextDouble() < p ? new FeatureComparison(va, vb) : new FeatureComparison(vb, va));
        }
        return out;
    }

    static FeatureVector vector(float[] v, boolean sparse) {
        if (!sparse) return FeatureVector.dense(v);
        int[] idx = new int[v.length];
        for (int j = 0; j < v.length; j++) idx[j] = 3 * j + 1; // spread over a larger space
        return FeatureVector.sparse(3 * DIM + 1, idx, v);
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static final ContextualTrainer.Options OPTIONS = new ContextualTrainer.Options(1e-4, 0.01, 200, 5, 0.2, 32, 7);

    @Test
    void recovery_cosineToThePlantedWeightsGrowsWithData() {
        double[] truth = planted(1);
        double previous = -1;
        List<Double> cosines = new ArrayList<>();
        for (int n : new int[] {100, 1000, 10_000}) {
            ContextualTrainer.Fit fit = ContextualTrainer.train(draw(truth, n, 2, false), OPTIONS);
            double c = cosine(fit.model().weights(), truth);
            cosines.add(c);
            assertThat(c).as("n = %d", n).isGreaterThan(previous);
            previous = c;
        }
        assertThat(cosines.get(2)).as("cosines %s", cosines).isGreaterThan(0.97);
    }

    @Test
    void recovery_worksOnSparseVectorsToo() {
        double[] truth = planted(3);
        ContextualTrainer.Fit fit = ContextualTrainer.train(draw(truth, 5000, 4, true), OPTIONS);
        double[] w = fit.model().weights();
        assertThat(w).hasSize(3 * DIM + 1);
        double[] onSupport = new double[DIM];
        for (int j = 0; j < DIM; j++) onSupport[j] = w[3 * j + 1];
        assertThat(cosine(onSupport, truth)).isGreaterThan(0.95);
        assertThat(w[0]).isZero(); // never seen: only the L2 term touches it, and it starts at 0
    }

    @Test
    void calibration_probabilitiesOnFreshDataAreCalibrated() {
        double[] truth = planted(5);
        ContextualTrainer.Fit fit = ContextualTrainer.train(draw(truth, 5000, 6, false), OPTIONS);
        List<FeatureComparison> fresh = draw(truth, 20_000, 8, false);
        double[] p = new double[fresh.size()];
        boolean[] first = new boolean[fresh.size()];
        var random = new SplittableRandom(9);
        for (int i = 0; i < p.length; i++) {
            // Random orientation, so the positive-outcome form sees both outcomes.
            FeatureComparison c = fresh.get(i);
            first[i] = random.nextBoolean();
            p[i] = first[i] ? fit.model().probabilityPreferred(c.chosen(), c.rejected()) : fit.model().probabilityPreferred(c.rejected(), c.chosen());
        }
        Calibration.Report r = Calibration.ofProbabilities(p, first);
        assertThat(r.ece()).as(r.toText()).isLessThan(0.02);
        assertThat(fit.report().temperature()).isBetween(0.7, 1.5);
    }

    @Test
    void earlyStopping_triggersOnNoise() {
        // 200 dimensions, 300 comparisons whose winners are coin flips: the validation loss can only get worse.
        var random = new SplittableRandom(11);
        List<FeatureComparison> noise = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] a = new float[200], b = new float[200];
            for (int j = 0; j < 200; j++) {
                a[j] = (float) gaussian(random);
                b[j] = (float) gaussian(random);
            }
            noise.add(new FeatureComparison(FeatureVector.dense(a), FeatureVector.dense(b)));
        }
        var options = new ContextualTrainer.Options(0, 0.05, 500, 3, 0.3, 16, 12);
        ContextualTrainer.Report r = ContextualTrainer.train(noise, options).report();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.epochsRun()).isLessThan(50).isEqualTo(r.bestEpoch() + 3);
        assertThat(r.validationLoss()).hasSize(r.epochsRun() + 1);
        assertThat(r.trainLoss().get(r.epochsRun())).isLessThan(r.trainLoss().get(0)); // it does fit the training noise
        // The kept weights are those of the best epoch, not the last.
        assertThat(r.validationLoss().get(r.bestEpoch())).isEqualTo(r.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    @Test
    void determinism_sameSeedSameModel_otherSeedOtherModel() throws Exception {
        List<FeatureComparison> data = draw(planted(13), 800, 14, true);
        ContextualTrainer.Fit a = ContextualTrainer.train(data, OPTIONS), b = ContextualTrainer.train(data, OPTIONS);
        assertThat(a.model()).isEqualTo(b.model());
        assertThat(a.report()).isEqualTo(b.report());
        assertThat(ContextualTrainer.train(data, OPTIONS.withSeed(99)).model()).isNotEqualTo(a.model());
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(a.report()));
        assertThat(json.get("epochsRun").asInt()).isEqualTo(a.report().epochsRun());
        assertThat(json.get("validationLoss")).hasSize(a.report().epochsRun() + 1);
        assertThat(json.get("options").get("seed").asLong()).isEqualTo(7);
    }

    @Test
    void warmStart_beginsFromTheGivenModel() {
        // Feedback keeps arriving: the model fitted on the first 2,000 comparisons is updated on all 4,000.
        double[] truth = planted(15);
        List<FeatureComparison> old = draw(truth, 2000, 16, false), all = new ArrayList<>(old);
        all.addAll(draw(truth, 2000, 17, false));
        ContextualTrainer.Fit first = ContextualTrainer.train(old, OPTIONS);
        ContextualTrainer.Fit cold = ContextualTrainer.train(all, OPTIONS), warm = ContextualTrainer.train(all, OPTIONS, first.model());
        assertThat(cold.report().validationLoss().get(0)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(warm.report().warmStart()).isTrue();
        assertThat(warm.report().validationLoss().get(0)).isLessThan(Math.log(2) - 0.05);
        System.out.printf("warm start: cosine first %.4f, cold %.4f (best epoch %d), warm %.4f (best epoch %d)%n", cosine(first.model().weights(), truth),
                cosine(cold.model().weights(), truth), cold.report().bestEpoch(), cosine(warm.model().weights(), truth), warm.report().bestEpoch());
        assertThat(cosine(warm.model().weights(), truth)).isGreaterThan(cosine(first.model().weights(), truth));
        assertThat(warm.report().bestEpoch()).isLessThanOrEqualTo(cold.report().bestEpoch());
        assertThatThrownBy(() -> ContextualTrainer.train(all, OPTIONS, ContextualRewardModel.zero(3))).hasMessageContaining("dimension");
    }

    @Test
    void temperature_byHand() {
        // Differences {1, 1, 1, -1}: minimise 3 log(1 + e^-b) + log(1 + e^b); the derivative vanishes where e^b = 3.
        assertThat(ContextualTrainer.fitInverseTemperature(new double[] {1, 1, 1, -1})).isCloseTo(Math.log(3), within(1e-9));
        assertThat(ContextualTrainer.fitInverseTemperature(new double[] {1, -2})).isZero(); // wrong on balance: coin flips
        assertThat(ContextualTrainer.fitInverseTemperature(new double[] {1, 2, 0})).isEqualTo(ContextualTrainer.MAX_INVERSE_TEMPERATURE); // separable
        assertThat(ContextualTrainer.fitInverseTemperature(new double[] {0, 0})).isZero();
    }

    @Test
    void options_areValidated() {
        assertThatThrownBy(() -> OPTIONS.withValidationFraction(1)).hasMessageContaining("validation fraction");
        assertThatThrownBy(() -> OPTIONS.withPatience(0)).hasMessageContaining("patience");
        assertThatThrownBy(() -> OPTIONS.withL2(-1)).hasMessageContaining("l2");
        assertThatThrownBy(() -> OPTIONS.withLearningRate(0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> ContextualTrainer.train(List.of(), OPTIONS)).hasMessageContaining("at least one comparison");
    }

    @Property
    void probabilities_areSymmetric(@ForAll @DoubleRange(min = -5, max = 5) double w0, @ForAll @DoubleRange(min = -5, max = 5) double w1,
            @ForAll @DoubleRange(min = 0, max = 3) double beta) {
        var model = new ContextualRewardModel(new double[] {w0, w1}, beta);
        FeatureVector a = FeatureVector.dense(1, 0.5f), b = FeatureVector.sparse(2, new int[] {1}, new float[] {-2});
        assertThat(model.probabilityPreferred(a, b) + model.probabilityPreferred(b, a)).isCloseTo(1, within(1e-12));
        assertThat(model.reward(a) - model.reward(b)).isCloseTo(w0 + 2.5 * w1, within(1e-9));
    }
}
