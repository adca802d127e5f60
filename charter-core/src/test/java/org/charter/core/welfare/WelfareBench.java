package org.charter.core.welfare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.charter.core.math.Rational;

/**
 * Timings for NOTES-welfare.md (not a test: run by hand). Each measurement runs {@code repeat} times after one
 * warm-up run and prints the median.
 *
 * <pre>
 * java -cp charter-core/target/classes:charter-core/target/test-classes:JACKSON_JARS org.charter.core.welfare.WelfareBench [repeat]
 * </pre>
 */
public final class WelfareBench {
    private WelfareBench() { }

    public static void main(String[] args) {
        int repeat = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("WelfareBench: median of %d runs after a warm-up; %d cores, Java %s%n", repeat,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        UtilityProfile independent = random(100_000, 20, 0, 7);
        UtilityProfile correlated = random(100_000, 20, 1, 7);
        String only = args.length > 1 ? args[1] : "all"; // "all"; "pareto": only the Pareto lines, with 100,000 x 20; "big": all, with 100,000 x 20
        if (!only.equals("pareto")) measureWelfareAndShapley(repeat, independent);
        measurePareto(repeat, correlated, !only.equals("all"));
    }

    private static void measureWelfareAndShapley(int repeat, UtilityProfile independent) {
        for (String swf : List.of("utilitarian", "egalitarian", "leximin", "nash", "atkinson:2")) {
            WelfareFunction f = WelfareFunctions.parse(swf);
            time(repeat, swf + " 100,000 options x 20 groups", () -> f.rank(independent).best());
        }
        var r = new SplittableRandom(11);
        long[] w20 = new long[20];
        long total = 0;
        for (int i = 0; i < w20.length; i++) total += w20[i] = 1 + r.nextInt(50);
        long quota = total / 2 + 1;
        time(repeat, "shapley exact, weighted voting n=20", () -> Shapley.exact(CooperativeGames.WeightedVoting.of(quota, w20)).sum());
        var table = CooperativeGames.Table.of(CooperativeGames.WeightedVoting.of(quota, w20));
        time(repeat, "shapley exact, n=20 from a tabulated game", () -> Shapley.exact(table).sum());
        long[] w60 = new long[60];
        long t60 = 0;
        for (int i = 0; i < w60.length; i++) t60 += w60[i] = 1 + r.nextInt(50);
        long q60 = t60 / 2 + 1;
        time(repeat, "shapley exact by counting swings, weighted voting n=60", () -> Shapley.exact(CooperativeGames.WeightedVoting.of(q60, w60)).sum());
        long[] w1000 = new long[1000];
        long t1000 = 0;
        for (int i = 0; i < w1000.length; i++) t1000 += w1000[i] = 1 + r.nextInt(50);
        long q1000 = t1000 / 2 + 1;
        time(repeat, "shapley sampled, weighted voting n=1,000, 10,000 permutations",
                () -> Shapley.sampled(CooperativeGames.WeightedVoting.of(q1000, w1000), 10_000, 1).sum());
    }

    private static void measurePareto(int repeat, UtilityProfile correlated, boolean big) {
        UtilityProfile small = random(10_000, 20, 0, 7);
        time(repeat, "pareto 10,000 x 20, independent utilities", () -> Pareto.frontier(small).efficient().size() + " efficient");
        UtilityProfile low = random(100_000, 3, 0, 7);
        time(repeat, "pareto 100,000 x 3, independent utilities", () -> Pareto.frontier(low).efficient().size() + " efficient");
        UtilityProfile five = random(100_000, 5, 0, 7);
        time(repeat, "pareto 100,000 x 5, independent utilities", () -> Pareto.frontier(five).efficient().size() + " efficient");
        UtilityProfile corr20k = random(20_000, 20, 1, 7);
        time(repeat, "pareto 20,000 x 20, correlated utilities", () -> Pareto.frontier(corr20k).efficient().size() + " efficient");
        if (big) {
            time(1, "pareto 100,000 x 20, correlated utilities", () -> Pareto.frontier(correlated).efficient().size() + " efficient");
        }
    }

    /** Integer utilities 0..100; correlated: half a shared base per option plus half independent noise. */
    static UtilityProfile random(int options, int groups, int correlated, long seed) {
        var r = new SplittableRandom(seed);
        List<String> names = new ArrayList<>(options), gs = new ArrayList<>(groups);
        List<List<Rational>> rows = new ArrayList<>(options);
        Rational[] cache = new Rational[101];
        for (int i = 0; i <= 100; i++) cache[i] = Rational.of(i);
        for (int g = 0; g < groups; g++) gs.add("g" + g);
        for (int o = 0; o < options; o++) {
            names.add("o" + o);
            int base = r.nextInt(51);
            List<Rational> row = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) row.add(cache[correlated == 1 ? base + r.nextInt(51) : r.nextInt(101)]);
            rows.add(row);
        }
        return UtilityProfile.unweighted(names, gs, rows);
    }

    static void time(int repeat, String label, Supplier<Object> work) {
        Object result = work.get(); // warm-up
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            result = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        String shown = String.valueOf(result);
        if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
        System.out.printf("%-62s %9.1f ms   (%s)%n", label, ms[repeat / 2], shown);
    }
}
