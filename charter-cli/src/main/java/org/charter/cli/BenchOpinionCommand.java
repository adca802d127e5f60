package org.charter.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.Callable;

import org.charter.core.assembly.polis.PolisReader;
import org.charter.core.opinion.AdjustedRand;
import org.charter.core.opinion.OpinionEngine;
import org.charter.core.opinion.OpinionInput;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
import org.charter.core.opinion.OpinionState;
import org.charter.core.opinion.PlantedConversation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter bench opinion}: how long a full opinion-map computation takes, on real and on generated data. */
@Command(name = "opinion", mixinStandardHelpOptions = true,
        description = {"Times a full opinion map (PCA, in-conv, clustering, repness, consensus, group-aware consensus,",
                "priorities) on a Polis export (vtaiwan.uberx by default) and on a generated conversation with planted",
                "groups; then updates of the kept state after batches of new votes. Prints the memory used."})
final class BenchOpinionCommand implements Callable<Integer> {
    @Option(names = "--polis", paramLabel = "DIR", defaultValue = "../shared/data/polis/vtaiwan.uberx",
            description = "Polis export to time (default: ${DEFAULT-VALUE}); skipped when missing.")
    Path polis;

    @Option(names = "--participants", defaultValue = "100000", description = "Generated participants (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--statements", defaultValue = "5000", description = "Generated statements (default: ${DEFAULT-VALUE}).")
    int statements;

    @Option(names = "--votes", defaultValue = "10000000", description = "Generated votes (default: ${DEFAULT-VALUE}).")
    long votes;

    @Option(names = "--planted-groups", defaultValue = "4", description = "Planted opinion groups (default: ${DEFAULT-VALUE}).")
    int planted;

