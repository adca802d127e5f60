package org.charter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.charter.core.preference.Choices;
import org.charter.core.preference.LuceFitter;
import org.charter.core.preference.LuceFitter.Algorithm;
import org.charter.core.preference.Simulate;
import org.charter.core.preference.StrengthFit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench prefs}: Bradley-Terry on millions of sparse comparisons and Plackett-Luce on a million
 * rankings, by MM, iterative LSR and Newton-CG, with iteration counts, accuracy against the planted strengths, and a
 * warm-started update after new comparisons arrive.
 */
@Command(name = "prefs", mixinStandardHelpOptions = true,
        description = {"Fit Bradley-Terry to --comparisons seeded comparisons among --items items (pairs uniform, winners by",
                "planted N(0,1) strengths) and Plackett-Luce to --rankings rankings of --length items among --pl-items items,",
                "by MM, iterative LSR and Newton-CG to --tol; print time, iterations, the largest gradient component, the",
                "error against the planted strengths and against Newton's optimum; then add 1% new comparisons and refit",
                "from the previous estimate (warm start) and from zero. One run of each (the fits take seconds)."})
final class BenchPrefsCommand implements Callable<Integer> {
    @Option(names = "--items", defaultValue = "100000", description = "Bradley-Terry items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--comparisons", defaultValue = "10000000", description = "Bradley-Terry comparisons (default: ${DEFAULT-VALUE}).")
    int comparisons;

    @Option(names = "--pl-items", defaultValue = "10000", description = "Plackett-Luce items (default: ${DEFAULT-VALUE}).")
    int plItems;

    @Option(names = "--rankings", defaultValue = "1000000", description = "Plackett-Luce rankings (default: ${DEFAULT-VALUE}).")
    int rankings;

    @Option(names = "--length", defaultValue = "5", description = "Items per ranking (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--tol", defaultValue = "1e-6", description = "Stop when no strength moves by more than this (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--seed", defaultValue = "20261128", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--algorithms", defaultValue = "mm,ilsr,newton", split = ",", description = "Which algorithms (default: ${DEFAULT-VALUE}).")
    List<String> algorithms;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (items < 2 || comparisons < 1 || plItems < length || rankings < 1 || length < 2 || !(tol > 0)) {
            throw new UsageException("--items at least 2, --comparisons and --rankings positive, --length at least 2 and at most --pl-items, --tol positive");
        }
        List<Algorithm> chosen = new ArrayList<>();
        for (String a : algorithms) {
            try {
                chosen.add(Algorithm.parse(a.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--algorithms: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "charter bench prefs: seed %d, tolerance %.0e; %d cores, Java %s, max heap %d MiB%n", seed, tol,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        var random = new SplittableRandom(seed);
        double[] truth = planted(items, random);
        long t0 = System.nanoTime();
        Choices bt = Simulate.pairwise(truth, comparisons, random.split());
        out.printf(Locale.ROOT, "Bradley-Terry: %,d items, %,d comparisons (generated in %.1f s; the data take %d MiB)%n", items, comparisons,
                seconds(t0), bytes(bt) >> 20);
        StrengthFit reference = run(out, "bt", bt, chosen, truth);
        // an update: 1% more comparisons, fitted from the previous estimate and from zero
        Choices more = bt.append(Simulate.pairwise(truth, Math.max(1, comparisons / 100), random.split()));
        out.printf(Locale.ROOT, "update after %,d new comparisons (warm start from the previous fit vs from zero):%n", comparisons / 100);
        for (Algorithm a : chosen) {
            var options = LuceFitter.Options.defaults().with(a).withTolerance(tol).withStandardErrors(false);
            long w0 = System.nanoTime();
            StrengthFit warm = LuceFitter.fit("bt", more, options.withInitial(reference.strengths()));
            double warmSeconds = seconds(w0);
            long c0 = System.nanoTime();
            StrengthFit cold = LuceFitter.fit("bt", more, options);
            double coldSeconds = seconds(c0);
            out.printf(Locale.ROOT, "  %-6s warm %6.2f s, %4d iterations, %4d passes | cold %6.2f s, %4d iterations, %4d passes | %.1fx faster; largest difference %.1e%n",
                    a.id(), warmSeconds, warm.iterations(), warm.passes(), coldSeconds, cold.iterations(), cold.passes(), coldSeconds / warmSeconds, maxDiff(warm.strengths(), cold.strengths()));
        }
        bt = null;
        more = null;
        double[] plTruth = planted(plItems, random);
        long p0 = System.nanoTime();
        Choices pl = Simulate.rankings(plTruth, rankings, length, random.split());
        out.printf(Locale.ROOT, "Plackett-Luce: %,d items, %,d rankings of %d (%,d choices; generated in %.1f s; %d MiB)%n", plItems, rankings, length,
                pl.size(), seconds(p0), bytes(pl) >> 20);
        run(out, "pl", pl, chosen, plTruth);
        out.flush();
        return 0;
    }

    private StrengthFit run(PrintWriter out, String model, Choices data, List<Algorithm> chosen, double[] truth) {
        List<StrengthFit> fits = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (Algorithm a : chosen) {
            System.gc();
            long t = System.nanoTime();
            StrengthFit fit = LuceFitter.fit(model, data, LuceFitter.Options.defaults().with(a).withTolerance(tol).withStandardErrors(false));
            times.add(seconds(t));
            fits.add(fit);
        }
        StrengthFit reference = fits.get(fits.size() - 1);
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i) == Algorithm.NEWTON) reference = fits.get(i);
        }
        for (int i = 0; i < chosen.size(); i++) {
            StrengthFit f = fits.get(i);
            out.printf(Locale.ROOT, "  %-6s %7.2f s, %5d iterations, %5d passes%s, largest gradient %.1e, RMSE vs planted %.4f, largest difference from %s %.1e%n",
                    f.algorithm(), times.get(i), f.iterations(), f.passes(), f.converged() ? "" : " (not converged)", f.gradientNorm(), rmse(f.strengths(), truth),
                    reference.algorithm(), maxDiff(f.strengths(), reference.strengths()));
        }
        return reference;
    }

    static double[] planted(int n, SplittableRandom random) {
        double[] theta = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) mean += theta[i] = random.nextGaussian();
        mean /= n;
        for (int i = 0; i < n; i++) theta[i] -= mean;
        return theta;
    }

    static long bytes(Choices c) {
        // chosen + offsets + members (ints) and the observation index
        return 4L * (c.size() + (c.size() + 1) + (c.slots() - c.size()) + c.size());
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
