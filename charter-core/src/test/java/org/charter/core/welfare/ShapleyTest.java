package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

class ShapleyTest {
    static List<String> values(ShapleyResult r) {
        return r.players().stream().map(ShapleyResult.PlayerValue::value).toList();
    }

    @Test
    void gloveGame_oneLeftTwoRight() {
        // The textbook glove game (e.g. Maschler, Solan, Zamir, Game Theory, 2013): the scarce left glove gets 2/3.
        var game = new CooperativeGames.Gloves(List.of("L", "R1", "R2"), Set.of("L"));
        ShapleyResult r = Shapley.exact(game);
        assertThat(values(r)).containsExactly("2/3", "1/6", "1/6");
        assertThat(r.sum()).isEqualTo("1");
        assertThat(r.grandValue()).isEqualTo("1");
    }

    @Test
    void weightedVoting_51_50_49_1() {
        // [51; 50, 49, 1]: the 50-vote player is pivotal in 4 of the 6 orders, the others in 1 each.
        assertThat(values(Shapley.exact(CooperativeGames.WeightedVoting.of(51, 50, 49, 1)))).containsExactly("2/3", "1/6", "1/6");
    }

    @Test
    void weightedVoting_fastTabulationAgreesWithTheDefinition() {
        var whole = CooperativeGames.WeightedVoting.of(7, 4, 3, 2, 1, 1);
        var third = Rational.of(1, 3);
        var fractional = new CooperativeGames.WeightedVoting(List.of("x", "y", "z"), Rational.of(1, 2), List.of(third, third, third));
        for (CooperativeGame g : List.of(whole, fractional)) {
            Rational[] fast = g.tabulate();
            for (int mask = 0; mask < fast.length; mask++) assertThat(fast[mask]).as("mask %d", mask).isEqualTo(g.value(mask));
        }
        assertThat(values(Shapley.exact(fractional))).containsExactly("1/3", "1/3", "1/3");
    }

    @Test
    void weightedVoting_unSecurityCouncil() {
        // Shapley and Shubik (1954): five permanent members with a veto, ten others, nine votes needed:
        // [39; 7,7,7,7,7,1,...,1]. Index 421/2145 = 0.1963 per permanent member, 4/2145 = 0.0019 per other.
        long[] w = new long[15];
        for (int i = 0; i < 15; i++) w[i] = i < 5 ? 7 : 1;
        ShapleyResult r = Shapley.exact(CooperativeGames.WeightedVoting.of(39, w));
        for (int i = 0; i < 15; i++) assertThat(r.players().get(i).value()).isEqualTo(i < 5 ? "421/2145" : "4/2145");
        assertThat(r.sum()).isEqualTo("1");
    }

