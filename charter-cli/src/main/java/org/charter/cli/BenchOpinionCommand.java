package org.charter.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.charter.core.assembly.polis.PolisReader;
import org.charter.core.opinion.AdjustedRand;
import org.charter.core.opinion.OpinionEngine;
import org.charter.core.opinion.OpinionInput;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter bench opinion}: how long a full opinion-map computation takes, on real and on generated data. */
@Command(name = "opinion", mixinStandardHelpOptions = true,
        description = {"Times a full opinion map (PCA, in-conv, clustering, repness, consensus, group-aware consensus,",
                "priorities) on a Polis export (vtaiwan.uberx by default) and on a generated conversation with planted",
                "groups; then an update after new votes, warm-started from the previous map. Prints the memory used."})
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
            double[] ms = new double[repeat];
            OpinionMap map = null;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                map = OpinionEngine.compute(input, options);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            long t0 = System.nanoTime();
            OpinionMap withStability = OpinionEngine.compute(input, OpinionOptions.polis().withBootstrap(50));
            double stabilityMs = (System.nanoTime() - t0) / 1e6;
            out.printf("%s: %d participants, %d statements, %d votes: full recompute %.0f ms (median of %d); with the"
                            + " 50-resample stability bootstrap %.0f ms; %d groups, stability ARI %.3f%n",
                    polis.getFileName(), map.participants(), map.comments(), input.votes().cellCount(), BenchCommand.Ingest.median(ms), repeat,
                    stabilityMs, map.groups().size(), withStability.stability() == null ? Double.NaN : withStability.stability().meanAdjustedRand());
        } else {
            out.println("(no Polis export at " + polis + ")");
        }

        var generated = generate(participants, statements, votes, planted, seed);
        System.gc();
        long heapData = usedHeap();
        out.printf("generated: %d participants, %d statements, %d votes, %d planted groups (seed %d); heap in use with the"
                + " votes loaded: %d MiB (a dense matrix of doubles, as Polis keeps, would take %d MiB)%n",
                participants, statements, generated.input.compact().col().length, planted, seed, heapData >> 20,
                (long) participants * statements * 8 >> 20);
        var peak = ManagementFactory.getMemoryMXBean();
        long t0 = System.nanoTime();
        OpinionMap cold = OpinionEngine.compute(generated.input, options);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        long heapAfter = peak.getHeapMemoryUsage().getUsed();
        t0 = System.nanoTime();
        OpinionMap cold2 = OpinionEngine.compute(generated.input, options);
        double cold2Ms = (System.nanoTime() - t0) / 1e6;
        var recovered = new HashMap<Integer, Integer>();
        cold2.groups().forEach(g -> g.members().forEach(pid -> recovered.put(pid, g.id())));
        out.printf("  full computation: %.0f ms first run, %.0f ms second run; %d groups found, adjusted Rand index against"
                + " the planted groups %.3f; heap in use after: %d MiB%n", coldMs, cold2Ms, cold2.groups().size(),
                AdjustedRand.index(recovered, generated.truth), heapAfter >> 20);

        OpinionInput updated = addVotes(generated.input, newVotes, planted, generated, seed + 1);
        double[] coldRuns = new double[3], warmRuns = new double[3];
        OpinionMap full = null, update = null;
        for (int r = 0; r < 3; r++) {
            t0 = System.nanoTime();
            full = OpinionEngine.compute(updated, options);
            coldRuns[r] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            update = OpinionEngine.compute(updated, options.withPrevious(cold2));
            warmRuns[r] = (System.nanoTime() - t0) / 1e6;
        }
        double coldUpdateMs = BenchCommand.Ingest.median(coldRuns), warmMs = BenchCommand.Ingest.median(warmRuns);
        var a = new HashMap<Integer, Integer>();
        var b = new HashMap<Integer, Integer>();
        full.groups().forEach(g -> g.members().forEach(pid -> a.put(pid, g.id())));
        update.groups().forEach(g -> g.members().forEach(pid -> b.put(pid, g.id())));
        double worst = 0;
        for (int c = 0; c < full.pca().components().length; c++) {
            double[] x = full.pca().components()[c], y = update.pca().components()[c];
            double plus = 0, minus = 0;
            for (int j = 0; j < x.length; j++) {
                plus = Math.max(plus, Math.abs(x[j] - y[j]));
                minus = Math.max(minus, Math.abs(x[j] + y[j]));
            }
            worst = Math.max(worst, Math.min(plus, minus));
        }
        out.printf("  after %d new votes: update from the previous map %.0f ms vs a full recompute %.0f ms (%.1fx cheaper, median of 3);"
                        + " the update's groups against the full recompute's: adjusted Rand index %.4f; components differ by at most %.1e"
                        + " (%d PCA iterations, last change %.1e)%n", newVotes, warmMs, coldUpdateMs, coldUpdateMs / warmMs,
                AdjustedRand.index(a, b), worst, update.pca().iterations(), update.pca().lastChange());
        out.flush();
        return 0;
    }

    private record Generated(OpinionInput input, HashMap<Integer, Integer> truth, double[][] agreeProbability, int[] groupOf) { }

    /**
     * Planted groups: each group has, per statement, a probability of agreeing (0.15 or 0.85, drawn once); each
     * participant belongs to one group and votes on statements drawn uniformly (about votes / participants each):
     * pass with probability 0.1, otherwise agree with the group's probability.
     */
    private static Generated generate(int n, int m, long total, int groups, long seed) {
        var random = new SplittableRandom(seed);
        double[][] p = new double[groups][m];
        for (int g = 0; g < groups; g++) for (int j = 0; j < m; j++) p[g][j] = random.nextBoolean() ? 0.85 : 0.15;
        int[] groupOf = new int[n];
        int[] start = new int[n + 1];
        int[] col = new int[(int) total];
        byte[] val = new byte[(int) total];
        var truth = new HashMap<Integer, Integer>();
        long base = total / n, extra = total % n;
        int at = 0;
        boolean[] used = new boolean[m];
        for (int i = 0; i < n; i++) {
            groupOf[i] = random.nextInt(groups);
            truth.put(i, groupOf[i]);
            start[i] = at;
            int count = (int) (base + (i < extra ? 1 : 0));
            int from = at;
            while (at - from < count) {
                int j = random.nextInt(m);
                if (used[j]) continue;
                used[j] = true;
                col[at] = j;
                double r = random.nextDouble();
                val[at++] = (byte) (r < 0.1 ? 0 : random.nextDouble() < p[groupOf[i]][j] ? 1 : -1);
            }
            for (int q = from; q < at; q++) used[col[q]] = false;
        }
        start[n] = at;
        var pids = new ArrayList<Integer>(n);
        for (int i = 0; i < n; i++) pids.add(i);
        var tids = new ArrayList<Integer>(m);
        for (int j = 0; j < m; j++) tids.add(j);
        var input = OpinionInput.compact(pids, tids, new OpinionInput.CompactVotes(start, col, val), Set.of(), Set.of());
        return new Generated(input, truth, p, groupOf);
    }

    /** The same conversation with {@code count} more votes, on statements the voters had not seen yet. */
    private static OpinionInput addVotes(OpinionInput input, int count, int groups, Generated g, long seed) {
        var random = new SplittableRandom(seed);
        var c = input.compact();
        int n = input.participants().size(), m = input.statements().size();
        var extra = new HashMap<Integer, List<int[]>>();
        for (int k = 0; k < count; k++) {
            int i = random.nextInt(n);
            int j = random.nextInt(m);
            boolean seen = false;
            for (int q = c.start()[i]; q < c.start()[i + 1] && !seen; q++) seen = c.col()[q] == j;
            for (int[] e : extra.getOrDefault(i, List.of())) seen |= e[0] == j;
            if (seen) { k--; continue; }
            extra.computeIfAbsent(i, x -> new ArrayList<>()).add(new int[] {j, random.nextDouble() < g.agreeProbability[g.groupOf[i]][j] ? 1 : -1});
        }
        int[] start = new int[n + 1];
        int[] col = new int[c.col().length + count];
        byte[] val = new byte[col.length];
        int at = 0;
        for (int i = 0; i < n; i++) {
            start[i] = at;
            int len = c.start()[i + 1] - c.start()[i];
            System.arraycopy(c.col(), c.start()[i], col, at, len);
            System.arraycopy(c.val(), c.start()[i], val, at, len);
            at += len;
            for (int[] e : extra.getOrDefault(i, List.of())) {
                col[at] = e[0];
                val[at++] = (byte) e[1];
            }
        }
        start[n] = at;
        return OpinionInput.compact(input.participants(), input.statements(), new OpinionInput.CompactVotes(start, col, val), Set.of(), Set.of());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

}
