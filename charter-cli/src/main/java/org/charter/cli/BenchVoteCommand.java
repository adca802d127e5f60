package org.charter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.charter.core.choice.Ballot;
import org.charter.core.choice.MarginGraph;
import org.charter.core.choice.MarginRule;
import org.charter.core.choice.OrdinalElection;
import org.charter.core.choice.Profile;
import org.charter.core.choice.Rules;
import org.charter.core.choice.Truncation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench vote}: times Schulze, ranked pairs, split cycle and Copeland (ballots counted into margins
 * included) and instant runoff on seeded impartial-culture ballots, and how the time grows with ballots and candidates.
 */
@Command(name = "vote", mixinStandardHelpOptions = true,
        description = {"Time margin-based rules (Schulze, ranked pairs, split cycle, Copeland; counting the ballots into",
                "margins included) and instant runoff on seeded impartial-culture ballots: all distinct orders, and",
                "orders drawn from a pool of --pool distinct ones (merged with counts); then growth with ballots and",
                "candidates. Median of --repeat runs after --warmup runs."})
final class BenchVoteCommand implements Callable<Integer> {
    @Option(names = "--ballots", defaultValue = "1000000", description = "Ballots in the headline run (default: ${DEFAULT-VALUE}).")
    int ballots;

    @Option(names = "--candidates", defaultValue = "20", description = "Candidates in the headline run (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--pool", defaultValue = "1000", description = "Distinct orders in the repeated-orders run (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "20261128", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-scaling", description = "Skip the growth tables.")
    boolean noScaling;

    @Spec
    CommandSpec spec;

    static final List<String> MARGIN_RULES = List.of("schulze", "ranked-pairs", "split-cycle", "copeland");

    @Override
    public Integer call() {
        if (ballots < 1 || candidates < 2 || pool < 1 || repeat < 1 || warmup < 0) {
            throw new UsageException("--ballots, --pool and --repeat must be positive, --candidates at least 2, --warmup not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("charter bench vote: seed %d, median of %d runs after %d warm-up runs; %d cores, Java %s%n", seed, repeat, warmup,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        headline(out, "all distinct (impartial culture)", distinct(ballots, candidates, seed));
        headline(out, "repeated orders (" + pool + " distinct, merged)", pooled(ballots, candidates, pool, seed));
        if (!noScaling) {
            out.println("growth with ballots (" + candidates + " candidates, all distinct), ms: margins+schulze | margins+ranked-pairs | irv");
            for (int n : new int[] {10_000, 100_000, 1_000_000}) row(out, n + " ballots", distinct(n, candidates, seed));
            out.println("growth with candidates (100000 ballots, all distinct), ms: margins+schulze | margins+ranked-pairs | irv");
            for (int m : new int[] {5, 10, 20, 40}) row(out, m + " candidates", distinct(100_000, m, seed));
        }
        out.flush();
        return 0;
    }

    private void headline(PrintWriter out, String label, Profile p) {
        out.printf("%d ballots (%d lines) x %d candidates, %s:%n", p.voters(), p.ballots().size(), p.size(), label);
        double margins = time(() -> MarginGraph.of(p, Truncation.INCOMPARABLE));
        out.printf("  count ballots into margins   %8.1f ms%n", margins);
        MarginGraph g = MarginGraph.of(p, Truncation.INCOMPARABLE);
        for (String id : MARGIN_RULES) {
            MarginRule rule = (MarginRule) Rules.get(id);
            double only = time(() -> rule.apply(g));
            double total = time(() -> rule.apply(MarginGraph.of(p, Truncation.INCOMPARABLE)));
            out.printf("  %-13s margins+rule %8.1f ms  (rule alone %.2f ms) winners %s%n", id, total, only, rule.apply(g).winnerNames());
        }
        OrdinalElection e = new OrdinalElection(p, Truncation.INCOMPARABLE, g);
        double irv = time(() -> Rules.get("irv").apply(e));
        out.printf("  %-13s              %8.1f ms  winners %s%n", "irv", irv, Rules.get("irv").apply(e).winnerNames());
        out.flush();
    }

    private void row(PrintWriter out, String label, Profile p) {
        MarginRule schulze = (MarginRule) Rules.get("schulze"), rp = (MarginRule) Rules.get("ranked-pairs");
        OrdinalElection e = OrdinalElection.of(p, Truncation.INCOMPARABLE);
        out.printf("  %-16s %9.1f %9.1f %9.1f%n", label, time(() -> schulze.apply(MarginGraph.of(p, Truncation.INCOMPARABLE))),
                time(() -> rp.apply(MarginGraph.of(p, Truncation.INCOMPARABLE))), time(() -> Rules.get("irv").apply(e)));
        out.flush();
    }

    private double time(Supplier<?> work) {
        for (int i = 0; i < warmup; i++) work.get();
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            Object r = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r == null) throw new IllegalStateException("no result");
        }
        Arrays.sort(ms);
        return ms[repeat / 2];
    }

    static int[] shuffled(int m, SplittableRandom random) {
        int[] o = new int[m];
        for (int i = 0; i < m; i++) o[i] = i;
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    /** n ballots, each a uniformly random order of m candidates (impartial culture), one line each. */
    static Profile distinct(int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Ballot> bs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) bs.add(Ballot.linear(shuffled(m, random), 1));
        return new Profile(Profile.numbered(m), bs);
    }

    /** n ballots drawn uniformly from {@code pool} random orders, merged into one line per order with its count. */
    static Profile pooled(int n, int m, int pool, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> orders = new ArrayList<>();
        for (int i = 0; i < pool; i++) orders.add(shuffled(m, random));
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < n; i++) counts.merge(random.nextInt(pool), 1L, Long::sum);
        List<Ballot> bs = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> bs.add(Ballot.linear(orders.get(e.getKey()), e.getValue())));
        return new Profile(Profile.numbered(m), bs);
    }
}
