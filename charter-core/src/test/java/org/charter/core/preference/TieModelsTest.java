package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.charter.core.preference.TieModels.Kind;
import org.charter.core.preference.TieModels.TieFit;
import org.junit.jupiter.api.Test;

/**
 * Ties: with two items both models are saturated (three outcomes, two free parameters), so the estimates reproduce
 * the observed shares exactly, which gives closed forms to test against.
 */
class TieModelsTest {
    static final List<String> AB = List.of("a", "b");

    static int[] repeat(int value, int times) {
        int[] out = new int[times];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** 6 wins of a, 2 of b, 4 ties. */
    static TieFit twoItems(Kind kind) {
        int[] winners = new int[8], losers = new int[8];
        for (int c = 0; c < 8; c++) { winners[c] = c < 6 ? 0 : 1; losers[c] = c < 6 ? 1 : 0; }
        return TieModels.fit(kind, AB, winners, losers, repeat(0, 4), repeat(1, 4), 0, 1e-12, 100);
    }

    @Test
    void davidson_twoItemsClosedForm() {
        // P(a) : P(b) : P(tie) = pi_a : pi_b : nu sqrt(pi_a pi_b) = 6 : 2 : 4
        TieFit fit = twoItems(Kind.DAVIDSON);
        assertThat(fit.strengths()[0] - fit.strengths()[1]).isCloseTo(Math.log(3), within(1e-9));
        assertThat(fit.tieParameter()).isCloseTo(4 / Math.sqrt(12), within(1e-9));
        assertThat(fit.outcome(0, 1)).containsExactly(new double[] {0.5, 1 / 3.0, 1 / 6.0}, within(1e-9));
        assertThat(fit.logLikelihood()).isCloseTo(6 * Math.log(0.5) + 4 * Math.log(1 / 3.0) + 2 * Math.log(1 / 6.0), within(1e-9));
        assertThat(fit.converged()).isTrue();
    }

    @Test
    void raoKupper_twoItemsClosedForm() {
        // pi_a / (pi_a + k pi_b) = 1/2 and pi_b / (pi_b + k pi_a) = 1/6: r^2 = w (w + t) / (l (l + t)), k = r (l + t) / w
        TieFit fit = twoItems(Kind.RAO_KUPPER);
        double r = Math.sqrt(6.0 * 10 / (2.0 * 6));
        assertThat(fit.strengths()[0] - fit.strengths()[1]).isCloseTo(Math.log(r), within(1e-9));
        assertThat(fit.tieParameter()).isCloseTo(r * 6 / 6, within(1e-9));
        assertThat(fit.outcome(0, 1)).containsExactly(new double[] {0.5, 1 / 3.0, 1 / 6.0}, within(1e-9));
    }

    @Test
    void withoutTies_isPlainBradleyTerryAtTheBoundary() {
        TieFit fit = TieModels.fit(Kind.DAVIDSON, AB, new int[] {0, 0, 1}, new int[] {1, 1, 0}, new int[0], new int[0], 0, 1e-10, 100);
        assertThat(fit.tieParameter()).isZero();
        assertThat(fit.strengths()[0] - fit.strengths()[1]).isCloseTo(Math.log(2), within(1e-8));
        assertThat(fit.notes().get(0)).contains("No ties");
    }

    @Test
    void recovery_manyItems() {
        double[] theta = {0.8, 0.3, 0, -0.4, -0.7};
        double nu = 0.6;
        var random = new SplittableRandom(5);
        List<Integer> w = new ArrayList<>(), l = new ArrayList<>(), ta = new ArrayList<>(), tb = new ArrayList<>();
        for (int c = 0; c < 40_000; c++) {
            int i = random.nextInt(5), j = random.nextInt(4);
            if (j >= i) j++;
            double pi = Math.exp(theta[i]), pj = Math.exp(theta[j]), tie = nu * Math.sqrt(pi * pj), z = pi + pj + tie;
            double u = random.nextDouble() * z;
            if (u < pi) { w.add(i); l.add(j); } else if (u < pi + pj) { w.add(j); l.add(i); } else { ta.add(i); tb.add(j); }
        }
        TieFit fit = TieModels.fit(Kind.DAVIDSON, List.of("a", "b", "c", "d", "e"), ints(w), ints(l), ints(ta), ints(tb), 0, 1e-10, 100);
        for (int i = 0; i < 5; i++) assertThat(fit.strengths()[i]).isCloseTo(theta[i], within(4 * fit.stderr()[i]));
        assertThat(fit.tieParameter()).isCloseTo(nu, within(4 * fit.tieStderr()));
        assertThat(fit.tieStderr()).isLessThan(0.05);
    }

    @Test
    void badInput_isNamed() {
        assertThatThrownBy(() -> TieModels.fit(Kind.DAVIDSON, AB, new int[0], new int[0], new int[] {0}, new int[] {1}, 0, 1e-8, 10))
                .hasMessageContaining("every comparison is a tie");
        assertThatThrownBy(() -> TieModels.fit(Kind.RAO_KUPPER, AB, new int[] {0}, new int[] {1}, new int[] {0}, new int[] {0}, 0, 1e-8, 10))
                .hasMessageContaining("tie 0 pairs item 0 with itself");
        assertThatThrownBy(() -> Kind.parse("glenn-david")).hasMessageContaining("rao-kupper or davidson");
    }

    static int[] ints(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }
}
