package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.List;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

/**
 * Worked examples, computed by hand (the arithmetic is in the comments), and Atkinson's index on a two-person
 * distribution as in Atkinson (1970), section 3.
 */
class WelfareFunctionsTest {
    /*
     * Groups a, b, c.        sum  min  product  sorted
     *   A  10, 1, 1          12   1    10       1,1,10
     *   B   4, 4, 3          11   3    48       3,4,4
     *   C   3, 3, 5          11   3    45       3,3,5
     *   D   6, 5, 0          11   0    0        0,5,6
     */
    static final String TABLE = """
            option,a,b,c
            A,10,1,1
            B,4,4,3
            C,3,3,5
            D,6,5,0
            """;

    static UtilityProfile table() {
        return UtilityCsv.read(new StringReader(TABLE), "table.csv");
    }

    static WelfareResult rank(String swf, UtilityProfile p) {
        return WelfareFunctions.parse(swf).rank(p);
    }

    @Test
    void utilitarian_picksTheLargestSum() {
        WelfareResult r = rank("utilitarian", table());
        assertThat(r.best()).containsExactly("A");
        assertThat(r.options()).extracting(WelfareResult.OptionWelfare::value).containsExactly("12", "11", "11", "11");
        assertThat(r.arithmetic()).isEqualTo("exact");
    }

    @Test
    void egalitarian_returnsBothTiedMaximinOptionsSorted() {
        WelfareResult r = rank("egalitarian", table());
        assertThat(r.best()).containsExactly("B", "C");
        assertThat(r.of("D").value()).isEqualTo("0");
        assertThat(r.of("A").evidence().get("worstOff")).isEqualTo(List.of("b", "c"));
    }

    @Test
    void leximin_breaksTheMaximinTieOnTheSecondWorstOff() {
        WelfareResult r = rank("leximin", table());
        assertThat(r.best()).containsExactly("B");
        assertThat(r.of("B").evidence().get("sorted")).isEqualTo(List.of("3", "4", "4"));
        assertThat(r.of("C").evidence().get("sorted")).isEqualTo(List.of("3", "3", "5"));
    }

    @Test
    void nash_picksTheLargestProductAndRanksAZeroLast() {
        WelfareResult r = rank("nash", table());
        assertThat(r.best()).containsExactly("B");
        assertThat(r.of("B").value()).isEqualTo("48");
        assertThat(r.of("C").value()).isEqualTo("45");
        assertThat(r.of("D").value()).isEqualTo("0");
        assertThat(r.of("D").evidence()).containsEntry("zeroWeight", "1").containsEntry("positiveProduct", "30");
    }

    @Test
    void nash_zeros_fewerZerosFirstThenProductOfThePositiveOnes() {
        // Caragiannis et al.: E and F leave one group at zero, G two; among E and F the product of the rest decides.
        var p = UtilityProfile.ofLongs(new long[][] {{0, 5, 5}, {0, 1, 1}, {0, 0, 100}});
        assertThat(rank("nash", p).best()).containsExactly("o1");
        // An all-positive option beats every option with a zero, however large the others' products.
        var q = UtilityProfile.ofLongs(new long[][] {{0, 1000, 1000}, {1, 1, 1}});
        assertThat(rank("nash", q).best()).containsExactly("o2");
    }