    @Option(names = "--new-votes", defaultValue = "1000", description = "Votes added before the timed update (default: ${DEFAULT-VALUE}).")
    int newVotes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated conversation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs on the Polis export; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (participants < 2 || statements < 2 || votes < 1 || planted < 1 || repeat < 1 || newVotes < 0) {
            throw new UsageException("sizes, --planted-groups and --repeat must be positive");
        }
        if (votes > (long) participants * statements) throw new UsageException("--votes exceeds participants x statements");
        PrintWriter out = spec.commandLine().getOut();
        out.printf("charter bench opinion: %d cores, Java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        OpinionOptions options = OpinionOptions.polis().withBootstrap(0);
        if (Files.isDirectory(polis)) {
            OpinionInput input = OpinionInput.of(PolisReader.read(polis).snapshot());
            for (int i = 0; i < 3; i++) OpinionEngine.compute(input, options); // warm-up
            double[] ms = new double[repeat], cpu = new double[repeat];
            var threads = ManagementFactory.getThreadMXBean();
            OpinionMap map = null;
            for (int r = 0; r < repeat; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                map = OpinionEngine.compute(input, options);
                ms[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            long t0 = System.nanoTime();
            OpinionMap withStability = OpinionEngine.compute(input, OpinionOptions.polis().withBootstrap(50));
            double stabilityMs = (System.nanoTime() - t0) / 1e6;
            out.printf("%s: %d participants, %d statements, %d votes: full recompute %.0f ms (median of %d; CPU time %.0f ms); with the"
                            + " 50-resample stability bootstrap %.0f ms; %d groups, stability ARI %.3f%n",
                    polis.getFileName(), map.participants(), map.comments(), input.votes().cellCount(), BenchCommand.Ingest.median(ms), repeat,
                    BenchCommand.Ingest.median(cpu), stabilityMs, map.groups().size(), withStability.stability() == null ? Double.NaN : withStability.stability().meanAdjustedRand());
        } else {
            out.println("(no Polis export at " + polis + ")");
        }

        var generated = PlantedConversation.generate(participants, statements, votes, planted, seed);
        System.gc();
        long heapData = usedHeap();
        out.printf("generated: %d participants, %d statements, %d votes, %d planted groups (seed %d); heap in use with the"
                + " votes loaded: %d MiB (a dense matrix of doubles, as Polis keeps, would take %d MiB)%n",
                participants, statements, generated.input().compact().col().length, planted, seed, heapData >> 20,
                (long) participants * statements * 8 >> 20);
        var peak = ManagementFactory.getMemoryMXBean();
        long t0 = System.nanoTime();
        OpinionMap cold = OpinionEngine.compute(generated.input(), options);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        long heapAfter = peak.getHeapMemoryUsage().getUsed();
        t0 = System.nanoTime();
        OpinionMap cold2 = OpinionEngine.compute(generated.input(), options);
        double cold2Ms = (System.nanoTime() - t0) / 1e6;
        out.printf("  full computation: %.0f ms first run, %.0f ms second run; %d groups found, adjusted Rand index against"
                + " the planted groups %.3f; heap in use after: %d MiB%n", coldMs, cold2Ms, cold2.groups().size(),
                AdjustedRand.index(groupOf(cold2), generated.truth()), heapAfter >> 20);

        // Updates: successive batches of new votes applied to the kept state, each beside a full recompute of the
        // same votes in the same process (the baseline).
        OpinionState state = OpinionState.of(generated.input(), options);
        int warmUps = 3, rounds = 7;
        for (int r = 0; r < warmUps; r++) state.apply(generated.moreVotes(newVotes, seed + 1000 + r)); // warm-up
        double[] fullRuns = new double[rounds], updateRuns = new double[rounds];
        double worstAri = 1, worstComponents = 0, lastChange = 0;
        int iterations = 0;
        // Thread CPU time beside wall time: both computations are single-threaded, and on a shared machine CPU time
        // is the steadier of the two.
        var threads = ManagementFactory.getThreadMXBean();
        double[] fullCpu = new double[rounds], updateCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            var batch = generated.moreVotes(newVotes, seed + 1 + r);
            long c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            OpinionMap update = state.apply(batch);
            updateRuns[r] = (System.nanoTime() - t0) / 1e6;
            updateCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            OpinionInput now = state.input();
            c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            OpinionMap full = OpinionEngine.compute(now, options);
            fullRuns[r] = (System.nanoTime() - t0) / 1e6;
            fullCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            worstAri = Math.min(worstAri, AdjustedRand.index(groupOf(full), groupOf(update)));
            worstComponents = Math.max(worstComponents, componentDistance(full, update));
            lastChange = update.pca().lastChange();
            iterations = update.pca().iterations();
        }
        double fullMs = BenchCommand.Ingest.median(fullRuns), updateMs = BenchCommand.Ingest.median(updateRuns);
        double fullCpuMs = BenchCommand.Ingest.median(fullCpu), updateCpuMs = BenchCommand.Ingest.median(updateCpu);
        out.printf("  after each of %d batches of %d new votes (after %d warm-up batches): update of the kept state %.0f ms vs a full recompute %.0f ms"
                        + " (%.1fx cheaper, medians of wall time; CPU time %.0f vs %.0f ms, %.1fx); the update's groups against"
                        + " the full recompute's: lowest adjusted Rand index %.4f; components differ by at most %.1e (%s,"
                        + " last change %.1e)%n", rounds, newVotes, warmUps, updateMs, fullMs, fullMs / updateMs,
                updateCpuMs, fullCpuMs, fullCpuMs / updateCpuMs, worstAri, worstComponents,
                iterations == 1 ? "one subspace step" : iterations + " PCA iterations", lastChange);
        out.flush();
        return 0;
    }

    private static HashMap<Integer, Integer> groupOf(OpinionMap map) {
        var out = new HashMap<Integer, Integer>();
        map.groups().forEach(g -> g.members().forEach(pid -> out.put(pid, g.id())));
        return out;
    }

    /** The largest difference between the two maps' components, each compared up to sign. */
    private static double componentDistance(OpinionMap a, OpinionMap b) {
        double worst = 0;
        for (int c = 0; c < a.pca().components().length; c++) {
            double[] x = a.pca().components()[c], y = b.pca().components()[c];
            double plus = 0, minus = 0;
            for (int j = 0; j < x.length; j++) {
                plus = Math.max(plus, Math.abs(x[j] - y[j]));
                minus = Math.max(minus, Math.abs(x[j] + y[j]));
            }
            worst = Math.max(worst, Math.min(plus, minus));
        }
        return worst;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

}
