package org.charter.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.charter.server.web.Secrets;
import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Account;
import org.charter.store.web.AccountStore.Role;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Who may do what through the JSON API. Taking part stays open, as in Polis's participation API: joining, writing a
 * statement (held for moderation when the assembly is strict) and voting need no account. What a moderator does on
 * the pages needs a moderator's API token there too: creating an assembly, changing its settings, moderating a
 * statement, and adding a statement already accepted or marked as a seed. A token is sent as
 * {@code Authorization: Bearer TOKEN}; {@code charter account token NAME} issues one for a moderator or admin account
 * (it is stored only as its SHA-256, like a session id, with an expiry).
 */
public final class ApiAccess {
    private static final Pattern SETTINGS = Pattern.compile("/api/assemblies/[^/]+/settings/?");
    private static final Pattern MODERATION = Pattern.compile("/api/assemblies/[^/]+/statements/[^/]+/moderation/?");

    private final AccountStore accounts;
    private final Clock clock;

    public ApiAccess(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Issues a new API token for an account, valid for {@code ttl}; the token is shown once, the store keeps its hash. */
    public static String issue(AccountStore accounts, Account account, Duration ttl, Clock clock) {
        String token = Secrets.token();
        accounts.createSession(Secrets.sha256(token), "api:" + account.name(), Secrets.token(), account.id(), clock.instant().plus(ttl));
        return token;
    }

    void register(Javalin app) {
        app.before("/api/*", ctx -> {
            String method = ctx.method().name(), path = ctx.path();
            boolean moderatorOnly = ("POST".equals(method) && ("/api/assemblies".equals(path) || "/api/assemblies/".equals(path)))
                    || ("PUT".equals(method) && (SETTINGS.matcher(path).matches() || MODERATION.matcher(path).matches()));
            if (moderatorOnly) requireModerator(ctx);
        });
    }

    /** Refuses the request (401 without a valid token, 403 for a token without the moderator role). */
    void requireModerator(Context ctx) {
        Optional<Account> account = account(ctx);
        if (account.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"charter\"");
            throw new ApiException(401, "this needs a moderator's API token (Authorization: Bearer TOKEN; charter account token NAME issues one)", null);
        }
        if (!account.get().role().allows(Role.MODERATOR)) throw new ApiException(403, "this needs the moderator role", null);
    }

    /** The account whose valid token the request carries, if any. */
    Optional<Account> account(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = header.substring(7).strip();
        if (token.isEmpty()) return Optional.empty();
        return accounts.findSession(Secrets.sha256(token))
                .filter(s -> s.expiresAt().isAfter(clock.instant()) && s.accountId() != null)
                .flatMap(s -> accounts.findAccount(s.accountId()));
    }
}