    @Test
    void nashAndAtkinson_refuseNegativeUtilitiesNamingOptionAndGroup() {
        var p = UtilityProfile.ofLongs(new long[][] {{1, 2}, {3, -1}});
        for (String swf : List.of("nash", "atkinson:1")) {
            assertThatThrownBy(() -> rank(swf, p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("option \"o2\"").hasMessageContaining("group \"g2\"").hasMessageContaining("-1");
        }
        // The exact functions accept negative utilities.
        assertThat(rank("leximin", p).best()).containsExactly("o1");
    }

    @Test
    void atkinson_powerMeans() {
        var p = table();
        assertThat(rank("atkinson:0", p).best()).containsExactly("A"); // the mean: 4 against 11/3
        WelfareResult geometric = rank("atkinson:1", p);
        assertThat(geometric.best()).containsExactly("B");
        assertThat(geometric.of("B").approx()).isCloseTo(Math.cbrt(48), within(1e-12));
        assertThat(geometric.of("D").approx()).isZero();
        WelfareResult harmonic = rank("atkinson:2", p);
        assertThat(harmonic.best()).containsExactly("B");
        assertThat(harmonic.of("B").approx()).isCloseTo(3.6, within(1e-12)); // 3 / (1/4 + 1/4 + 1/3)
        assertThat(harmonic.of("A").approx()).isCloseTo(3 / 2.1, within(1e-12));
        assertThat(rank("atkinson:inf", p).best()).containsExactly("B", "C"); // the limit is maximin
        assertThat(rank("atkinson:200", p).best()).containsExactly("B"); // large epsilon: close to leximin's choice
    }

    @Test
    void atkinson_indexOfTheDistributionOneAndFour() {
        // ede(1,4): eps 1/2 -> ((1 + 2) / 2)^2 = 2.25; eps 1 -> 2; eps 2 -> 2 / (1 + 1/4) = 1.6. Mean 2.5.
        var p = UtilityProfile.ofLongs(new long[][] {{1, 4}});
        double[][] expected = {{0.5, 2.25, 0.1}, {1, 2, 0.2}, {2, 1.6, 0.36}};
        for (double[] e : expected) {
            WelfareResult.OptionWelfare o = new WelfareFunctions.Atkinson(e[0]).rank(p).options().get(0);
            assertThat(o.approx()).isCloseTo(e[1], within(1e-12));
            assertThat((Double) o.evidence().get("atkinsonIndex")).isCloseTo(e[2], within(1e-12));
        }
        assertThatThrownBy(() -> WelfareFunctions.parse("atkinson:-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> WelfareFunctions.parse("atkinson:x")).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> WelfareFunctions.parse("rawls")).hasMessageContaining("unknown welfare function");
    }

    @Test
    void atkinson_extremeUtilitiesDoNotOverflow() {
        var p = new UtilityProfile(List.of("x", "y"), List.of("a", "b"), List.of(Rational.ONE, Rational.ONE),
                List.of(List.of(Rational.parse("1e-200"), Rational.parse("1e200")), List.of(Rational.ONE, Rational.ONE)));
        WelfareResult r = new WelfareFunctions.Atkinson(50).rank(p);
        assertThat(r.options()).allSatisfy(o -> assertThat(o.approx()).isFinite());
        assertThat(r.best()).containsExactly("y");
        assertThat(r.of("x").approx()).isCloseTo(1e-200 * Math.pow(2, 1.0 / 49), within(1e-210));
    }

    @Test
    void weights_countGroupsBySize() {
        // Weights a=1, b=2, c=1. Utilitarian: A 13, B 15, C 14, D 16. Nash: A 10, B 4*16*3 = 192, C 3*9*5 = 135, D 0.
        // Leximin: A 1,1,1,10; B 3,4,4,4; C 3,3,3,5.
        var p = UtilityCsv.read(new StringReader("option,a,b,c\n#weights,1,2,1\n" + TABLE.lines().skip(1).map(l -> l + "\n")
                .reduce("", String::concat)), "weighted.csv");
        assertThat(rank("utilitarian", p).best()).containsExactly("D");
        assertThat(rank("utilitarian", p).of("D").value()).isEqualTo("16");
        assertThat(rank("nash", p).of("B").value()).isEqualTo("192");
        assertThat(rank("nash", p).best()).containsExactly("B");
        assertThat(rank("leximin", p).of("C").evidence().get("sorted")).isEqualTo(List.of("3 x3", "5")); // with weights: each step with its weight
        assertThat(rank("leximin", p).best()).containsExactly("B");
    }

    @Test
    void nash_largeWeightsStayExactButPrintShort() {
        // Weights 120, 80, 50: split = 4^120 2^80 3^50 beats reform = 3^250 (120 ln 4 + 80 ln 2 + 50 ln 3 = 277.7 > 274.7).
        var p = UtilityCsv.read(new StringReader("option,n,s,e\n#weights,120,80,50\nreform,3,3,3\nsplit,4,2,3\n"), "w.csv");
        WelfareResult r = rank("nash", p);
        assertThat(r.arithmetic()).isEqualTo("exact");
        assertThat(r.best()).containsExactly("split");
        assertThat(r.of("reform").value()).isEqualTo("~1.906837e119");
        assertThat(r.of("reform").evidence().get("positiveProduct")).isEqualTo(java.math.BigInteger.valueOf(3).pow(250).toString());
    }

    @Test
    void nash_productsBeyondLongsAreExact() {
        long[][] rows = new long[2][20];
        java.util.Arrays.fill(rows[0], 100);
        java.util.Arrays.fill(rows[1], 100);
        rows[1][19] = 99;
        WelfareResult r = rank("nash", UtilityProfile.ofLongs(rows));
        assertThat(r.best()).containsExactly("o1");
        assertThat(r.of("o1").value()).isEqualTo("~1e40");
        assertThat(r.of("o1").evidence().get("positiveProduct")).isEqualTo(java.math.BigInteger.TEN.pow(40).toString());
        assertThat(r.of("o2").evidence().get("positiveProduct")).isEqualTo(java.math.BigInteger.TEN.pow(38).multiply(java.math.BigInteger.valueOf(99)).toString());
    }

    @Test
    void leximin_rationalWeightsAgreeWithWholeCopies() {
        // Weights 1/2, 1/2, 1 are weights 1, 1, 2 halved: x = (1, 3, 2) sorts to 1, 2, 2, 3; y = (2, 2, 1) to 1, 1, 2, 2.
        var half = Rational.of(1, 2);
        var p = new UtilityProfile(List.of("x", "y"), List.of("a", "b", "c"), List.of(half, half, Rational.ONE),
                List.of(List.of(Rational.of(1), Rational.of(3), Rational.of(2)), List.of(Rational.of(2), Rational.of(2), Rational.of(1))));
        WelfareResult r = rank("leximin", p);
        assertThat(r.best()).containsExactly("x");
        assertThat(r.of("x").evidence().get("sorted")).isEqualTo(List.of("1 x1/2", "2", "3 x1/2"));
        // Nash with fractional weights falls back to logarithms, within the stated tolerance.
        WelfareResult nash = rank("nash", p);
        assertThat(nash.arithmetic()).contains("tolerance");
        assertThat(nash.of("x").approx()).isCloseTo(0.5 * Math.log(3) + Math.log(2), within(1e-12));
    }

    @Test
    void registry_listsEveryFunctionAndParsesIds() {
        assertThat(WelfareFunctions.registry()).containsKeys("utilitarian", "nash", "egalitarian", "leximin", "atkinson:EPS");
        for (WelfareFunction f : WelfareFunctions.all()) assertThat(WelfareFunctions.parse(f.id()).id()).isEqualTo(f.id());
        assertThat(WelfareFunctions.parse("maximin").id()).isEqualTo("egalitarian");
        assertThat(WelfareFunctions.parse("atkinson:0.5").id()).isEqualTo("atkinson:0.5");
    }
}
