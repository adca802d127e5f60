package org.charter.core.welfare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.charter.core.math.Rational;

/**
 * The social welfare functions over a utility profile (options x groups, groups weighted by size), and their
 * registry. Utilitarian, egalitarian and leximin are exact over rationals; Nash is exact when the weights are whole
 * numbers of modest total and otherwise compares sums of logarithms; Atkinson's power means need roots and are
 * computed in doubles, values within a relative {@link #TOLERANCE} of each other counting as tied.
 */
public final class WelfareFunctions {
    /*
     * [1] A. B. Atkinson. "On the measurement of inequality." Journal of Economic Theory 2(3):244-263, 1970.
     * [2] J. F. Nash. "The bargaining problem." Econometrica 18(2):155-162, 1950.
     * [3] I. Caragiannis, D. Kurokawa, H. Moulin, A. D. Procaccia, N. Shah, J. Wang. "The unreasonable fairness of
     *     maximum Nash welfare." ACM Transactions on Economics and Computation 7(3), 2019 (EC 2016): the rule for
     *     zeros: first give positive utility to as many as possible, then maximise the product over them.
     * [4] J. Rawls. "A Theory of Justice." Harvard University Press, 1971 (maximin; leximin as its lexical extension).
     * [5] A. Sen. "Collective Choice and Social Welfare." Holden-Day, 1970 (the lexicographic extension of maximin).
     * [6] J. C. Harsanyi. "Cardinal welfare, individualistic ethics, and interpersonal comparisons of utility."
     *     Journal of Political Economy 63(4):309-321, 1955 (utilitarian sum).
     */

    /** Relative tolerance for floating-point welfare: a and b tie when |a - b| <= 1e-9 * max(|a|, |b|). */
    public static final double TOLERANCE = 1e-9;

    /** Nash welfare is computed exactly when every weight is a whole number and they sum to at most this. */
    public static final long NASH_EXACT_WEIGHT_LIMIT = 1_000;

