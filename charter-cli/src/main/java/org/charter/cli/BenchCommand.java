package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.core.assembly.polis.PolisImport;
import org.charter.core.assembly.polis.PolisReader;
import org.charter.server.CharterServer;
import org.charter.server.ServerConfig;
import org.charter.server.VoteLoad;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreConfig;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter bench ...}: benchmarks that print numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print numbers.",
        subcommands = {BenchCommand.Ingest.class, BenchOpinionCommand.class, BenchVoteCommand.class, BenchCommitteeCommand.class,
                BenchPrefsCommand.class, BenchEmbedCommand.class, BenchResolveCommand.class,
                BenchWebVotesCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (ingest)");
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Sustained votes per second through the HTTP API into SQLite and into PostgreSQL, against a",
                    "baseline of the same votes written straight to the store in the same process; and the time to",
                    "import a Polis export (vtaiwan.uberx by default). PostgreSQL is a throwaway embedded server",
                    "unless --db names one (its database must be empty or Charter's)."})
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--votes", defaultValue = "20000", description = "Votes per measured HTTP run (default: ${DEFAULT-VALUE}).")
        int votes;

        @Option(names = "--clients", defaultValue = "16", description = "Parallel HTTP clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--participants", defaultValue = "1000", description = "Participants voting (default: ${DEFAULT-VALUE}).")
        int participants;

        @Option(names = "--statements", defaultValue = "100", description = "Statements voted on (default: ${DEFAULT-VALUE}).")
        int statements;

        @Option(names = "--polis", paramLabel = "DIR", defaultValue = "../shared/data/polis/vtaiwan.uberx",
                description = "Polis export whose import is timed (default: ${DEFAULT-VALUE}).")
        Path polis;

        @Option(names = "--repeat", defaultValue = "3", description = "Runs of each measurement; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--db", paramLabel = "JDBC_URL", description = "A PostgreSQL server to use instead of an embedded one.")
        String dbUrl;

        @Option(names = "--no-postgres", description = "Measure SQLite only.")
        boolean noPostgres;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (votes < 1 || clients < 1 || participants < 1 || statements < 1 || repeat < 1) {
                throw new UsageException("--votes, --clients, --participants, --statements and --repeat must be positive");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("charter bench ingest: %d votes per run, %d clients, %d participants x %d statements, median of %d runs;"
                    + " %d cores, Java %s%n", votes, clients, participants, statements, repeat,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            PolisImport polisData = Files.isDirectory(polis) ? PolisReader.read(polis) : null;
            if (polisData == null) out.println("(no Polis export at " + polis + ": import not timed)");

            measure(out, "sqlite", () -> StoreConfig.sqlite(Files.createTempDirectory("charter-bench-")), polisData);
            if (!noPostgres) {
                if (dbUrl != null) {
                    measure(out, "postgresql", () -> StoreConfig.choose(Path.of("."), dbUrl, System.getenv()), polisData);
                } else {
                    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
                        var n = new AtomicInteger();
                        measure(out, "postgresql (embedded " + pg.getPort() + ")", () -> {
                            String name = "bench_" + n.incrementAndGet();
                            try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                                s.execute("CREATE DATABASE " + name);
                            }
                            return new StoreConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", "postgres");
                        }, polisData);
                    }
                }
            }
            return 0;
        }

        interface ConfigSource {
            StoreConfig fresh() throws Exception;
        }

        private void measure(PrintWriter out, String label, ConfigSource source, PolisImport polisData) throws Exception {
            double[] direct = new double[repeat], viaHttp = new double[repeat], health = new double[repeat], parse = new double[repeat], store = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                StoreConfig config = source.fresh();
                Database db = Database.open(config);
                var assemblyStore = new AssemblyStore(db, Clock.systemUTC());
                long id = setUp(assemblyStore);
                direct[r] = directVotes(assemblyStore, id, Math.max(1, votes / 4), r);
                try (CharterServer server = CharterServer.create(
                        new ServerConfig("127.0.0.1", 0, 2000, Duration.ofSeconds(10)), db, Clock.systemUTC()).start()) {
                    var load = new VoteLoad(server.baseUrl(), id, participants, statements);
                    load.run(Math.min(2000, votes), clients, 1000 + r, "warm-" + r + "-"); // JIT and connections
                    long before = assemblyStore.counts(id).voteEvents();
                    VoteLoad.Result result = load.run(votes, clients, r, "run-" + r + "-");
                    long stored = assemblyStore.counts(id).voteEvents() - before;
                    if (result.failed() > 0 || stored != result.created()) {
                        throw new IllegalStateException(label + ": " + result.failed() + " votes failed, " + stored
                                + " stored of " + result.created() + " acknowledged; first failures: " + result.firstFailures());
                    }
                    viaHttp[r] = result.perSecond();
                    health[r] = load.gets(java.net.URI.create(server.baseUrl() + "/health"), votes, clients).perSecond();
                }
                if (polisData != null) {
                    long t0 = System.nanoTime();
                    PolisImport again = PolisReader.read(polis);
                    long t1 = System.nanoTime();
                    try (Database fresh = Database.open(source.fresh())) {
                        new AssemblyStore(fresh, Clock.systemUTC()).importSnapshot(again.snapshot());
                    }
                    long t2 = System.nanoTime();
                    parse[r] = (t1 - t0) / 1e6;
                    store[r] = (t2 - t1) / 1e6;
                }
            }
            double d = median(direct), h = median(viaHttp), g = median(health);
            out.printf("%-28s votes via HTTP: %6.0f/s   GET /health: %6.0f/s (votes/health %.2f)   votes direct to store: %6.0f/s (HTTP/direct %.2f)%n",
                    label, h, g, h / g, d, h / d);
            if (polisData != null) {
                out.printf("%-28s import %s (%d votes): read %.0f ms + store %.0f ms = %.0f ms%n", label,
                        polis.getFileName(), polisData.snapshot().votes().size(), median(parse), median(store),
                        median(parse) + median(store));
            }
            out.flush();
        }

        private long setUp(AssemblyStore store) {
            long id = store.createAssembly("bench", "", AssemblySettings.DEFAULT).id();
            for (int p = 0; p < participants; p++) store.addParticipant(id, null, null);
            for (int s = 0; s < statements; s++) store.addStatement(id, "statement " + s, null, false, true, Moderation.ACCEPTED, 2000);
            return id;
        }

        /** The baseline: the same kind of votes written by the same number of threads straight to the store. */
        private double directVotes(AssemblyStore store, long id, int n, int run) throws InterruptedException {
            var next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            var errors = new ArrayList<Throwable>();
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            var random = new SplittableRandom(run * 7_919L + i);
                            store.castVote(id, random.nextInt(participants), random.nextInt(statements),
                                    VoteValue.values()[random.nextInt(3)], "direct-" + run + "-" + i);
                        }
                    } catch (RuntimeException e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
            if (!errors.isEmpty()) throw new IllegalStateException("direct votes failed: " + errors.get(0).getMessage(), errors.get(0));
            return n / ((System.nanoTime() - start) / 1e9);
        }

        /** The median of some timings (the mean of the middle two for an even count). */
        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        }

    }
}
