package org.charter.core.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Total variation and Jensen-Shannon against hand-computed values, and their axioms. */
class DistancesTest {
    @Test
    void workedExamples() {
        assertThat(Distances.totalVariation(Map.of("answer", 1), Map.of("refuse", 1))).isEqualTo(1.0);
        assertThat(Distances.jensenShannon(Map.of("answer", 1), Map.of("refuse", 1))).isCloseTo(1.0, within(1e-12));
        // (1/2, 1/2) vs (1, 0): TV 1/2; JS = 1/2 [1/2 log2(1/2 / 3/4) + 1/2 log2(1/2 / 1/4)] + 1/2 [log2(1 / 3/4)]
        double js = 0.5 * (0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2)) / Math.log(2) + 0.5 * Math.log(4.0 / 3) / Math.log(2);
        assertThat(Distances.totalVariation(Map.of("a", 5, "b", 5), Map.of("a", 7))).isCloseTo(0.5, within(1e-12));
        assertThat(Distances.jensenShannon(Map.of("a", 5, "b", 5), Map.of("a", 7))).isCloseTo(js, within(1e-12));
        assertThat(js).isCloseTo(0.311278, within(1e-6));
    }

    @Property
    void axioms(@ForAll @IntRange(max = 20) int a1, @ForAll @IntRange(max = 20) int a2, @ForAll @IntRange(min = 1, max = 20) int a3,
                @ForAll @IntRange(max = 20) int b1, @ForAll @IntRange(max = 20) int b2, @ForAll @IntRange(min = 1, max = 20) int b3) {
        Map<String, Integer> a = Map.of("x", a1, "y", a2, "z", a3), b = Map.of("x", b1, "y", b2, "z", b3);
        double tv = Distances.totalVariation(a, b), js = Distances.jensenShannon(a, b);
        assertThat(tv).isBetween(0.0, 1.0).isCloseTo(Distances.totalVariation(b, a), within(1e-12));
        assertThat(js).isBetween(0.0, 1.0).isCloseTo(Distances.jensenShannon(b, a), within(1e-12));
        assertThat(Distances.jensenShannon(a, a)).isCloseTo(0, within(1e-12));
        // Pinsker-type bound (Lin 1991): JS <= TV (both in [0, 1], JS in bits)
        assertThat(js).isLessThanOrEqualTo(tv + 1e-12);
    }
}