    @Test
    void airportGame_matchesLittlechildOwen() {
        // Costs 1, 2, 3: shares 1/3, 1/3 + 1/2 = 5/6, 5/6 + 1 = 11/6 (Littlechild and Owen 1973).
        var game = new CooperativeGames.Airport(List.of("small", "medium", "large"), List.of(Rational.of(1), Rational.of(2), Rational.of(3)));
        assertThat(values(Shapley.exact(game))).containsExactly("1/3", "5/6", "11/6");
        assertThat(game.littlechildOwen()).containsExactly(Rational.of(1, 3), Rational.of(5, 6), Rational.of(11, 6));
        // Twelve players with unsorted rational costs: enumeration agrees with the closed form.
        List<String> names = new ArrayList<>();
        List<Rational> costs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            names.add("p" + i);
            costs.add(Rational.of((i * 7L) % 12 + 1, 3));
        }
        var big = new CooperativeGames.Airport(names, costs);
        ShapleyResult r = Shapley.exact(big);
        for (int i = 0; i < 12; i++) assertThat(r.players().get(i).value()).isEqualTo(big.littlechildOwen().get(i).toString());
    }

    @Test
    void exact_refusesAboveTwentyPlayersUnlessItCanCountSwings() {
        List<Rational> costs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            costs.add(Rational.of(i));
            names.add("p" + i);
        }
        assertThatThrownBy(() -> Shapley.exact(new CooperativeGames.Airport(names, costs)))
                .hasMessageContaining("21 players is above the limit of 20");
        // A weighted voting game with whole weights is counted exactly instead: 21 equal voters get 1/21 each.
        long[] w = new long[21];
        java.util.Arrays.fill(w, 1);
        ShapleyResult r = Shapley.exact(CooperativeGames.WeightedVoting.of(11, w));
        assertThat(r.method()).contains("counting");
        assertThat(values(r)).containsOnly("1/21");
        long[] many = new long[61];
        java.util.Arrays.fill(many, 1);
        assertThatThrownBy(() -> Shapley.exact(CooperativeGames.WeightedVoting.of(31, many))).hasMessageContaining("61 players");
    }

    @Test
    void shapleyShubik_countingAgreesWithEnumeration() {
        long[] un = new long[15];
        for (int i = 0; i < 15; i++) un[i] = i < 5 ? 7 : 1;
        var council = CooperativeGames.WeightedVoting.of(39, un);
        assertThat(Shapley.shapleyShubik(council).players()).isEqualTo(Shapley.exact(council).players());
        var r = new java.util.Random(5);
        for (int trial = 0; trial < 30; trial++) {
            long[] w = new long[1 + r.nextInt(10)];
            long total = 0;
            for (int i = 0; i < w.length; i++) total += w[i] = r.nextInt(8);
            long q = 1 + r.nextInt((int) total + 2);
            var g = CooperativeGames.WeightedVoting.of(q, w);
            assertThat(Shapley.shapleyShubik(g).players()).as("[%d; %s]", q, java.util.Arrays.toString(w)).isEqualTo(Shapley.exact(g).players());
        }
        // 50 players with weights 1..50, quota half the total plus one: exact, and efficient.
        long[] fifty = new long[50];
        for (int i = 0; i < 50; i++) fifty[i] = i + 1;
        ShapleyResult big = Shapley.exact(CooperativeGames.WeightedVoting.of(638, fifty));
        assertThat(big.sum()).isEqualTo("1");
        assertThat(big.players().get(49).approx()).isGreaterThan(big.players().get(0).approx());
    }

    @Test
    void exact_bigValuesUseBigIntegers() {
        // v(S) = 2^60 |S|^2: the long fast path would overflow; values are still exact. Symmetric: each gets 2^60 n.
        var players = List.of("a", "b", "c", "d");
        List<Rational> v = new ArrayList<>();
        for (int mask = 0; mask < 16; mask++) {
            long k = Integer.bitCount(mask);
            v.add(Rational.of(java.math.BigInteger.TWO.pow(60).multiply(java.math.BigInteger.valueOf(k * k)), java.math.BigInteger.ONE));
        }
        ShapleyResult r = Shapley.exact(new CooperativeGames.Table(players, v));
        assertThat(values(r)).containsOnly(java.math.BigInteger.TWO.pow(60).multiply(java.math.BigInteger.valueOf(4)).toString());
    }

    @Test
    void sampled_isCloseToExactAndReproducible() {
        var game = CooperativeGames.WeightedVoting.of(51, 50, 49, 1);
        ShapleyResult a = Shapley.sampled(game, 20_000, 42);
        ShapleyResult b = Shapley.sampled(game, 20_000, 42);
        assertThat(a).isEqualTo(b);
        assertThat(a.samples()).isEqualTo(20_000);
        double[] exact = {2.0 / 3, 1.0 / 6, 1.0 / 6};
        for (int i = 0; i < 3; i++) {
            ShapleyResult.PlayerValue p = a.players().get(i);
            assertThat(p.standardError()).isPositive().isLessThan(0.01);
            assertThat(p.approx()).isCloseTo(exact[i], within(5 * p.standardError()));
        }
        assertThat(Double.parseDouble(a.sum())).isCloseTo(1, within(1e-9));
        assertThatThrownBy(() -> Shapley.sampled(game, 1, 1)).hasMessageContaining("at least 2");
    }

    @Test
    void sampled_thousandPlayerVotingGameIsEfficient() {
        long[] w = new long[1000];
        for (int i = 0; i < w.length; i++) w[i] = i % 10 + 1;
        ShapleyResult r = Shapley.sampled(CooperativeGames.WeightedVoting.of(2751, w), 200, 7);
        assertThat(r.players().stream().mapToDouble(ShapleyResult.PlayerValue::approx).sum()).isCloseTo(1, within(1e-9));
        // Heavier players have more power on average.
        double light = 0, heavy = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 1) light += r.players().get(i).approx();
            if (w[i] == 10) heavy += r.players().get(i).approx();
        }
        assertThat(heavy).isGreaterThan(light);
    }

    @Test
    void json_tableAndWeightedVotingForms() {
        CooperativeGame g = GameJson.read(new StringReader("""
                {"players": ["a", "b"],
                 "values": {"": 0, "a": 1, "b": "1/2", "b, a": 3}}
                """), "g.json");
        // phi_a = (1 + (3 - 1/2)) / 2 = 7/4; phi_b = (1/2 + (3 - 1)) / 2 = 5/4.
        assertThat(values(Shapley.exact(g))).containsExactly("7/4", "5/4");
        CooperativeGame v = GameJson.read(new StringReader("""
                {"players": ["x", "y", "z"], "weightedVoting": {"quota": 51, "weights": [50, 49, 1]}}"""), "v.json");
        assertThat(values(Shapley.exact(v))).containsExactly("2/3", "1/6", "1/6");
        CooperativeGame air = GameJson.read(new StringReader("{\"players\":[\"s\",\"l\"],\"airport\":{\"costs\":[1,3]}}"), "a.json");
        assertThat(values(Shapley.exact(air))).containsExactly("1/2", "5/2");
        CooperativeGame gl = GameJson.read(new StringReader("{\"players\":[\"L\",\"R1\",\"R2\"],\"gloves\":{\"left\":[\"L\"]}}"), "gl.json");
        assertThat(values(Shapley.exact(gl))).containsExactly("2/3", "1/6", "1/6");
    }

    @Test
    void json_errorsNameFileLineAndField() {
        assertJsonError("{\"players\": [\"a\", \"b\"],\n \"values\": {\"a\": 1,\n \"a,c\": 2}}", "g.json, line 3, field values.\"a,c\": \"c\" is not one of the players");
        assertJsonError("{\"players\": [\"a\", \"b\"],\n \"values\": {\"a\": 1, \"b\": 1}}", "g.json, line 2, field values: the coalition \"a,b\" has no value");
        assertJsonError("{\"players\": [\"a\"],\n \"values\": {\"a\": \"lots\"}}", "g.json, line 2, field values.\"a\": expected a number");
        assertJsonError("{\"players\": [\"a\"],\n \"values\": {\"a\": 1, \"\": 2}}", "g.json, line 2, field values.\"\": the empty coalition must be worth 0");
        assertJsonError("{\"players\": [\"a\"],\n \"valeus\": {}}", "g.json, line 2, field valeus: unknown field");
        assertJsonError("{\"players\": [\"a\", \"a\"], \"values\": {}}", "g.json, field players: the player \"a\" appears twice");
        assertJsonError("{\"players\": [\"a\"]", "g.json, line 1: not valid JSON");
        assertJsonError("{\"players\": [\"a\"], \"weightedVoting\": {\"weights\": [1]}}", "g.json, line 1, field weightedVoting.quota: missing");
        assertJsonError("{\"players\": [\"a\",\"b\"], \"weightedVoting\": {\"quota\": 1, \"weights\": [1]}}", "g.json, line 1, field weightedVoting: 1 weights for 2 players");
    }

    private static void assertJsonError(String json, String message) {
        assertThatThrownBy(() -> GameJson.read(new StringReader(json), "g.json")).isInstanceOf(GameFormatException.class)
                .hasMessageStartingWith(message);
    }

    @org.junit.jupiter.api.Test
    void samplingAWeightedVotingGameComparesWithTheQuotaExactly() {
        // Ten voters of weight 1/10 and a quota of 1: only all ten together win, so in every sampled order exactly
        // one voter (the last) is pivotal, and the estimates sum to 1. Summed in doubles, ten tenths make
        // 0.9999999999999999 < 1: nobody would ever be pivotal and every estimate would be 0.
        var names = new java.util.ArrayList<String>();
        var weights = new java.util.ArrayList<org.charter.core.math.Rational>();
        for (int i = 0; i < 10; i++) {
            names.add("v" + i);
            weights.add(org.charter.core.math.Rational.of(1, 10));
        }
        var game = new CooperativeGames.WeightedVoting(names, org.charter.core.math.Rational.ONE, weights);
        ShapleyResult sampled = Shapley.sampled(game, 200, 7);
        double sum = 0;
        for (ShapleyResult.PlayerValue v : sampled.players()) {
            sum += v.approx();
            org.assertj.core.api.Assertions.assertThat(v.approx()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(6 * v.standardError() + 1e-12));
        }
        org.assertj.core.api.Assertions.assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
