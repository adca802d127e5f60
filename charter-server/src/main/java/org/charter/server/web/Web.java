package org.charter.server.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.InvalidFieldException;
import org.charter.server.OpinionService;
import org.charter.store.AssemblyStore;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;
import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Account;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.AccountStore.Session;
import org.charter.store.web.ComparisonStore;
import org.charter.store.web.InvitationStore;
import org.charter.store.web.ParticipationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * What the pages share: the stores, sessions, templates, texts, rate limits and the opinion maps, and the route
 * methods through which page groups register their pages. A route registered here renders any error as a page in
 * the reader's language (never a stack trace), and one registered with a {@link Role} sends a visitor who is not
 * logged in to the login page and refuses (403) one whose account lacks the role. CSRF is checked for every
 * state-changing request before any route runs (see {@link WebApp}).
 */
public final class Web {
    private static final Logger LOG = LoggerFactory.getLogger(Web.class);
    static final String LANG_COOKIE = "charter_lang";

    public final Javalin app;
    public final Database db;
    public final Clock clock;
    public final WebConfig config;
    public final int maxStatementLength;
    public final AssemblyStore assemblies;
    public final AccountStore accounts;
    public final InvitationStore invitations;
    public final ComparisonStore comparisons;
    public final ParticipationStore participation;
    public final OpinionService opinions;
    public final MapCache maps;
    public final Sessions sessions;
    public final PasswordHasher passwords;
    public final Participants participants;
    public final RateLimiter votesByParticipant;
    public final RateLimiter votesByAddress;
    public final RateLimiter statementsByParticipant;
    public final RateLimiter statementsByAddress;
    /** Login attempts per address (the statement limit per address). */
    public final RateLimiter loginsByAddress;
    private final TemplateEngine templates;

    Web(Javalin app, Database db, Clock clock, WebConfig config, int maxStatementLength, PasswordHasher passwords) {
        this.app = app;
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.maxStatementLength = maxStatementLength;
        this.assemblies = new AssemblyStore(db, clock);
        this.accounts = new AccountStore(db, clock);
        this.invitations = new InvitationStore(db, clock);
        this.comparisons = new ComparisonStore(db, clock);
        this.participation = new ParticipationStore(db, clock);
        this.opinions = new OpinionService(db, clock);
        this.maps = new MapCache(opinions, db, clock, config.mapRefresh());
        this.sessions = new Sessions(accounts, clock, config);
        this.passwords = passwords;
        this.participants = new Participants(this);
        this.votesByParticipant = new RateLimiter(config.votesPerParticipant(), System::nanoTime);
        this.votesByAddress = new RateLimiter(config.votesPerAddress(), System::nanoTime);
        this.statementsByParticipant = new RateLimiter(config.statementsPerParticipant(), System::nanoTime);
        this.statementsByAddress = new RateLimiter(config.statementsPerAddress(), System::nanoTime);
        this.loginsByAddress = new RateLimiter(config.statementsPerAddress(), System::nanoTime);
        // Templates are compiled to classes at build time (jte-maven-plugin); ContentType.Html escapes every ${}.
        this.templates = TemplateEngine.createPrecompiled(ContentType.Html);
    }

    // ---- routes -----------------------------------------------------------------------------------------------

    /** A page anyone may see. */
    public void get(String path, Handler handler) {
        app.get(path, guarded(null, handler));
    }

    /** A form target anyone with a session may post to (the CSRF token is checked before it runs). */
    public void post(String path, Handler handler) {
        app.post(path, guarded(null, handler));
    }

    /** A page for accounts with {@code role} (an admin has every role). */
    public void get(String path, Role role, Handler handler) {
        app.get(path, guarded(role, handler));
    }

    public void post(String path, Role role, Handler handler) {
        app.post(path, guarded(role, handler));
    }

