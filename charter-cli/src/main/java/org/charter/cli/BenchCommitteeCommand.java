package org.charter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.charter.core.choice.committee.ApprovalProfile;
import org.charter.core.choice.committee.CommitteeResult;
import org.charter.core.choice.committee.CommitteeRules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter bench committee}: timings of exact PAV, seq-Phragmén and Equal Shares on seeded random profiles. */
@Command(name = "committee", mixinStandardHelpOptions = true,
        description = {"Times committee rules on seeded random approval profiles (each voter approves each candidate independently with a fixed probability).",
                "Exact PAV (branch and bound, all optimal committees) on 100 voters x 30 candidates, k = 10; seq-Phragmén and the Method of Equal Shares (resolute) on 100,000 voters x 200 candidates, k = 20.",
                "Prints the median, min and max of the measured runs after warm-up."})
final class BenchCommitteeCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "2026", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per case (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Warm-up runs per case (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--pav-p", defaultValue = "0.2", description = "Approval probability of the PAV profile (default: ${DEFAULT-VALUE}).")
    double pavP;

    @Option(names = "--large-p", defaultValue = "0.1", description = "Approval probability of the large profile (default: ${DEFAULT-VALUE}).")
    double largeP;

    @Spec
    CommandSpec spec;

    /** A seeded random profile: every voter approves every candidate independently with probability p. */
    static ApprovalProfile randomProfile(int voters, int candidates, double p, long seed) {
        var rnd = new SplittableRandom(seed);
        var approvals = new ArrayList<List<Integer>>(voters);
        for (int v = 0; v < voters; v++) {
            var set = new ArrayList<Integer>();
            for (int c = 0; c < candidates; c++) if (rnd.nextDouble() < p) set.add(c);
            approvals.add(set);
        }
        return ApprovalProfile.of(candidates, approvals);
    }

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) throw new UsageException("bench committee: --runs must be positive and --warmup not negative");
        PrintWriter out = spec.commandLine().getOut();
        out.printf("charter bench committee: seed %d, %d warm-up + %d measured runs, JVM %s, %d cores%n", seed, warmup, runs,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        ApprovalProfile small = randomProfile(100, 30, pavP, seed);
        measure(out, "pav (irresolute, exact branch and bound)", small, "pav", 10, false);
        long t0 = System.nanoTime();
        ApprovalProfile large = randomProfile(100_000, 200, largeP, seed + 1);
        long approvals = 0;
        for (int v = 0; v < large.numVoters(); v++) approvals += large.approved(v).length;
        out.printf("generated 100000 voters x 200 candidates (p = %s, %d approvals) in %.0f ms%n", largeP, approvals, (System.nanoTime() - t0) / 1e6);
        measure(out, "seq-phragmen (resolute)", large, "seq-phragmen", 20, true);
        measure(out, "equal-shares (resolute, seq-Phragmén completion)", large, "equal-shares", 20, true);
        measure(out, "equal-shares-no-completion (resolute)", large, "equal-shares-no-completion", 20, true);
        return 0;
    }

    private void measure(PrintWriter out, String label, ApprovalProfile p, String rule, int k, boolean resolute) {
        var r = CommitteeRules.find(rule).orElseThrow();
        CommitteeResult last = null;
        for (int i = 0; i < warmup; i++) last = CommitteeRules.compute(r, p, k, resolute);
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = CommitteeRules.compute(r, p, k, resolute);
            times[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(times);
        out.printf("%-52s %d voters x %d candidates, k = %d: median %.1f ms (min %.1f, max %.1f); %d committee(s), first %s%n",
                label, p.numVoters(), p.numCandidates(), k, times[runs / 2] / 1e6, times[0] / 1e6, times[runs - 1] / 1e6,
                last.committees().size(), last.committees().get(0));
        if (last.explanation().method() != null && rule.equals("pav")) out.println("  " + last.explanation().method() + "; score " + last.explanation().optimalScore());
        out.flush();
    }
}
