package org.charter.server;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.charter.core.assembly.DemoAssembly;
import org.charter.core.assembly.InvalidFieldException;
import org.charter.server.Views.ErrorView;
import org.charter.server.Views.Health;
import org.charter.store.AssemblyStore;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * Charter's HTTP server: the REST API over one store. Javalin stays at this edge; the domain knows nothing of it.
 * {@link #stop()} is graceful: the server stops accepting connections, lets requests in flight finish (up to the
 * configured grace period), then closes the store.
 */
public final class CharterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CharterServer.class);

    private final ServerConfig config;
    private final Database db;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private CharterServer(ServerConfig config, Database db, Javalin app) {
        this.config = config;
        this.db = db;
        this.app = app;
    }

    /** The JSON mapper the API uses: ISO-8601 times, records as objects. */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Builds the server over an open store; {@link #start()} binds it. The server owns the store from here on. */
    public static CharterServer create(ServerConfig config, Database db, Clock clock) {
        return create(config, db, clock, null);
    }

    /** As {@link #create(ServerConfig, Database, Clock)}, with the OpenAI-compatible gateway when {@code gateway} is given. */
    public static CharterServer create(ServerConfig config, Database db, Clock clock, org.charter.server.gateway.GatewayApi gateway) {
        return create(config, db, clock, gateway, org.charter.server.web.WebConfig.defaults());
    }

    /** As {@link #create(ServerConfig, Database, Clock, org.charter.server.gateway.GatewayApi)}, with the web pages' settings. */
    public static CharterServer create(ServerConfig config, Database db, Clock clock, org.charter.server.gateway.GatewayApi gateway,
                                       org.charter.server.web.WebConfig web) {
        ObjectMapper mapper = jsonMapper();
        var store = new AssemblyStore(db, clock);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true; // requests wait on the upstream and the store: a virtual thread each, no pool to exhaust
            c.jsonMapper(new JavalinJackson(mapper, false));
            c.http.defaultContentType = "application/json";
            c.jetty.modifyServer(server -> {
                // Javalin wraps its handler in Jetty's StatisticsHandler, which lets requests in flight finish on stop
                // for up to the stop timeout while refusing new connections.
                server.setStopTimeout(config.shutdownGrace().toMillis());
                server.setStopAtShutdown(false); // stop() is called from our own shutdown hook, in order
            });
        });
        app.get("/health", ctx -> ctx.json(new Health("ok", Version.current(), db.kind().id())));
        var apiAccess = new ApiAccess(new org.charter.store.web.AccountStore(db, clock), clock);
        apiAccess.register(app);
        new AssemblyApi(store, mapper, config.maxStatementLength(), apiAccess).register(app);
        new OpinionApi(new OpinionService(db, clock)).register(app);
        if (gateway != null) gateway.register(app);
        // The participatory pages (server-rendered HTML); they answer their own errors as pages.
        new org.charter.server.web.WebApp(db, clock, web, config.maxStatementLength(), new org.charter.server.web.PasswordHasher()).register(app);

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
        app.exception(InvalidFieldException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.field()));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage(), null));
        app.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), null));
        // A computation refused for its size (e.g. nearest-participant imputation on a huge assembly).
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 422, e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
        });
        // Javalin's own answers (no such route, wrong method, body too large) in the same JSON shape as ours.
        app.error(404, ctx -> javalinError(ctx, "no such endpoint: " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> javalinError(ctx, "method " + ctx.method() + " is not allowed on " + ctx.path()));
        app.error(413, ctx -> javalinError(ctx, "the request body is too large"));
        return new CharterServer(config, db, app);
    }

    /** Set on a request whose error body is already written, so that Javalin's status handlers keep it. */
    public static final String ANSWERED = "charter.error";

    private static void error(io.javalin.http.Context ctx, int status, String message, String field) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).json(new ErrorView(message, field));
    }

    private static void javalinError(io.javalin.http.Context ctx, String message) {
        if (ctx.attribute(ANSWERED) == null) ctx.json(new ErrorView(message, null));
    }

    /** Loads the demo assembly when the store holds none; returns whether it did. */
    public static boolean loadDemoIfEmpty(Database db, Clock clock) {
        var store = new AssemblyStore(db, clock);
        if (!store.isEmpty()) return false;
        store.importSnapshot(DemoAssembly.snapshot(clock.instant().minus(java.time.Duration.ofDays(1))));
        return true;
    }

    /** Adds a plain-text GET route before start: tests use it to hold a request in flight. */
    void testHook(String path, java.util.concurrent.Callable<String> body) {
        app.get(path, ctx -> ctx.contentType("text/plain").result(body.call()));
    }

    public CharterServer start() {
        app.start(config.host(), config.port());
        return this;
    }

    /** The port the server listens on (useful when it was started on port 0). */
    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** Stops gracefully: requests in flight finish, then the store closes. Safe to call twice. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        try {
            app.stop();
        } finally {
            db.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
