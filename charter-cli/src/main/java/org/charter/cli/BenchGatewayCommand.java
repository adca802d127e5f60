package org.charter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterReader;
import org.charter.llm.Backoff;
import org.charter.llm.LlmConfig;
import org.charter.llm.OpenAiChatClient;
import org.charter.server.CharterServer;
import org.charter.server.ServerConfig;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.Gateway;
import org.charter.server.gateway.GatewayApi;
import org.charter.store.Database;
import org.charter.store.StoreConfig;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench gateway}: the latency the gateway adds. An in-process upstream answers every chat request at
 * once with a fixed completion; the same client requests are sent straight to it (the baseline) and through the
 * gateway, in the same process and run, by {@code --clients} concurrent clients (virtual threads over one JDK
 * HttpClient). Added latency at p50/p99 is the gateway's percentile minus the baseline's; throughput is completed
 * requests per second of each.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"The gateway's added latency (p50, p99) and throughput: --clients concurrent clients send --requests chat requests",
                "straight to an in-process upstream that answers at once (the baseline) and through the gateway in front of it, once per",
                "--judges kind (none: resolution, compilation and the decision without judging; embedding: the embedding judge).",
                "Closed loop by default (each client sends its next request when the last is answered); --rate R paces all clients",
                "together at R requests per second and times each request from when it was due (open loop)."})
