package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages' foundation over plain HTTP: sessions, CSRF, login, roles, languages, static files, headers. */
class FoundationTest {
    private WebTestServer server;
    private WebClient client;

    @BeforeEach
    void start() {
        server = WebTestServer.start();
        client = new WebClient(server.server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startPage_listsAssemblies_andSetsAHardenedSessionCookie() {
        server.assembly("Library opening hours", AssemblySettings.DEFAULT, "Open on Sundays");
        var r = client.get("/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Library opening hours").contains("<html lang=\"en\"");
        String cookie = r.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE)).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';'))).hasSize(43);
        assertThat(r.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void cookieIsSecure_behindATrustedHttpsProxy() {
        try (var s = WebTestServer.start(WebConfig.defaults().unlimited().withCookies(false, true))) {
            var c = new WebClient(s.server.baseUrl());
            var r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url("/"))).header("X-Forwarded-Proto", "https").GET());
            assertThat(r.raw().headers().allValues("Set-Cookie")).anyMatch(v -> v.startsWith(Sessions.COOKIE) && v.contains("; Secure"));
        }
    }

    @Test
    void langParameter_overridesAcceptLanguage_andIsRemembered() {
        var fr = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/"))).header("Accept-Language", "fr-CH, fr;q=0.9").GET());
        assertThat(fr.body()).contains("<html lang=\"fr\"").contains("Assemblées");
        assertThat(client.get("/?lang=en").body()).contains("<html lang=\"en\"");
        var again = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/"))).header("Accept-Language", "fr").GET());
        assertThat(again.body()).as("the ?lang= choice is remembered").contains("<html lang=\"en\"");
    }

    @Test
    void postWithoutCsrfToken_isRefused() {
        client.get("/login");
        var r = client.postRaw("/login", Map.of("name", "x", "password", "y"));
        assertThat(r.status()).isEqualTo(403);
        var wrong = client.postRaw("/login", Map.of("name", "x", "password", "y", "_csrf", "A".repeat(43)));
        assertThat(wrong.status()).isEqualTo(403);
        var noSession = new WebClient(server.server.baseUrl()).postRaw("/logout", Map.of());
        assertThat(noSession.status()).isEqualTo(403);
    }

    @Test
    void login_withTheRightPassword_opensAdminPages_andRotatesTheSession() {
        server.account("ada", Role.ADMIN);
        assertThat(client.get("/admin/accounts").status()).as("not logged in: to the login page").isEqualTo(303);
        client.get("/login");
        String before = client.csrf();
        var bad = client.post("/login", Map.of("name", "ada", "password", "wrong password!", "next", "/"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).contains("The name or the password is wrong.");
        var ok = client.post("/login", Map.of("name", "ada", "password", WebTestServer.PASSWORD, "next", "/admin/accounts"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.location()).isEqualTo("/admin/accounts");
        var page = client.get("/admin/accounts");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("ada");
        assertThat(client.csrf()).as("a new session, a new token").isNotEqualTo(before);
    }

    @Test
    void moderator_cannotReachAdminPages() {
        server.account("mo", Role.MODERATOR);
        client.login("mo");
        assertThat(client.get("/admin/accounts").status()).isEqualTo(403);
        assertThat(client.post("/admin/accounts", Map.of("name", "eve", "role", "admin", "password", "x".repeat(20))).status()).isEqualTo(403);
        assertThat(server.accounts.findAccount("eve")).isEmpty();
    }

    @Test
    void loginRedirect_staysOnThisSite() {
        assertThat(AccountPages.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(AccountPages.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(AccountPages.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(AccountPages.safeNext("/moderate")).isEqualTo("/moderate");
    }

    @Test
    void staticFiles_areServed() {
        assertThat(client.get("/static/charter.css").body()).contains("--accent");
        assertThat(client.get("/static/htmx.min.js").body()).contains("htmx");
        assertThat(client.get("/static/../../etc/passwd").status()).isIn(400, 404);
        assertThat(client.get("/static/web.xml").status()).isEqualTo(404);
    }

    @Test
    void jsonApi_isNotAPage_andKeepsItsJsonErrors() {
        var r = client.get("/api/assemblies/999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).startsWith("{");
    }
}
