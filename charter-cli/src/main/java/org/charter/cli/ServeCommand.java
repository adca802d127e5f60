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
            server = CharterServer.create(config, db, clock).start();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping: letting requests in flight finish, then closing the store.");
            server.stop();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "charter-shutdown"));
        out.println("Charter " + Version.current() + " listening on " + server.baseUrl()
                + " (store: " + db.kind().id() + " at " + db.config().describe() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
