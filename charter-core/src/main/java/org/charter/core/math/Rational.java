package org.charter.core.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * An exact rational number, always in lowest terms with a positive denominator. Rules defined over counts (Borda
 * scores, PAV's harmonic sums, Phragmén's loads, shares) compute with it so that ties are ties, not rounding noise.
 */
public final class Rational extends Number implements Comparable<Rational> {
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Rational of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) throw new ArithmeticException("denominator is zero");
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
        if (numerator.signum() == 0) denominator = BigInteger.ONE;
        return new Rational(numerator, denominator);
    }

    /** Reads "3", "-3/4" or "0.25" (a decimal is taken exactly). */
    public static Rational parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        try {
            if (slash >= 0) return of(new BigInteger(s.substring(0, slash).trim()), new BigInteger(s.substring(slash + 1).trim()));
            BigDecimal d = new BigDecimal(s);
            return d.scale() <= 0 ? of(d.toBigIntegerExact(), BigInteger.ONE)
                    : of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new NumberFormatException("not a rational number: \"" + text + "\"");
        }
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    public Rational add(Rational o) {
        if (denominator.equals(o.denominator)) return of(numerator.add(o.numerator), denominator);
        return of(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational multiply(Rational o) {
        return of(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    public Rational multiply(long factor) {
        return of(numerator.multiply(BigInteger.valueOf(factor)), denominator);
    }

    public Rational divide(Rational o) {
        if (o.numerator.signum() == 0) throw new ArithmeticException("division by zero");
        return of(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational reciprocal() {
        return of(denominator, numerator);
    }

    public int signum() {
        return numerator.signum();
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    @Override
    public int compareTo(Rational o) {
        if (denominator.equals(o.denominator)) return numerator.compareTo(o.numerator);
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public double doubleValue() {
        if (numerator.bitLength() < 53 && denominator.bitLength() < 53) return numerator.doubleValue() / denominator.doubleValue();
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL64).doubleValue();
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public int intValue() {
        return (int) doubleValue();
    }

    @Override
    public long longValue() {
        return (long) doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    /** "3" or "-3/4". */
    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
