package org.charter.server.web;

import java.util.HashMap;
import java.util.Optional;

import org.charter.store.web.AccountStore.Account;
import org.charter.store.web.AccountStore.Role;

import io.javalin.http.Context;

/**
 * Logging in and out, and the admin's list of accounts. A failed login says only that the name or password is
 * wrong (not which), and costs the same Argon2 hash whether or not the name exists.
 */
final class AccountPages implements PageGroup {
    /** Verified against when the name is unknown, so that both failures take the same time. */
    private volatile String dummyHash;

    @Override
    public void register(Web web) {
        web.get("/login", ctx -> login(web, ctx, null, ""));
        web.post("/login", ctx -> {
            String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
            char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
            long wait = web.loginsByAddress.acquire(web.clientAddress(ctx));
            if (wait > 0) throw WebException.tooManyRequests(wait);
            Optional<Account> account = name.isEmpty() ? Optional.empty() : web.accounts.findAccount(name);
            boolean ok;
            if (account.isPresent()) {
                ok = web.passwords.verify(password, account.get().passwordHash());
            } else {
                web.passwords.verify(password, dummy(web)); // same cost as a wrong password
                ok = false;
            }
            if (!ok) {
                ctx.status(401);
                login(web, ctx, web.page(ctx, "login.title").t("login.failed"), name);
                return;
            }
            web.sessions.login(ctx, account.get());
            Web.redirect(ctx, safeNext(ctx.formParam("next")));
        });
        web.post("/logout", ctx -> {
            web.sessions.end(ctx);
            Web.redirect(ctx, "/");
        });
        web.get("/admin/accounts", Role.ADMIN, ctx -> accounts(web, ctx, null));
        web.post("/admin/accounts", Role.ADMIN, ctx -> {
            String name = Web.formText(ctx, "name");
            Role role = Role.fromApiName(Web.formText(ctx, "role"));
            String password = Web.formText(ctx, "password");
            if (password.length() < 12) throw new WebException(400, "accounts.passwordHint");
            web.accounts.addAccount(name, role, web.passwords.hash(password.toCharArray()));
            accounts(web, ctx, web.page(ctx, "accounts.title").t("accounts.added", name));
        });
    }

    private static void login(Web web, Context ctx, String problem, String name) {
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "login.title"));
        params.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        params.put("problem", problem);
        params.put("name", name);
        web.render(ctx, "login.jte", params);
    }

    private static void accounts(Web web, Context ctx, String notice) {
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "accounts.title"));
        params.put("accounts", web.accounts.accounts());
        params.put("notice", notice);
        web.render(ctx, "accounts.jte", params);
    }

    /** Only a local path is a place to return to after logging in (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) return "/";
        return next;
    }

    private String dummy(Web web) {
        String h = dummyHash;
        if (h == null) dummyHash = h = web.passwords.hash("not a password".toCharArray());
        return h;
    }
}
