package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages against hostile input and hostile requests: every XSS payload of the corpus, submitted wherever a
 * participant (or a moderator) writes, renders inert on every page; state-changing requests without the session's
 * CSRF token are refused; participants cannot reach moderators' pages.
 */
class SecurityTest {
    private WebTestServer server;

    @BeforeEach
    void start() {
        server = WebTestServer.start();
        server.account("mo", Role.MODERATOR);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every state-changing page route, with the fields it needs to get past validation. */
    private static List<String> stateChanging(long id) {
        return List.of("/login", "/logout", "/admin/accounts", "/a/" + id + "/vote", "/a/" + id + "/statements", "/a/" + id + "/join",
                "/a/" + id + "/me", "/a/" + id + "/compare", "/moderate/a/" + id + "/tasks", "/moderate/a/" + id + "/tasks/upload",
                "/moderate/a/" + id + "/invitations", "/moderate/a/" + id + "/access");
    }

    private static final List<String> MODERATOR_GETS = List.of("/moderate", "/moderate/a/{id}/tasks", "/moderate/a/{id}/invitations",
            "/moderate/a/{id}/comparisons.json", "/admin/accounts");

    @Test
    void xssPayloads_renderInert_onEveryPage() {
        List<String> payloads = XssPayloads.all();
        long id = server.assembly(payloads.get(0), AssemblySettings.DEFAULT);
        var mo = new WebClient(server.server.baseUrl());
        mo.login("mo");
        mo.get("/moderate/a/" + id + "/tasks");
        var author = new WebClient(server.server.baseUrl());
        author.get("/a/" + id);
        for (String p : payloads) {
            assertThat(author.post("/a/" + id + "/statements", Map.of("text", p)).status()).as(p).isEqualTo(303);
            assertThat(mo.post("/moderate/a/" + id + "/tasks", Map.of("prompt", p, "responseA", p, "labelA", "a" + p, "responseB", p, "labelB", "b" + p)).status())
                    .as(p).isEqualTo(303);
            mo.get("/moderate/a/" + id + "/invitations");
            mo.post("/moderate/a/" + id + "/invitations", Map.of("label", p));
        }
        String attr = payloads.get(2);
        author.post("/a/" + id + "/me", Map.of("region", attr, "occupation", payloads.get(5), "consent", "yes"));
        // enough voters for an opinion map whose table quotes statements
        int n = payloads.size();
        for (int v = 0; v < 12; v++) {
            int pid = server.assemblies.addParticipant(id, "v" + v, Map.of()).participant().pid();
            for (int t = 0; t < n; t++) server.assemblies.castVote(id, pid, t, ((v + t) % 3 == 0) == (v < 6) ? VoteValue.AGREE : VoteValue.DISAGREE, null);
        }

        // the reader votes through every statement, checking each card as it comes
        var reader = new WebClient(server.server.baseUrl());
        for (int i = 0; i <= n; i++) {
            var page = reader.get("/a/" + id);
            XssPayloads.assertInert(page.body(), "/a/" + id + " (card " + i + ")");
            var m = java.util.regex.Pattern.compile("data-tid=\"(\\d+)\"").matcher(page.body());
            if (!m.find()) break;
            var next = reader.post("/a/" + id + "/vote", Map.of("tid", m.group(1), "vote", "agree"));
            assertThat(next.status()).isEqualTo(303);
            int tid = Integer.parseInt(m.group(1));
            long comparisonTask = server.comparisons.tasks(id).get(Math.min(tid, n - 1)).id();
            reader.post("/a/" + id + "/compare", Map.of("task", Long.toString(comparisonTask), "choice", "a", "reason", payloads.get(tid % n)));
        }
        assertThat(server.assemblies.counts(id).votes()).as("the reader saw every statement").isGreaterThanOrEqualTo(12L * n + n);
        var pages = new java.util.ArrayList<>(List.of("/", "/a/" + id + "/map", "/a/" + id + "/compare", "/a/" + id + "/me"));
        for (String path : pages) XssPayloads.assertInert(reader.get(path).body(), path);
        XssPayloads.assertInert(author.get("/a/" + id + "/me").body(), "/a/" + id + "/me (with attributes)");
        assertThat(author.get("/a/" + id + "/me").body()).contains("value=\"&lt;img src=x onerror=alert(1)");
        assertThat(reader.get("/a/" + id + "/map").body()).contains("<svg").contains("&lt;script&gt;");
        for (String path : List.of("/moderate", "/moderate/a/" + id + "/tasks", "/moderate/a/" + id + "/invitations")) {
            XssPayloads.assertInert(mo.get(path).body(), path);
        }
        String export = mo.get("/moderate/a/" + id + "/comparisons.json").body();
        assertThat(export).contains("\"items\"");
        // reflected input: the login page's next and name, an upload report quoting a rejected line
        for (String p : payloads) {
            var anon = new WebClient(server.server.baseUrl());
            XssPayloads.assertInert(anon.get("/login?next=" + URLEncoder.encode("/" + p, StandardCharsets.UTF_8)).body(), "/login?next=");
            XssPayloads.assertInert(anon.post("/login", Map.of("name", p, "password", "x")).body(), "/login name");
            XssPayloads.assertInert(mo.post("/moderate/a/" + id + "/tasks/upload", Map.of("jsonl", p)).body(), "upload report");
            XssPayloads.assertInert(anon.get("/a/" + URLEncoder.encode(p, StandardCharsets.UTF_8)).body(), "404 page");
        }
    }

    @Test
    void stateChangingRequests_withoutTheSessionsCsrfToken_areRefused() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches");
        var mo = new WebClient(server.server.baseUrl());
        mo.login("mo");
        String stolen = new WebClient(server.server.baseUrl()).get("/").body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        Map<String, String> fields = Map.of("tid", "0", "vote", "agree", "text", "t", "token", "t", "prompt", "p", "responseA", "a",
                "responseB", "b", "labelA", "x", "labelB", "y", "access", "invitation");
        for (String path : stateChanging(id)) {
            assertThat(mo.postRaw(path, fields).status()).as("no token: " + path).isEqualTo(403);
            var withOther = new java.util.HashMap<>(fields);
            withOther.put("_csrf", stolen);
            assertThat(mo.postRaw(path, withOther).status()).as("another session's token: " + path).isEqualTo(403);
            var r = mo.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(path))).header("X-CSRF-Token", "x".repeat(43))
                    .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(r.status()).as("DELETE with a wrong header: " + path).isEqualTo(403);
        }
        assertThat(server.assemblies.counts(id).votes()).isZero();
        assertThat(server.assemblies.statements(id)).hasSize(1);
        assertThat(server.comparisons.tasks(id)).isEmpty();
        assertThat(server.assemblies.assembly(id).settings().access()).isEqualTo(AssemblySettings.Access.OPEN);
        mo.get("/moderate/a/" + id + "/invitations");
        assertThat(mo.post("/moderate/a/" + id + "/access", Map.of("access", "invitation")).status()).as("with the token").isEqualTo(303);
        assertThat(server.assemblies.assembly(id).settings().access()).isEqualTo(AssemblySettings.Access.INVITATION);
    }

    @Test
    void participant_cannotReachModeratorPages() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches");
        var participant = new WebClient(server.server.baseUrl());
        participant.get("/a/" + id);
        participant.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree"));
        server.comparisons.addTask(id, "q", "a", "b", "x", "y");
        for (String pattern : MODERATOR_GETS) {
            String path = pattern.replace("{id}", Long.toString(id));
            var r = participant.get(path);
            assertThat(r.status()).as(path).isEqualTo(303);
            assertThat(r.location()).as(path).startsWith("/login?next=");
        }
        participant.get("/a/" + id);
        for (String path : List.of("/moderate/a/" + id + "/tasks", "/moderate/a/" + id + "/tasks/upload", "/moderate/a/" + id + "/invitations",
                "/moderate/a/" + id + "/access", "/admin/accounts")) {
            assertThat(participant.post(path, Map.of("prompt", "p", "responseA", "a", "responseB", "b", "labelA", "x", "labelB", "y",
                    "jsonl", "{}", "access", "invitation", "name", "eve", "role", "admin", "password", "x".repeat(20))).status()).as(path).isEqualTo(403);
        }
        assertThat(server.comparisons.tasks(id)).hasSize(1);
        assertThat(server.accounts.findAccount("eve")).isEmpty();
        // a moderator reaches them; the admin page stays closed to a moderator
        var mo = new WebClient(server.server.baseUrl());
        mo.login("mo");
        for (String pattern : MODERATOR_GETS.subList(0, 4)) assertThat(mo.get(pattern.replace("{id}", Long.toString(id))).status()).isIn(200, 409);
        assertThat(mo.get("/admin/accounts").status()).isEqualTo(403);
        assertThat(Moderation.ACCEPTED).isNotNull();
    }
}
