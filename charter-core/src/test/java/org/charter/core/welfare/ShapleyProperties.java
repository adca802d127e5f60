package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.charter.core.math.Rational;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Shapley's axioms (1953) on random games: efficiency, symmetry, null player, additivity; and sampling's efficiency. */
class ShapleyProperties {
    /** Random coalition values for 1 to 6 players, v(empty) = 0. */
    @Provide
    Arbitrary<long[]> games() {
        return Arbitraries.integers().between(1, 6).flatMap(n ->
                Arbitraries.longs().between(-20, 20).array(long[].class).ofSize(1 << n).map(v -> {
                    v[0] = 0;
                    return v;
                }));
    }

    static CooperativeGames.Table table(long[] v) {
        int n = Integer.numberOfTrailingZeros(v.length);
        List<String> players = new ArrayList<>();
        for (int i = 0; i < n; i++) players.add("p" + i);
        List<Rational> values = new ArrayList<>();
        for (long x : v) values.add(Rational.of(x));
        return new CooperativeGames.Table(players, values);
    }

    static List<Rational> phi(long[] v) {
        return Shapley.exact(table(v)).players().stream().map(p -> Rational.parse(p.value())).toList();
    }

    @Property
    void efficiency_valuesSumToTheGrandCoalition(@ForAll("games") long[] v) {
        assertThat(phi(v).stream().reduce(Rational.ZERO, Rational::add)).isEqualTo(Rational.of(v[v.length - 1]));
    }

    @Property
    void symmetry_interchangeablePlayersGetEqualValues(@ForAll("games") long[] h) {
        if (h.length < 4) return;
        // v(S) = h(S) + h(S with players 0 and 1 swapped) treats players 0 and 1 alike.
        long[] v = new long[h.length];
        for (int s = 0; s < h.length; s++) v[s] = h[s] + h[swap01(s)];
        List<Rational> phi = phi(v);
        assertThat(phi.get(0)).isEqualTo(phi.get(1));
    }

    private static int swap01(int s) {
        int b0 = s & 1, b1 = (s >> 1) & 1;
        return (s & ~3) | (b0 << 1) | b1;
    }

    @Property
    void nullPlayer_addingNothingGetsNothing(@ForAll("games") long[] h) {
        int n = Integer.numberOfTrailingZeros(h.length);
        int last = 1 << (n - 1);
        long[] v = new long[h.length];
        for (int s = 0; s < h.length; s++) v[s] = h[s & ~last]; // the last player never changes a coalition's worth
        assertThat(phi(v).get(n - 1)).isEqualTo(Rational.ZERO);
    }

    @Property
    void additivity_theValueOfASumIsTheSumOfValues(@ForAll("games") long[] a, @ForAll("games") long[] b) {
        if (a.length != b.length) return;
        long[] sum = new long[a.length];
        for (int s = 0; s < a.length; s++) sum[s] = a[s] + b[s];
        List<Rational> pa = phi(a), pb = phi(b), ps = phi(sum);
        for (int i = 0; i < pa.size(); i++) assertThat(ps.get(i)).isEqualTo(pa.get(i).add(pb.get(i)));
    }

    @Property(tries = 50)
    void sampling_isEfficientAndWithinItsErrorOfTheExactValue(@ForAll("games") long[] v, @ForAll long seed) {
        var game = table(v);
        ShapleyResult sampled = Shapley.sampled(game, 2_000, seed);
        ShapleyResult exact = Shapley.exact(game);
        double sum = sampled.players().stream().mapToDouble(ShapleyResult.PlayerValue::approx).sum();
        assertThat(sum).isCloseTo(v[v.length - 1], within(1e-9));
        for (int i = 0; i < game.size(); i++) {
            ShapleyResult.PlayerValue p = sampled.players().get(i);
            // 6 standard errors (plus a hair for constant contributions, whose error is 0): fails about once in 10^8.
            assertThat(p.approx()).isCloseTo(exact.players().get(i).approx(), within(6 * p.standardError() + 1e-9));
        }
    }
}
