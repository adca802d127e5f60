package org.charter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.charter.core.assembly.Statement;
import org.charter.server.CharterServer;
import org.charter.server.ServerConfig;
import org.charter.server.Version;
import org.charter.store.Database;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter serve}: the HTTP server, until SIGTERM or Ctrl-C, which stop it gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP server (REST API) over the store; SIGTERM or Ctrl-C stops it gracefully.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-statement-length", paramLabel = "N", defaultValue = "" + Statement.DEFAULT_MAX_LENGTH,
            description = "Longest statement text accepted, in characters (default: ${DEFAULT-VALUE}).")
    int maxStatementLength;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "On stop, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    int shutdownGraceSeconds;

    @Option(names = "--no-demo", description = "Do not load the demo assembly into an empty store.")
    boolean noDemo;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    WebOptions webOptions;

    @picocli.CommandLine.Option(names = "--upstream", paramLabel = "URL",
            description = "OpenAI-compatible server the gateway asks for candidates (default: $CHARTER_UPSTREAM_URL); its key from $CHARTER_UPSTREAM_API_KEY.")
    String upstream;

    @picocli.CommandLine.Option(names = "--upstream-model", paramLabel = "NAME", description = "The upstream model when a request names none (default: $CHARTER_UPSTREAM_MODEL, else 'default').")
    String upstreamModel;

    @picocli.CommandLine.Option(names = "--charter", paramLabel = "FILE", description = "A charter the gateway serves (repeatable); enables POST /v1/chat/completions.")
    java.util.List<java.nio.file.Path> charters = new java.util.ArrayList<>();

    @picocli.CommandLine.Option(names = "--candidates", defaultValue = "3", paramLabel = "N", description = "Candidates asked of the upstream per request (default: ${DEFAULT-VALUE}).")
    int candidates;

    @picocli.CommandLine.Option(names = "--judge", defaultValue = "embedding", paramLabel = "KIND",
            description = "How the gateway judges candidates: embedding, or none (the first candidate is answered unless resolution finds a gap or conflict; default: ${DEFAULT-VALUE}).")
    String judge;

    @picocli.CommandLine.Option(names = "--upstream-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long the gateway waits for the upstream's answer, and between two streamed tokens (default: ${DEFAULT-VALUE}).")
    double upstreamTimeoutSeconds;

    @picocli.CommandLine.Option(names = "--upstream-retries", defaultValue = "1", paramLabel = "N",
            description = "Retries of an upstream timeout, 5xx or 429 before the charter's fallback decides (default: ${DEFAULT-VALUE}).")
    int upstreamRetries;

    @picocli.CommandLine.Option(names = "--max-in-flight", defaultValue = "" + org.charter.server.gateway.GatewayApi.Limits.DEFAULT_MAX_IN_FLIGHT, paramLabel = "N",
            description = "Chat requests the gateway serves at once; more wait up to --queue-wait, then get 429 (503 when the upstream is failing) (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @picocli.CommandLine.Option(names = "--queue-wait", defaultValue = "100", paramLabel = "MS",
            description = "How long a chat request may wait for a free slot before it is refused (default: ${DEFAULT-VALUE}).")
    long queueWaitMillis;

    @picocli.CommandLine.Option(names = "--stream-mode", defaultValue = "judge-first", paramLabel = "MODE",
            description = "Streamed requests that send no X-Charter-Stream-Mode: judge-first (judge, then stream the decided answer) or flag-after (stream the upstream's tokens, judge when complete, flag) (default: ${DEFAULT-VALUE}).")
    String streamMode;

    @picocli.CommandLine.Option(names = "--alpha", defaultValue = "0.1", paramLabel = "A", description = "Risk level of the decisions (default: ${DEFAULT-VALUE}).")
    double alpha;

    @picocli.CommandLine.Option(names = "--cases", paramLabel = "DIR", description = "Also write the gateway's open cases as files to this folder (they always go to the database, where the cases page shows them).")
    java.nio.file.Path casesDir;

    @picocli.CommandLine.Option(names = "--audit", paramLabel = "FILE",
            description = "The gateway's hash-chained audit log, one entry per decision (default: DATA_DIR/audit.jsonl; check it with charter audit verify).")
    java.nio.file.Path auditFile;

    /** The open audit log while the gateway serves; closed after the server stops. */
    private org.charter.store.audit.AuditLog audit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = new ServerConfig(host, port, maxStatementLength, Duration.ofSeconds(shutdownGraceSeconds));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        Database db = storeOptions.open();
        CharterServer server;
        try {
            if (!noDemo && CharterServer.loadDemoIfEmpty(db, clock)) out.println("Loaded the demo assembly into the empty store.");
            server = CharterServer.create(config, db, clock, gateway(out, db, clock), webOptions.config()).start();
        } catch (RuntimeException e) {
            db.close();
            if (audit != null) audit.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping: letting requests in flight finish, then closing the store.");
            server.stop();
            if (audit != null) audit.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "charter-shutdown"));
        if (!charters.isEmpty()) out.println("Gateway: POST " + server.baseUrl() + "/v1/chat/completions, GET " + server.baseUrl() + "/v1/models");
        out.println("Charter " + Version.current() + " listening on " + server.baseUrl()
                + " (store: " + db.kind().id() + " at " + db.config().describe() + ")");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The gateway when charter files or an upstream are given: each charter file loaded, resolved with its parents,
     * embedded and calibrated once; the versions stored in the database (ratified on the pages, or imported) served in
     * front of the files and re-checked every few seconds.
     */
    private org.charter.server.gateway.GatewayApi gateway(PrintWriter out, Database db, Clock clock) {
        if (charters.isEmpty() && upstream == null) return null;
        org.charter.server.gateway.Gateway.Judging judging;
        org.charter.server.gateway.GatewayApi.Limits limits;
        try {
            judging = org.charter.server.gateway.Gateway.Judging.parse(judge);
            limits = new org.charter.server.gateway.GatewayApi.Limits(maxInFlight, Duration.ofMillis(queueWaitMillis),
                    org.charter.server.gateway.GatewayApi.StreamMode.parse(streamMode));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--judge, --max-in-flight, --queue-wait, --stream-mode: " + e.getMessage());
        }
        if (!(upstreamTimeoutSeconds > 0 && upstreamTimeoutSeconds <= 3600)) throw new UsageException("--upstream-timeout must be between 0 and 3600 seconds");
        if (upstreamRetries < 0 || upstreamRetries > 10) throw new UsageException("--upstream-retries must be 0 to 10");
        String url = upstream != null ? upstream : System.getenv("CHARTER_UPSTREAM_URL");
        String key = System.getenv("CHARTER_UPSTREAM_API_KEY");
        String model = upstreamModel != null ? upstreamModel : System.getenv().getOrDefault("CHARTER_UPSTREAM_MODEL", "default");
        org.charter.llm.ChatClient client = null;
        if (url != null && !url.isBlank()) {
            try {
                client = new org.charter.llm.OpenAiChatClient(org.charter.llm.LlmConfig.of(url, model, key)
                        .withTimeout(Duration.ofMillis(Math.round(upstreamTimeoutSeconds * 1000))).withMaxRetries(upstreamRetries));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--upstream: " + e.getMessage());
            }
        } else {
            out.println("Gateway: no upstream model (--upstream or CHARTER_UPSTREAM_URL): every request is decided as the charters' policy says for an unreachable model.");
        }
        var similarity = RequestOptions.similarity();
        var encoder = new org.charter.llm.EmbedderEncoder(RequestOptions.embedder());
        java.util.function.Function<org.charter.core.charter.Charter, org.charter.server.gateway.Gateway.Bound> binder =
                c -> org.charter.server.gateway.Gateway.Bound.of(c, similarity, encoder, alpha);
        org.charter.server.gateway.CharterCatalog files = org.charter.server.gateway.CharterCatalog.of(java.util.Map.of());
        org.charter.server.gateway.FileCharterCatalog fileCatalog = null;
        if (!charters.isEmpty()) {
            try {
                fileCatalog = org.charter.server.gateway.FileCharterCatalog.load(charters, f -> {
                    try {
                        return CharterFiles.load(f).effective();
                    } catch (org.charter.core.charter.InvalidCharterException e) {
                        throw new UsageException(f + " is not a valid charter: " + e.problems().get(0)
                                + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more; see charter validate)" : ""));
                    }
                }, binder);
                files = fileCatalog;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--charter: " + e.getMessage());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        var charterStore = new org.charter.store.CharterStore(db, clock);
        var catalog = new org.charter.server.gateway.StoredCharterCatalog(charterStore, files, binder, clock, Duration.ofSeconds(5));
        if (catalog.names().isEmpty()) {
            throw new UsageException("--upstream needs a charter to serve: --charter FILE, or a version stored with charter charters import");
        }
        var stored = new java.util.HashSet<>(charterStore.names());
        for (String name : catalog.names()) {
            String from = stored.contains(name) ? "stored version" : fileCatalog.file(name).orElseThrow().toString();
            out.println("Gateway: serving charter " + name + " " + catalog.current(name).orElseThrow().version() + " (" + from
                    + "; model " + name + "@" + model + ")");
        }
        out.println("Gateway: judge " + judging.wireName() + ", at most " + limits.maxInFlight() + " requests in flight, streamed requests "
                + limits.streamMode().wireName() + " unless X-Charter-Stream-Mode says otherwise");
        java.nio.file.Path auditPath = auditFile != null ? auditFile : storeOptions.dataDir.resolve("audit.jsonl");
        try {
            java.nio.file.Files.createDirectories(auditPath.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        audit = org.charter.store.audit.AuditLog.open(auditPath);
        out.println("Gateway: decisions are appended to the audit log " + auditPath);
        var mapper = CharterServer.jsonMapper();
        // appended before the answer is sent, and forced to disk: a decision the client saw is in the log
        java.util.function.Consumer<java.util.Map<String, Object>> log = entry -> audit.append(java.time.Instant.now(), mapper.valueToTree(entry));
        // Open cases go to the database, where the cases page shows them to panels, and to files when --cases asks.
        var caseStore = new org.charter.store.CaseStore(db, clock);
        var panelRule = new org.charter.core.governance.Panel.Rule(3);
        var gateway = new org.charter.server.gateway.Gateway(catalog, client, candidates, judging, log, c -> {
            caseStore.importCases(java.util.List.of(c), panelRule);
            if (casesDir == null) return;
            try {
                CaseFiles.write(casesDir, c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new org.charter.server.gateway.GatewayApi(gateway, CharterServer.jsonMapper(), url, key, limits);
    }
}
