package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.server.CharterServer;
import org.charter.server.ServerConfig;
import org.charter.server.web.WebConfig;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench web-votes}: votes per second through the participation page's vote endpoint, each request
 * with its participant's session cookie and CSRF token, beside the JSON API's votes per second in the same run.
 */
@Command(name = "web-votes", mixinStandardHelpOptions = true,
        description = {"Votes per second through the web pages (POST /a/{id}/vote with a session cookie and CSRF token) from",
                "concurrent clients, each request waiting for its answer, on a temporary SQLite store; with p50 and p99",
                "latency. Two web modes: a plain form post (answered by a 303 redirect) and an htmx post (answered with",
                "the next statement's card, chosen by the opinion map's priorities). The JSON API's POST /api/.../votes",
                "runs in the same process as the baseline. Rate limits are off."})
final class BenchWebVotesCommand implements Callable<Integer> {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @Option(names = "--votes", defaultValue = "10000", description = "Votes per measured run (default: ${DEFAULT-VALUE}).")
    int votes;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--participants", defaultValue = "200", description = "Participants, each with its own session (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--statements", defaultValue = "100", description = "Statements to vote on (default: ${DEFAULT-VALUE}).")
    int statements;

    @Option(names = "--warmup", defaultValue = "2000", description = "Votes sent first in each mode and not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the votes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    /** What a run measured. */
    record Run(String label, int ok, int failed, Duration elapsed, long[] latenciesNanos, List<String> failures) {
        double perSecond() {
            return ok / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        double percentileMs(double q) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) return Double.NaN;
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** A participant's browser: its session cookie and CSRF token. */
    record Visitor(String cookie, String csrf) { }

    @Override
    public Integer call() throws Exception {
        if (votes < 1 || clients < 1 || participants < 1 || statements < 1 || warmup < 0) {
            throw new UsageException("--votes, --clients, --participants and --statements must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("charter-bench-web-");
        Clock clock = Clock.systemUTC();
        Database db = Database.open(StoreConfig.sqlite(dir));
        try (CharterServer server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 2000, Duration.ofSeconds(5)), db, clock, null,
                WebConfig.defaults().unlimited()).start()) {
            var store = new AssemblyStore(db, clock);
            long id = store.createAssembly("bench", "", AssemblySettings.DEFAULT).id();
            for (int t = 0; t < statements; t++) store.addStatement(id, "Statement " + t, null, false, true, Moderation.ACCEPTED, 2000);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String base = server.baseUrl();
            // each participant opens the assembly (a session and its token) and votes once, which makes them a participant
            var visitors = new ArrayList<Visitor>();
            for (int p = 0; p < participants; p++) {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/a/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
                String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("charter_session="))
                        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow(() -> new IllegalStateException("no session cookie"));
                Matcher m = CSRF.matcher(r.body());
                if (!m.find()) throw new IllegalStateException("no CSRF token on the assembly page");
                visitors.add(new Visitor(cookie, m.group(1)));
            }
            out.printf("charter bench web-votes: %d votes per run after %d warm-up, %d clients, %d participants x %d statements, SQLite%n",
                    votes, warmup, clients, participants, statements);
            String[] values = {"agree", "disagree", "pass"};
            URI voteUri = URI.create(base + "/a/" + id + "/vote");
            URI apiUri = URI.create(base + "/api/assemblies/" + id + "/votes");
            IntFunction<HttpRequest> api = i -> {
                var rnd = new SplittableRandom(seed * 1_000_003L + i);
                String body = "{\"participantId\":" + rnd.nextInt(participants) + ",\"statementId\":" + rnd.nextInt(statements)
                        + ",\"vote\":\"" + values[rnd.nextInt(3)] + "\"}";
                return HttpRequest.newBuilder(apiUri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            };
            java.util.function.BiFunction<Integer, Boolean, HttpRequest> web = (i, htmx) -> {
                var rnd = new SplittableRandom(seed * 2_000_003L + i);
                Visitor v = visitors.get(rnd.nextInt(participants));
                String body = "tid=" + rnd.nextInt(statements) + "&vote=" + values[rnd.nextInt(3)] + "&_csrf=" + v.csrf();
                var b = HttpRequest.newBuilder(voteUri).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", v.cookie());
                if (htmx) b.header("HX-Request", "true");
                return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
            };
            // the first web votes make the sessions participants (pids 0..P-1, which the JSON API load uses too)
            Run joined = run("join", http, participants, 1, i -> {
                Visitor v = visitors.get(i);
                return HttpRequest.newBuilder(voteUri).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", v.cookie())
                        .POST(HttpRequest.BodyPublishers.ofString("tid=0&vote=pass&_csrf=" + v.csrf())).build();
            }, 303);
            if (joined.failed() > 0) throw new IllegalStateException("participants could not join: " + joined.failures());
            var results = new ArrayList<Run>();
            results.add(measured("JSON API POST /api/.../votes", http, api, 201));
            results.add(measured("web POST /a/{id}/vote (303)", http, i -> web.apply(i, false), 303));
            results.add(measured("web POST /a/{id}/vote (htmx, next card)", http, i -> web.apply(i + 10_000_000, true), 200));
            for (Run r : results) {
                out.printf("%-42s %7.0f votes/s   p50 %6.2f ms   p99 %6.2f ms   (%d ok, %d failed)%n", r.label(), r.perSecond(),
                        r.percentileMs(0.50), r.percentileMs(0.99), r.ok(), r.failed());
                if (!r.failures().isEmpty()) out.println("  first failures: " + r.failures());
            }
            out.printf("web (303) / JSON API: %.2f%n", results.get(1).perSecond() / results.get(0).perSecond());
            out.flush();
            boolean anyFailed = results.stream().anyMatch(r -> r.failed() > 0);
            return anyFailed ? 1 : 0;
        } finally {
            deleteTree(dir);
        }
    }

    private Run measured(String label, HttpClient http, IntFunction<HttpRequest> request, int expected) throws InterruptedException {
        if (warmup > 0) run(label, http, warmup, clients, i -> request.apply(votes + i), expected);
        return run(label, http, votes, clients, request, expected);
    }

    private static Run run(String label, HttpClient http, int count, int clients, IntFunction<HttpRequest> requests, int expected)
            throws InterruptedException {
        var next = new AtomicInteger();
        var ok = new AtomicInteger();
        var failed = new AtomicInteger();
        long[] latencies = new long[count];
        var failures = java.util.Collections.synchronizedList(new ArrayList<String>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            var futures = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest r = requests.apply(i);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
                            latencies[i] = System.nanoTime() - t0;
                            if (response.statusCode() == expected) ok.incrementAndGet();
                            else {
                                failed.incrementAndGet();
                                if (failures.size() < 3) failures.add(response.statusCode() + " " + response.body().substring(0, Math.min(200, response.body().length())));
                            }
                        } catch (IOException e) {
                            latencies[i] = System.nanoTime() - t0;
                            failed.incrementAndGet();
                            if (failures.size() < 3) failures.add(e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(label, ok.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start), latencies, List.copyOf(failures));
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
