package org.charter.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Account;
import org.charter.store.web.AccountStore.Session;

import io.javalin.http.Context;

/**
 * Server-side sessions. The browser holds a random 256-bit id in an HttpOnly, SameSite=Lax cookie (Secure over
 * https, or behind a proxy that says so when trusted, or always when configured); the database holds only the id's
 * SHA-256, with the session's visitor id, CSRF token, account and absolute expiry. Sessions read are cached in
 * memory (by id hash) until they expire or end, so a request costs no database read once its session is known.
 * Logging in replaces the session by a new one (no fixation); logging out deletes it.
 */
public final class Sessions {
    public static final String COOKIE = "charter_session";

    private final AccountStore store;
    private final Clock clock;
    private final WebConfig config;
    private final ConcurrentHashMap<String, Session> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();

    /** Expired sessions are deleted from the store at start and after every this many new sessions. */
    static final int SWEEP_EVERY = 1000;
    /** The cache is emptied (and refilled from the store as requests come) when it holds more sessions than this. */
    static final int MAX_CACHED = 100_000;

    public Sessions(AccountStore store, Clock clock, WebConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** The request's live session, if its cookie names one. */
    public Optional<Session> find(Context ctx) {
        Session now = ctx.attribute(COOKIE);
        if (now != null) return Optional.of(now);
        String id = ctx.cookie(COOKIE);
        if (id == null || id.length() != 43) return Optional.empty();
        String hash = Secrets.sha256(id);
        Session s = cache.get(hash);
        if (s == null) {
            s = store.findSession(hash).orElse(null);
            if (s == null) return Optional.empty();
            cache.put(hash, s);
        }
        if (!s.expiresAt().isAfter(clock.instant())) {
            cache.remove(hash);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** The request's session, starting a participant session (and setting its cookie) when there is none. */
    public Session ensure(Context ctx) {
        Optional<Session> s = find(ctx);
        if (s.isPresent()) return s.get();
        Session created = start(ctx, Secrets.token(), null, config.sessionTtl());
        return created;
    }

    /** Replaces the request's session by a logged-in one for {@code account}, keeping its visitor id. */
    public Session login(Context ctx, Account account) {
        String visitor = find(ctx).map(Session::visitor).orElseGet(Secrets::token);
        end(ctx);
        ctx.attribute(COOKIE, null);
        return start(ctx, visitor, account.id(), config.accountSessionTtl());
    }

    /** Ends the request's session (if any) and clears its cookie. */
    public void end(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            String hash = Secrets.sha256(id);
            cache.remove(hash);
            store.deleteSession(hash);
        }
        ctx.attribute(COOKIE, null);
        setCookie(ctx, "", Duration.ZERO);
    }

    private Session start(Context ctx, String visitor, Long accountId, Duration ttl) {
        String id = Secrets.token();
        Instant expires = clock.instant().plus(ttl);
        Session s = store.createSession(Secrets.sha256(id), visitor, Secrets.token(), accountId, expires);
        if (started.incrementAndGet() % SWEEP_EVERY == 0) sweep();
        if (cache.size() > MAX_CACHED) cache.clear();
        cache.put(s.idHash(), s);
        setCookie(ctx, id, ttl);
        ctx.attribute(COOKIE, s); // so that the same request sees the new session
        return s;
    }

    private void setCookie(Context ctx, String value, Duration maxAge) {
        var b = new StringBuilder(COOKIE).append('=').append(value)
                .append("; Path=/; Max-Age=").append(maxAge.toSeconds()).append("; HttpOnly; SameSite=Lax");
        if (secure(ctx)) b.append("; Secure");
        ctx.res().addHeader("Set-Cookie", b.toString());
        ctx.header("Cache-Control", "no-store");
    }

    /** Deletes expired sessions from the store and the cache; returns how many the store held. */
    public int sweep() {
        java.time.Instant now = clock.instant();
        cache.values().removeIf(x -> !x.expiresAt().isAfter(now));
        return store.deleteExpiredSessions();
    }

    /** Whether the request came over https (directly, or through a trusted proxy), or cookies are always Secure. */
    public boolean secure(Context ctx) {
        if (config.secureCookies()) return true;
        if ("https".equalsIgnoreCase(ctx.scheme())) return true;
        return config.trustProxy() && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
