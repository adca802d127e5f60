package org.charter.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RationalProperties {
    @Provide
    Arbitrary<Rational> rationals() {
        return Combinators.combine(Arbitraries.longs().between(-1_000_000, 1_000_000), Arbitraries.longs().between(1, 1_000_000))
                .as(Rational::of);
    }

    @Property
    void fieldLaws(@ForAll("rationals") Rational a, @ForAll("rationals") Rational b, @ForAll("rationals") Rational c) {
        assertThat(a.add(b)).isEqualTo(b.add(a));
        assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
        assertThat(a.multiply(b.add(c))).isEqualTo(a.multiply(b).add(a.multiply(c)));
        assertThat(a.subtract(a)).isEqualTo(Rational.ZERO);
        if (b.signum() != 0) assertThat(a.divide(b).multiply(b)).isEqualTo(a);
    }

    @Property
    void orderAgreesWithDoubles(@ForAll("rationals") Rational a, @ForAll("rationals") Rational b) {
        if (a.doubleValue() < b.doubleValue()) assertThat(a).isLessThan(b);
        assertThat(Rational.parse(a.toString())).isEqualTo(a);
    }

    @Test
    void lowestTermsAndParsing() {
        assertThat(Rational.of(6, -8)).hasToString("-3/4");
        assertThat(Rational.parse("0.25")).isEqualTo(Rational.of(1, 4));
        assertThat(Rational.of(1, 2).add(Rational.of(1, 3)).add(Rational.of(1, 6))).isEqualTo(Rational.ONE);
        assertThatThrownBy(() -> Rational.of(1, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Rational.parse("x")).hasMessageContaining("\"x\"");
    }
}