    private Handler guarded(Role role, Handler handler) {
        return ctx -> {
            try {
                if (role != null && !allowed(ctx, role)) return;
                handler.handle(ctx);
            } catch (WebException e) {
                error(ctx, e);
            } catch (NotFoundException e) {
                error(ctx, new WebException(404, "error.notFoundDetail", e.getMessage()));
            } catch (ConflictException e) {
                error(ctx, new WebException(409, "error.conflict", e.getMessage()));
            } catch (InvalidFieldException e) {
                error(ctx, new WebException(400, "error.invalid", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("page {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new WebException(500, "error.internal"));
            }
        };
    }

    /** Whether the request's account has the role; otherwise answers (login redirect, or 403) and returns false. */
    private boolean allowed(Context ctx, Role role) {
        Optional<Account> a = account(ctx);
        if (a.isEmpty()) {
            if (ctx.method() == io.javalin.http.HandlerType.GET) {
                redirect(ctx, "/login?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                error(ctx, WebException.forbidden());
            }
            return false;
        }
        if (!a.get().role().allows(role)) {
            error(ctx, WebException.forbidden());
            return false;
        }
        return true;
    }

    /** Renders a refusal as the error page (or, for htmx, as a fragment it swaps in). */
    public void error(Context ctx, WebException e) {
        ctx.status(e.status());
        if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        Page page = page(ctx, "error.title");
        String message = page.t(e.messageKey(), e.args());
        render(ctx, isHtmx(ctx) ? "error_fragment.jte" : "error.jte", Map.of("page", page, "status", e.status(), "message", message));
    }

    // ---- rendering --------------------------------------------------------------------------------------------

    /** Renders a template (a path under src/main/jte) with its parameters as the response. */
    public void render(Context ctx, String template, Map<String, Object> params) {
        var out = new StringOutput(8192);
        templates.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The page model for this request, with the title's message key (and its arguments). */
    public Page page(Context ctx, String titleKey, Object... titleArgs) {
        Messages m = Messages.of(locale(ctx));
        Session s = sessions.ensure(ctx);
        Account a = account(ctx).orElse(null);
        return new Page(m, s.csrf(), a, ctx.path(), m.t(titleKey, titleArgs));
    }

    /** Whether htmx made the request (it wants a fragment, not a whole page). */
    public static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** A redirect after a POST (303, so the browser GETs the target); for htmx, an HX-Redirect. */
    public static void redirect(Context ctx, String location) {
        if (isHtmx(ctx)) {
            ctx.header("HX-Redirect", location).status(204);
        } else {
            ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /** The reader's language: ?lang= (remembered in a cookie), else the cookie, else Accept-Language. */
    public Locale locale(Context ctx) {
        Locale cached = ctx.attribute(LANG_COOKIE);
        if (cached != null) return cached;
        Locale l = Messages.parse(ctx.queryParam("lang"));
        if (l != null) {
            ctx.res().addHeader("Set-Cookie", LANG_COOKIE + "=" + l.toLanguageTag() + "; Path=/; Max-Age=31536000; SameSite=Lax"
                    + (sessions.secure(ctx) ? "; Secure" : ""));
        } else {
            l = Messages.parse(ctx.cookie(LANG_COOKIE));
            if (l == null) l = Messages.fromAcceptLanguage(ctx.header("Accept-Language"));
        }
        ctx.attribute(LANG_COOKIE, l);
        return l;
    }

    // ---- who is asking ----------------------------------------------------------------------------------------

    /** The logged-in account of the request, if any. */
    public Optional<Account> account(Context ctx) {
        return sessions.find(ctx).flatMap(s -> s.accountId() == null ? Optional.empty() : accounts.findAccount(s.accountId()));
    }

    /** The account, which a route registered with a role has already checked. */
    public Account requireAccount(Context ctx) {
        return account(ctx).orElseThrow(WebException::forbidden);
    }

    /** The client's address: the connection's, or the first X-Forwarded-For hop behind a trusted proxy. */
    public String clientAddress(Context ctx) {
        if (config.trustProxy()) {
            String fwd = ctx.header("X-Forwarded-For");
            if (fwd != null && !fwd.isBlank()) return fwd.split(",")[0].trim();
        }
        return ctx.ip();
    }

    /** Takes a token from each limiter (participant key, then address) or throws 429. */
    public void limit(RateLimiter byParticipant, String participantKey, RateLimiter byAddress, Context ctx) {
        long wait = byParticipant.acquire(participantKey);
        if (wait == 0) wait = byAddress.acquire(clientAddress(ctx));
        if (wait > 0) throw WebException.tooManyRequests(wait);
    }

    /** A required form field, trimmed; a missing or blank one is a 400 naming the field. */
    public static String formText(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) throw new WebException(400, "error.missingField", name);
        return v.strip();
    }

    /** A path parameter that must be a non-negative number (else 404: no such page). */
    public static long pathId(Context ctx, String name) {
        try {
            long v = Long.parseLong(ctx.pathParam(name));
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw WebException.notFound();
        }
    }
}