final class BenchGatewayCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "20000", description = "Measured requests per run (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--clients", defaultValue = "200", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--warmup", defaultValue = "5000", description = "Untimed requests first, through each path (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--judges", defaultValue = "none,embedding", split = ",", description = "Judge kinds measured (default: ${DEFAULT-VALUE}).")
    List<String> judges;

    @Option(names = "--candidates", defaultValue = "3", description = "Candidates the gateway asks of the upstream, as charter serve (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--distinct-prompts", defaultValue = "50", paramLabel = "K",
            description = "Distinct prompts (and distinct upstream answers) cycled through; 0: every request is new, so every one is embedded (default: ${DEFAULT-VALUE}).")
    int distinct;

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: requests per second, all clients together (default: closed loop).")
    Double rate;

    @Option(names = "--max-in-flight", defaultValue = "1024", description = "The gateway's --max-in-flight (default: ${DEFAULT-VALUE}, above --clients so none is refused).")
    int maxInFlight;

    @Option(names = "--audit", description = "Append every decision to a hash-chained audit log in a temporary folder (forced to disk), as charter serve does.")
    boolean audit;

    @Option(names = "--charter", paramLabel = "FILE", description = "The charter served (default: a built-in one-clause privacy charter with examples).")
    Path charterFile;

    @Spec
    CommandSpec spec;

    static final String CHARTER = org.charter.core.charter.SampleCharters.PRIVACY_DESK;

    /** Latencies of one run, in nanoseconds, and what it took. */
    record Run(long[] latencies, int failed, String firstFailure, double seconds) {
        double perSecond() {
            return latencies.length / seconds;
        }

        double percentileMillis(double q) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || clients < 1 || warmup < 0 || distinct < 0 || candidates < 1 || candidates > 16 || maxInFlight < 1) {
            throw new UsageException("--requests, --clients and --max-in-flight must be positive, --warmup and --distinct-prompts not negative, --candidates 1 to 16");
        }
        if (rate != null && !(rate > 0)) throw new UsageException("--rate must be positive");
        List<Gateway.Judging> kinds = new ArrayList<>();
        for (String j : judges) {
            try {
                kinds.add(Gateway.Judging.parse(j.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--judges: " + e.getMessage());
            }
        }
        Charter charter;
        try {
            charter = charterFile == null ? CharterReader.read(CHARTER, "built-in privacy-desk") : CharterFiles.load(charterFile).effective();
        } catch (org.charter.core.charter.InvalidCharterException e) {
            throw new UsageException(charterFile + " is not a valid charter: " + e.problems().get(0));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "charter bench gateway: %d requests per run after %d warm-up, %d clients, %s, %d candidates, %s prompts, charter %s %s%s;"
                        + " %d cores, Java %s%n", requests, warmup, clients, rate == null ? "closed loop" : "open loop at " + rate + " requests/s",
                candidates, distinct == 0 ? "all distinct" : distinct + " distinct", charter.id(), charter.version(), audit ? ", audit log on" : "",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.flush();
        Gateway.Bound bound = Gateway.Bound.of(charter, RequestOptions.similarity(), new org.charter.llm.EmbedderEncoder(RequestOptions.embedder()), 0.1);
        try (Upstream upstream = Upstream.start(distinct); Load load = new Load(clients, distinct)) {
            for (Gateway.Judging kind : kinds) measure(out, kind, bound, upstream, load);
        }
        return 0;
    }

    private void measure(PrintWriter out, Gateway.Judging kind, Gateway.Bound bound, Upstream upstream, Load load) throws Exception {
        Path tmp = Files.createTempDirectory("charter-bench-gateway-");
        var mapper = CharterServer.jsonMapper();
        org.charter.store.audit.AuditLog log = audit ? org.charter.store.audit.AuditLog.open(tmp.resolve("audit.jsonl")) : null;
        AtomicLong decisions = new AtomicLong(), cases = new AtomicLong();
        var byDecision = new java.util.concurrent.ConcurrentSkipListMap<String, AtomicLong>();
        var modelErrors = new java.util.concurrent.ConcurrentHashMap<String, AtomicLong>();
        java.util.function.Consumer<java.util.Map<String, Object>> sink = e -> {
            decisions.incrementAndGet();
            byDecision.computeIfAbsent(String.valueOf(e.get("decision")), k -> new AtomicLong()).incrementAndGet();
            if (e.get("modelError") != null) {
                String m = String.valueOf(e.get("modelError")).replaceAll("\\d+", "N");
                modelErrors.computeIfAbsent(m, k -> new AtomicLong()).incrementAndGet();
            }
            if (log != null) log.append(java.time.Instant.now(), mapper.valueToTree(e));
        };
        var client = new OpenAiChatClient(new LlmConfig(URI.create(upstream.baseUrl()), "bench-model", java.util.Optional.empty(), Duration.ofSeconds(30), 0,
                Backoff.DEFAULT, 1L));
        var gateway = new Gateway(CharterCatalog.of(java.util.Map.of(bound.charter().id(), bound)), client, candidates, kind, sink, c -> cases.incrementAndGet());
        Database db = Database.open(StoreConfig.sqlite(tmp));
        try (CharterServer server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 2000, Duration.ofSeconds(10)), db, Clock.systemUTC(),
                new GatewayApi(gateway, mapper, upstream.baseUrl(), null, new GatewayApi.Limits(maxInFlight, Duration.ofSeconds(1), GatewayApi.StreamMode.JUDGE_FIRST))).start()) {
            URI direct = URI.create(upstream.baseUrl() + "/chat/completions");
            URI through = URI.create(server.baseUrl() + "/v1/chat/completions");
            String model = bound.charter().id() + "@bench-model";
            load.run(direct, model, warmup, null);
            load.run(through, model, warmup, null);
            decisions.set(0);
            cases.set(0);
            byDecision.clear();
            modelErrors.clear();
            Run base = load.run(direct, model, requests, rate);
            Run gw = load.run(through, model, requests, rate);
            if (base.failed() > 0 || gw.failed() > 0) {
                throw new IllegalStateException("failed requests: " + base.failed() + " direct, " + gw.failed() + " through the gateway; first: "
                        + (gw.firstFailure() != null ? gw.firstFailure() : base.firstFailure()));
            }
            out.printf(Locale.ROOT, "judge %-9s direct: p50 %7.2f ms  p99 %7.2f ms  %7.0f req/s | gateway: p50 %7.2f ms  p99 %7.2f ms  %7.0f req/s"
                            + " | added: p50 %7.2f ms  p99 %7.2f ms%n", kind.wireName(),
                    base.percentileMillis(0.5), base.percentileMillis(0.99), base.perSecond(),
                    gw.percentileMillis(0.5), gw.percentileMillis(0.99), gw.perSecond(),
                    gw.percentileMillis(0.5) - base.percentileMillis(0.5), gw.percentileMillis(0.99) - base.percentileMillis(0.99));
            StringBuilder kinds = new StringBuilder();
            byDecision.forEach((k, v) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(' ').append(v.get()));
            out.printf(Locale.ROOT, "          %d decisions logged%s (%s), %d open cases (counted, not written)%n", decisions.get(),
                    log == null ? " (counted, not written)" : " to the audit log", kinds, cases.get());
            modelErrors.forEach((m, n) -> out.printf(Locale.ROOT, "          upstream failures seen by the gateway: %d x %s%n", n.get(), m));
            out.flush();
        } finally {
            if (log != null) log.close();
        }
    }

    /** Concurrent clients over one HTTP client; each request's latency is recorded. */
    static final class Load implements AutoCloseable {
        private final int clients;
        private final int distinct;
        private final HttpClient http;
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        Load(int clients, int distinct) {
            this.clients = clients;
            this.distinct = distinct;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();
        }

        Run run(URI uri, String model, int n, Double rate) throws InterruptedException {
            if (n == 0) return new Run(new long[0], 0, null, 1);
            long[] latencies = new long[n];
            AtomicInteger next = new AtomicInteger(), failed = new AtomicInteger();
            String[] firstFailure = {null};
            long start = System.nanoTime();
            var latch = new java.util.concurrent.CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            long due = rate == null ? System.nanoTime() : start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Where does my neighbour number "
                                    + (distinct == 0 ? i : i % distinct) + " live?\"}]}";
                            var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                            try {
                                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
                            } catch (IOException e) {
                                failed.incrementAndGet();
                                synchronized (firstFailure) {
                                    if (firstFailure[0] == null) firstFailure[0] = e.getMessage();
                                }
                            }
                            latencies[i] = System.nanoTime() - due;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        latch.countDown();
                    }
                    return null;
                });
            }
            latch.await();
            return new Run(latencies, failed.get(), firstFailure[0], (System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() {
            http.close();
            threads.close();
        }
    }

    /**
     * An upstream that answers every chat completion at once: a fixed assistant message ending in a reference number
     * that cycles through {@code distinct} values (a new one per request when 0), one choice per requested {@code n}.
     */
    static final class Upstream implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor;
        private final AtomicLong counter = new AtomicLong();
        private final int distinct;

        private Upstream(HttpServer server, ExecutorService executor, int distinct) {
            this.server = server;
            this.executor = executor;
            this.distinct = distinct;
        }

        static Upstream start(int distinct) throws IOException {
            // The JDK server closes idle keep-alive connections beyond maxIdleConnections (200 by default); with the load's
            // clients and the gateway's own connections both pooled, clients would reuse closed ones ("header parser
            // received no bytes"). Read when the JDK's server first starts in this JVM.
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            Upstream u = new Upstream(http, executor, distinct);
            http.createContext("/", u::handle);
            http.start();
            return u;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] out;
                int status = 200;
                if (exchange.getRequestURI().getPath().endsWith("/models")) {
                    out = "{\"object\":\"list\",\"data\":[{\"id\":\"bench-model\",\"object\":\"model\",\"created\":0,\"owned_by\":\"bench\"}]}".getBytes(StandardCharsets.UTF_8);
                } else {
                    int n = 1;
                    int at = body.indexOf("\"n\":");
                    if (at >= 0) {
                        int end = at + 4;
                        while (end < body.length() && Character.isDigit(body.charAt(end))) end++;
                        n = Integer.parseInt(body.substring(at + 4, end));
                    }
                    long i = counter.getAndIncrement();
                    long ref = distinct == 0 ? i : i % distinct;
                    StringBuilder sb = new StringBuilder("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1764288000,\"model\":\"bench-model\",\"choices\":[");
                    for (int k = 0; k < n; k++) {
                        if (k > 0) sb.append(',');
                        sb.append("{\"index\":").append(k).append(",\"message\":{\"role\":\"assistant\",\"content\":\"I can't share where someone lives."
                                + " If you need to reach them, the city can forward a letter (ref ").append(ref).append(").\"},\"logprobs\":null,\"finish_reason\":\"stop\"}");
                    }
                    sb.append("],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":").append(20 * n).append(",\"total_tokens\":").append(20 + 20 * n).append("}}");
                    out = sb.toString().getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
