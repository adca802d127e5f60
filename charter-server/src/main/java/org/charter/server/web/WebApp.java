package org.charter.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.charter.store.Database;
import org.charter.store.web.AccountStore.Session;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The participatory web interface: registers every page group, the static files and the guards that run before
 * every page (security headers; the CSRF check on every state-changing request). The JSON API (/api/), the gateway
 * (/v1/) and /health are not pages: they are left alone.
 */
public final class WebApp {
    /** Every page group, once. A new group is one line here. */
    private static List<PageGroup> groups() {
        return List.of(
                new HomePages(),
                new AccountPages(),
                new ModeratorPages(),
                new ParticipatePages(),
                new ComparePages(),
                new ModeratorToolsPages(),
                new ReportPages(),
                new ModerationPages(),
                new RatifyPages(),
                new CasePages());
    }

    /**
     * The moderator's tools for one assembly, linked from /moderate: a message key and a path with {id}. A new tool
     * is one line here.
     */
    static List<Tool> moderatorTools() {
        return List.of(
                new Tool("tools.tasks", "/moderate/a/{id}/tasks"),
                new Tool("tools.invitations", "/moderate/a/{id}/invitations"),
                new Tool("tools.queue", "/moderate/a/{id}/queue"),
                new Tool("tools.settings", "/moderate/a/{id}/settings"),
                new Tool("tools.seeds", "/moderate/a/{id}/seeds"),
                new Tool("tools.ratify", "/moderate/a/{id}/ratify"));
    }

    /** A moderator's tool: its name (a message key) and its path, where {id} stands for the assembly. */
    public record Tool(String messageKey, String pathPattern) {
        public String path(long assemblyId) {
            return pathPattern.replace("{id}", Long.toString(assemblyId));
        }
    }

    /** The static files served under /static/: name -> classpath resource and content type. */
    private static final Map<String, String[]> STATIC = Map.of(
            "charter.css", new String[] {"org/charter/server/web/static/charter.css", "text/css; charset=utf-8"},
            "charter.js", new String[] {"org/charter/server/web/static/charter.js", "text/javascript; charset=utf-8"},
            "htmx.min.js", new String[] {"META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js", "text/javascript; charset=utf-8"});

    private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

    private final Database db;
    private final Clock clock;
    private final WebConfig config;
    private final int maxStatementLength;
    private final PasswordHasher passwords;
    private Web web;

    public WebApp(Database db, Clock clock, WebConfig config, int maxStatementLength, PasswordHasher passwords) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.maxStatementLength = maxStatementLength;
        this.passwords = passwords;
    }

    /** Whether a path is a page (rather than the JSON API, the gateway, or the health check). */
    public static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/v1/") || path.equals("/health"));
    }

    public void register(Javalin app) {
        web = new Web(app, db, clock, config, maxStatementLength, passwords);
        web.sessions.sweep();
        app.before(ctx -> {
            if (!isPage(ctx.path())) return;
            securityHeaders(ctx);
            if (STATE_CHANGING.contains(ctx.method()) && !csrfOk(ctx)) {
                web.error(ctx, new WebException(403, "error.csrf"));
                ctx.skipRemainingHandlers();
            }
        });
        app.get("/static/{file}", this::staticFile);
        // A browser asking for a page that does not exist gets a page (API clients keep the JSON error).
        app.error(404, "html", ctx -> {
            if (isPage(ctx.path()) && ctx.attribute(org.charter.server.CharterServer.ANSWERED) == null) web.error(ctx, WebException.notFound());
        });
        for (PageGroup g : groups()) g.register(web);
    }

    /** The shared services, once {@link #register} has run (tests and benchmarks use the stores through it). */
    public Web web() {
        return web;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
    }

    /** The synchronizer-token check: the session's token in the X-CSRF-Token header or the _csrf form field. */
    private boolean csrfOk(Context ctx) {
        var session = web.sessions.find(ctx);
        if (session.isEmpty()) return false;
        Session s = session.get();
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null) {
            String type = ctx.contentType() == null ? "" : ctx.contentType();
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) sent = ctx.formParam("_csrf");
        }
        return Secrets.equal(sent, s.csrf());
    }

    private void staticFile(Context ctx) throws IOException {
        String[] entry = STATIC.get(ctx.pathParam("file"));
        if (entry == null) {
            ctx.status(404).contentType("text/plain").result("no such file");
            return;
        }
        InputStream in = WebApp.class.getClassLoader().getResourceAsStream(entry[0]);
        if (in == null) throw new IllegalStateException("the static file " + entry[0] + " is missing from the build");
        try (in) {
            ctx.header("Cache-Control", "public, max-age=3600").contentType(entry[1]).result(in.readAllBytes());
        }
    }

    /** The htmx version, from the WebJar's Maven metadata on the classpath. */
    private static String htmxVersion() {
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            if (in == null) throw new IllegalStateException("the htmx WebJar is missing from the classpath");
            var p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