    private static final Map<String, String> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("utilitarian", "sum of weighted utilities (Harsanyi 1955)");
        REGISTRY.put("nash", "product of utilities to the power of the weights; zeros first minimised (Nash 1950; Caragiannis et al. 2019)");
        REGISTRY.put("egalitarian", "the utility of the worst-off group, maximin (Rawls 1971)");
        REGISTRY.put("leximin", "sorted utilities compared lexicographically, worst-off first (Sen 1970)");
        REGISTRY.put("atkinson:EPS", "Atkinson's equally distributed equivalent, the power mean of order 1-EPS, EPS >= 0 or inf (Atkinson 1970)");
    }

    private WelfareFunctions() { }

    /** Every id with a one-line description and its source; {@code atkinson} takes its parameter after a colon. */
    public static Map<String, String> registry() {
        return java.util.Collections.unmodifiableMap(REGISTRY);
    }

    /** One of each function, Atkinson at epsilon 0, 1/2, 1, 2 and infinity: for tests that sweep them all. */
    public static List<WelfareFunction> all() {
        return List.of(new Utilitarian(), new Nash(), new Egalitarian(), new Leximin(), new Atkinson(0), new Atkinson(0.5),
                new Atkinson(1), new Atkinson(2), new Atkinson(Double.POSITIVE_INFINITY));
    }

    /** Parses {@code utilitarian}, {@code nash}, {@code egalitarian} (or {@code maximin}), {@code leximin}, {@code atkinson:EPS}. */
    public static WelfareFunction parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "utilitarian": return new Utilitarian();
            case "nash": return new Nash();
            case "egalitarian", "maximin": return new Egalitarian();
            case "leximin": return new Leximin();
            default:
        }
        if (s.startsWith("atkinson:")) {
            String eps = s.substring("atkinson:".length()).trim();
            if (eps.equals("inf") || eps.equals("infinity")) return new Atkinson(Double.POSITIVE_INFINITY);
            double e;
            try {
                e = Double.parseDouble(eps);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("atkinson needs a number after the colon (e.g. atkinson:2 or atkinson:inf), found \"" + eps + "\"");
            }
            return new Atkinson(e);
        }
        if (s.equals("atkinson")) throw new IllegalArgumentException("atkinson needs its parameter: atkinson:EPS, e.g. atkinson:1 (geometric mean)");
        throw new IllegalArgumentException("unknown welfare function \"" + spec + "\"; known: utilitarian, nash, egalitarian, leximin, atkinson:EPS");
    }

    /** Utilitarian welfare: the weighted sum of utilities, sum_g w_g u_g, exact. */
    public static final class Utilitarian implements WelfareFunction {
        /* [6] Harsanyi 1955. */
        @Override
        public String id() {
            return "utilitarian";
        }

        @Override
        public WelfareResult rank(UtilityProfile p) {
            Rational[] values = new Rational[p.optionCount()];
            long[][] ints = p.integerUtilities();
            long[] iw = integerWeights(p);
            if (ints != null && iw != null) {
                try {
                    for (int o = 0; o < values.length; o++) {
                        long sum = 0;
                        for (int g = 0; g < iw.length; g++) sum = Math.addExact(sum, Math.multiplyExact(iw[g], ints[o][g]));
                        values[o] = Rational.of(sum);
                    }
                    return exactResult(p, id(), "sum of weighted utilities", values, o -> Map.of());
                } catch (ArithmeticException overflow) {
                    // fall through to rationals
                }
            }
            for (int o = 0; o < values.length; o++) {
                Rational sum = Rational.ZERO;
                for (int g = 0; g < p.groupCount(); g++) {
                    Rational w = p.weight(g);
                    Rational u = p.utility(o, g);
                    sum = sum.add(w.equals(Rational.ONE) ? u : u.multiply(w));
                }
                values[o] = sum;
            }
            return exactResult(p, id(), "sum of weighted utilities", values, o -> Map.of());
        }
    }

    /** Egalitarian welfare (maximin): the smallest utility of any group, exact; weights do not matter. */
    public static final class Egalitarian implements WelfareFunction {
        /* [4] Rawls 1971. */
        @Override
        public String id() {
            return "egalitarian";
        }

        @Override
        public WelfareResult rank(UtilityProfile p) {
            Rational[] values = new Rational[p.optionCount()];
            for (int o = 0; o < values.length; o++) values[o] = min(p, o);
            return exactResult(p, id(), "utility of the worst-off group (maximin)", values, o -> {
                List<String> worst = new ArrayList<>();
                for (int g = 0; g < p.groupCount(); g++) if (p.utility(o, g).equals(values[o])) worst.add(p.groups().get(g));
                return Map.of("worstOff", worst);
            });
        }
    }

    /**
     * Leximin: compare the utilities sorted from worst-off up, lexicographically; a group of weight w counts as w
     * people (rational weights are handled exactly, as lengths of runs). Exact.
     */
    public static final class Leximin implements WelfareFunction {
        /* [5] Sen 1970; [4] Rawls 1971. */
        @Override
        public String id() {
            return "leximin";
        }

        @Override
        public WelfareResult rank(UtilityProfile p) {
            if (p.integerUtilities() != null && p.unitWeights()) return rankIntegers(p);
            int n = p.optionCount();
            Run[][] sorted = new Run[n][];
            for (int o = 0; o < n; o++) sorted[o] = sortedRuns(p, o);
            int bestIndex = 0;
            for (int o = 1; o < n; o++) if (compareRuns(sorted[o], sorted[bestIndex]) > 0) bestIndex = o;
            boolean[] best = new boolean[n];
            for (int o = 0; o < n; o++) best[o] = compareRuns(sorted[o], sorted[bestIndex]) == 0;
            boolean unit = p.unitWeights();
            var options = new ArrayList<WelfareResult.OptionWelfare>(n);
            for (int o = 0; o < n; o++) {
                // Unit weights: the sorted vector itself; otherwise each step as "value xweight".
                List<String> text = new ArrayList<>();
                for (Run r : sorted[o]) {
                    if (unit) {
                        for (int k = 0; k < r.weight.numerator().intValueExact(); k++) text.add(r.value.toString());
                    } else {
                        text.add(r.weight.equals(Rational.ONE) ? r.value.toString() : r.value + " x" + r.weight);
                    }
                }
                options.add(new WelfareResult.OptionWelfare(p.options().get(o), sorted[o][0].value.toString(),
                        sorted[o][0].value.doubleValue(), best[o], Map.of("sorted", text)));
            }
            return new WelfareResult(id(), "utilities sorted worst-off first, compared lexicographically (value shown: the minimum)",
                    "exact", bestNames(p, best), options);
        }
    }

    /** The same order over whole-number utilities with unit weights: sorted long arrays compared lexicographically. */
    private static WelfareResult rankIntegers(UtilityProfile p) {
        long[][] ints = p.integerUtilities();
        int n = ints.length;
        long[][] sorted = new long[n][];
        int bestIndex = 0;
        for (int o = 0; o < n; o++) {
            sorted[o] = ints[o].clone();
            Arrays.sort(sorted[o]);
            if (o > 0 && Arrays.compare(sorted[o], sorted[bestIndex]) > 0) bestIndex = o;
        }
        boolean[] best = new boolean[n];
        var options = new ArrayList<WelfareResult.OptionWelfare>(n);
        for (int o = 0; o < n; o++) {
            best[o] = Arrays.equals(sorted[o], sorted[bestIndex]);
            List<String> text = new ArrayList<>(sorted[o].length);
            for (long u : sorted[o]) text.add(Long.toString(u));
            options.add(new WelfareResult.OptionWelfare(p.options().get(o), text.get(0), sorted[o][0], best[o], Map.of("sorted", text)));
        }
        return new WelfareResult("leximin", "utilities sorted worst-off first, compared lexicographically (value shown: the minimum)",
                "exact", bestNames(p, best), options);
    }

    /** The weights as longs when all are whole numbers, else null. */
    static long[] integerWeights(UtilityProfile p) {
        long[] w = new long[p.groupCount()];
        for (int g = 0; g < w.length; g++) {
            Rational x = p.weight(g);
            if (!x.isInteger() || x.numerator().bitLength() > 31) return null;
            w[g] = x.numerator().longValue();
        }
        return w;
    }

    /** A value held by a total weight of groups: one step of the sorted (weighted) utility vector. */
    record Run(Rational value, Rational weight) { }

    static Run[] sortedRuns(UtilityProfile p, int o) {
        Integer[] idx = new Integer[p.groupCount()];
        for (int g = 0; g < idx.length; g++) idx[g] = g;
        Arrays.sort(idx, Comparator.comparing(g -> p.utility(o, g)));
        List<Run> runs = new ArrayList<>();
        for (int g : idx) {
            Rational u = p.utility(o, g), w = p.weight(g);
            if (!runs.isEmpty() && runs.get(runs.size() - 1).value.equals(u)) {
                Run last = runs.remove(runs.size() - 1);
                runs.add(new Run(u, last.weight.add(w)));
            } else {
                runs.add(new Run(u, w));
            }
        }
        return runs.toArray(Run[]::new);
    }

    /** Leximin order of two sorted weighted vectors of the same total weight: walks both, consuming weight. */
    static int compareRuns(Run[] a, Run[] b) {
        int i = 0, j = 0;
        Rational leftA = a[0].weight, leftB = b[0].weight;
        while (i < a.length && j < b.length) {
            int c = a[i].value.compareTo(b[j].value);
            if (c != 0) return c;
            int d = leftA.compareTo(leftB);
            if (d == 0) {
                i++;
                j++;
                if (i < a.length) leftA = a[i].weight;
                if (j < b.length) leftB = b[j].weight;
            } else if (d < 0) {
                leftB = leftB.subtract(leftA);
                i++;
                if (i < a.length) leftA = a[i].weight;
            } else {
                leftA = leftA.subtract(leftB);
                j++;
                if (j < b.length) leftB = b[j].weight;
            }
        }
        return 0;
    }

    /**
     * Nash welfare: the product of utilities, each to the power of its group's weight (equivalently the weighted sum of
     * logarithms). Negative utilities are refused. Zeros follow Caragiannis et al. [3]: an option leaving less weight
     * at zero utility is better; among options with the same weight at zero, the larger product of the positive
     * utilities wins. So a zero ranks an option below every all-positive option, and options are never all tied at
     * zero. Exact when the weights are whole numbers summing to at most {@link #NASH_EXACT_WEIGHT_LIMIT}; otherwise
     * the sums of logarithms are compared within {@link #TOLERANCE}.
     */
    public static final class Nash implements WelfareFunction {
        /* [2] Nash 1950; [3] Caragiannis et al. 2019. */
        @Override
        public String id() {
            return "nash";
        }

        @Override
        public WelfareResult rank(UtilityProfile p) {
            requireNonNegative(p, "Nash welfare");
            int n = p.optionCount();
            Rational[] zeroWeight = new Rational[n];
            for (int o = 0; o < n; o++) {
                Rational z = Rational.ZERO;
                for (int g = 0; g < p.groupCount(); g++) if (p.utility(o, g).signum() == 0) z = z.add(p.weight(g));
                zeroWeight[o] = z;
            }
            Rational minZero = Arrays.stream(zeroWeight).min(Comparator.naturalOrder()).orElseThrow();
            boolean exact = exactWeights(p);
            var options = new ArrayList<WelfareResult.OptionWelfare>(n);
            boolean[] best = new boolean[n];
            if (exact) {
                long[][] ints = p.integerUtilities();
                Rational[] product = new Rational[n];
                Rational top = null;
                for (int o = 0; o < n; o++) {
                    Rational prod;
                    if (ints != null) { // whole numbers: multiply big integers, no fractions to reduce
                        BigInteger b = BigInteger.ONE;
                        long small = 1; // a running product of small factors, flushed before it could overflow
                        for (int g = 0; g < p.groupCount(); g++) {
                            long u = ints[o][g];
                            if (u <= 0) continue;
                            int e = p.weight(g).numerator().intValueExact();
                            if (e == 1 && u < (1L << 31)) {
                                if (small >= (1L << 31)) {
                                    b = b.multiply(BigInteger.valueOf(small));
                                    small = 1;
                                }
                                small *= u;
                            } else {
                                b = b.multiply(BigInteger.valueOf(u).pow(e));
                            }
                        }
                        prod = Rational.of(b.multiply(BigInteger.valueOf(small)), BigInteger.ONE);
                    } else {
                        prod = Rational.ONE;
                        for (int g = 0; g < p.groupCount(); g++) {
                            Rational u = p.utility(o, g);
                            if (u.signum() > 0) prod = prod.multiply(pow(u, p.weight(g).numerator().intValueExact()));
                        }
                    }
                    product[o] = prod;
                    if (zeroWeight[o].equals(minZero) && (top == null || prod.compareTo(top) > 0)) top = prod;
                }
                for (int o = 0; o < n; o++) {
                    best[o] = zeroWeight[o].equals(minZero) && product[o].equals(top);
                    Rational value = zeroWeight[o].signum() == 0 ? product[o] : Rational.ZERO;
                    double approx = value.isInteger() ? value.numerator().doubleValue() : value.doubleValue();
                    options.add(new WelfareResult.OptionWelfare(p.options().get(o), readable(value), approx, best[o],
                            Map.of("zeroWeight", zeroWeight[o].toString(), "positiveProduct", product[o].toString())));
                }
                return new WelfareResult(id(), "product of utilities to the power of the weights; less weight at zero first,"
                        + " then the product of the positive utilities", "exact", bestNames(p, best), options);
            }
            double[] logs = new double[n];
            double top = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < n; o++) {
                double s = 0;
                for (int g = 0; g < p.groupCount(); g++) {
                    Rational u = p.utility(o, g);
                    if (u.signum() > 0) s += p.weight(g).doubleValue() * log(u);
                }
                logs[o] = s;
                if (zeroWeight[o].equals(minZero)) top = Math.max(top, s);
            }
            for (int o = 0; o < n; o++) {
                best[o] = zeroWeight[o].equals(minZero) && tied(logs[o], top);
                options.add(new WelfareResult.OptionWelfare(p.options().get(o), zeroWeight[o].signum() == 0 ? format(logs[o]) : "-inf",
                        zeroWeight[o].signum() == 0 ? logs[o] : Double.NEGATIVE_INFINITY, best[o],
                        Map.of("zeroWeight", zeroWeight[o].toString(), "positiveLogProduct", format(logs[o]))));
            }
            return new WelfareResult(id(), "weighted sum of the logarithms of the utilities (value shown); less weight at zero"
                    + " first, then the sum over the positive utilities", "doubles, relative tolerance " + TOLERANCE,
                    bestNames(p, best), options);
        }

        private static boolean exactWeights(UtilityProfile p) {
            BigInteger total = BigInteger.ZERO;
            for (Rational w : p.weights()) {
                if (!w.isInteger()) return false;
                total = total.add(w.numerator());
            }
            return total.compareTo(BigInteger.valueOf(NASH_EXACT_WEIGHT_LIMIT)) <= 0;
        }

        /** The exact value when it is short; otherwise about 1.234e567 (products of powers get long). */
        private static String readable(Rational r) {
            String exact = r.toString();
            if (exact.length() <= 24) return exact;
            double log10 = log(r) / Math.log(10);
            double exponent = Math.floor(log10);
            return "~" + String.format(Locale.ROOT, "%.6f", Math.pow(10, log10 - exponent)).replaceAll("0+$", "")
                    .replaceAll("\\.$", "") + "e" + (long) exponent;
        }

        private static double log(Rational u) {
            // log(n/d) without overflowing a double for huge numerators or denominators.
            return logBig(u.numerator()) - logBig(u.denominator());
        }

        private static double logBig(BigInteger x) {
            int shift = Math.max(0, x.bitLength() - 1000);
            return Math.log(x.shiftRight(shift).doubleValue()) + shift * Math.log(2);
        }

        private static Rational pow(Rational base, int exponent) {
            return Rational.of(base.numerator().pow(exponent), base.denominator().pow(exponent));
        }
    }

    /**
     * Atkinson's equally distributed equivalent with inequality aversion epsilon >= 0: the weighted power mean of order
     * 1 - epsilon, {@code ede = (sum_g w_g u_g^(1-eps) / sum_g w_g)^(1/(1-eps))} for eps != 1, the geometric mean
     * {@code exp(sum_g w_g ln u_g / sum_g w_g)} for eps = 1, and the minimum in the limit eps -> infinity. Epsilon 0 is
     * the weighted mean (utilitarian up to the constant total weight). Utilities must be non-negative; for eps >= 1 a
     * zero utility makes the value 0 (the limit). Evidence: the mean and Atkinson's index 1 - ede / mean.
     */
    public static final class Atkinson implements WelfareFunction {
        /* [1] Atkinson 1970, section 3 (equation for the equally distributed equivalent income). */
        private final double epsilon;

        public Atkinson(double epsilon) {
            if (Double.isNaN(epsilon) || epsilon < 0) {
                throw new IllegalArgumentException("Atkinson's epsilon (inequality aversion) must be 0 or more, or inf; found " + epsilon);
            }
            this.epsilon = epsilon;
        }

        public double epsilon() {
            return epsilon;
        }

        @Override
        public String id() {
            if (Double.isInfinite(epsilon)) return "atkinson:inf";
            return "atkinson:" + (epsilon == Math.rint(epsilon) ? Long.toString((long) epsilon) : Double.toString(epsilon));
        }

        @Override
        public WelfareResult rank(UtilityProfile p) {
            requireNonNegative(p, "Atkinson's measure");
            int n = p.optionCount();
            double[] ede = new double[n];
            double[] mean = new double[n];
            double total = 0;
            double[] w = new double[p.groupCount()];
            for (int g = 0; g < w.length; g++) {
                w[g] = p.weight(g).doubleValue();
                total += w[g];
            }
            double top = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < n; o++) {
                double[] u = new double[w.length];
                double m = 0;
                for (int g = 0; g < w.length; g++) {
                    u[g] = p.utility(o, g).doubleValue();
                    m += w[g] * u[g];
                }
                mean[o] = m / total;
                ede[o] = powerMean(u, w, total, 1 - epsilon);
                top = Math.max(top, ede[o]);
            }
            boolean[] best = new boolean[n];
            var options = new ArrayList<WelfareResult.OptionWelfare>(n);
            for (int o = 0; o < n; o++) {
                best[o] = tied(ede[o], top);
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("mean", mean[o]);
                if (mean[o] > 0) evidence.put("atkinsonIndex", 1 - ede[o] / mean[o]);
                options.add(new WelfareResult.OptionWelfare(p.options().get(o), format(ede[o]), ede[o], best[o], evidence));
            }
            String what = Double.isInfinite(epsilon) ? "the minimum (the limit of the power means)"
                    : epsilon == 1 ? "weighted geometric mean" : "weighted power mean of order " + format(1 - epsilon);
            return new WelfareResult(id(), "Atkinson's equally distributed equivalent, epsilon " + (Double.isInfinite(epsilon) ? "inf" : format(epsilon))
                    + ": " + what, "doubles, relative tolerance " + TOLERANCE, bestNames(p, best), options);
        }

        /** The weighted power mean of order r, scaled to avoid overflow: by the maximum for r > 0, the minimum for r < 0. */
        static double powerMean(double[] u, double[] w, double total, double r) {
            double min = Double.POSITIVE_INFINITY, max = 0;
            for (double x : u) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            if (Double.isInfinite(r)) return min;
            if (max == 0) return 0;
            if (r == 0) {
                if (min == 0) return 0;
                double s = 0;
                for (int g = 0; g < u.length; g++) s += w[g] * Math.log(u[g] / max);
                return max * Math.exp(s / total);
            }
            if (r < 0) {
                if (min == 0) return 0;
                double s = 0;
                for (int g = 0; g < u.length; g++) s += w[g] * Math.pow(u[g] / min, r);
                return min * Math.pow(s / total, 1 / r);
            }
            double s = 0;
            for (int g = 0; g < u.length; g++) s += w[g] * Math.pow(u[g] / max, r);
            return max * Math.pow(s / total, 1 / r);
        }
    }

    // ---- shared helpers ----

    static Rational min(UtilityProfile p, int o) {
        Rational m = p.utility(o, 0);
        for (int g = 1; g < p.groupCount(); g++) m = m.min(p.utility(o, g));
        return m;
    }

    static void requireNonNegative(UtilityProfile p, String what) {
        for (int o = 0; o < p.optionCount(); o++) {
            for (int g = 0; g < p.groupCount(); g++) {
                if (p.utility(o, g).signum() < 0) {
                    throw new IllegalArgumentException(what + " needs non-negative utilities, but option \"" + p.options().get(o)
                            + "\" gives group \"" + p.groups().get(g) + "\" " + p.utility(o, g)
                            + " (shift all utilities by a constant, or use utilitarian, egalitarian or leximin)");
                }
            }
        }
    }

    /** a and b tie when |a - b| <= TOLERANCE * max(|a|, |b|); infinities tie only with themselves. */
    static boolean tied(double a, double b) {
        if (a == b) return true;
        if (Double.isInfinite(a) || Double.isInfinite(b)) return false;
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    static String format(double d) {
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.10g", d).replaceAll("0+$", "").replaceAll("\\.$", "")
                .replaceAll("0+e", "e").replaceAll("\\.e", "e");
    }

    interface Evidence {
        Map<String, Object> of(int option);
    }

    private static WelfareResult exactResult(UtilityProfile p, String id, String definition, Rational[] values, Evidence evidence) {
        Rational top = values[0];
        for (Rational v : values) top = top.max(v);
        boolean[] best = new boolean[values.length];
        var options = new ArrayList<WelfareResult.OptionWelfare>(values.length);
        for (int o = 0; o < values.length; o++) {
            best[o] = values[o].equals(top);
            options.add(new WelfareResult.OptionWelfare(p.options().get(o), values[o].toString(), values[o].doubleValue(), best[o], evidence.of(o)));
        }
        return new WelfareResult(id, definition, "exact", bestNames(p, best), options);
    }

    private static List<String> bestNames(UtilityProfile p, boolean[] best) {
        List<String> names = new ArrayList<>();
        for (int o = 0; o < best.length; o++) if (best[o]) names.add(p.options().get(o));
        names.sort(Comparator.naturalOrder());
        return names;
    }
}
