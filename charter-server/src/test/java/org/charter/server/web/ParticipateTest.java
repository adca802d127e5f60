package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySettings.Access;
import org.charter.core.assembly.Moderation;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.ParticipationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Participation over plain HTTP: voting one statement at a time, writing, access, consent, limits. */
class ParticipateTest {
    private static final Pattern TID = Pattern.compile("data-tid=\"(\\d+)\"");

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

    private static int shownTid(String html) {
        var m = TID.matcher(html);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void statementsComeOneAtATime_inWritingOrderWithoutAMap_andVotedOnesAreSkipped() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches", "Longer opening hours", "Dogs on leashes");
        var page = client.get("/a/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(shownTid(page.body())).isZero();
        assertThat(page.body()).contains("More benches").doesNotContain("Longer opening hours");
        assertThat(client.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree")).status()).isEqualTo(303);
        page = client.get("/a/" + id);
        assertThat(shownTid(page.body())).isEqualTo(1);
        client.post("/a/" + id + "/vote", Map.of("tid", "1", "vote", "pass"));
        client.post("/a/" + id + "/vote", Map.of("tid", "2", "vote", "disagree"));
        page = client.get("/a/" + id);
        assertThat(shownTid(page.body())).isEqualTo(-1);
        assertThat(page.body()).contains("You have voted on every statement");
        var votes = server.assemblies.matrix(id);
        assertThat(votes.toString()).isNotEmpty();
        assertThat(server.assemblies.counts(id).votes()).isEqualTo(3);
    }

    @Test
    void htmxVote_answersWithTheNextCardOnly() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches", "Longer opening hours");
        client.get("/a/" + id);
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/a/" + id + "/vote")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true").header("X-CSRF-Token", client.csrf())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("tid=0&vote=agree")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("<section id=\"card\"").contains("Longer opening hours").doesNotContain("<html");
    }

    @Test
    void nextStatement_followsTheMapsPriorities_newStatementsFirst() {
        var s = java.util.List.of(
                new org.charter.core.assembly.Statement(0, "a", null, java.time.Instant.EPOCH, Moderation.ACCEPTED, false, true),
                new org.charter.core.assembly.Statement(1, "b", null, java.time.Instant.EPOCH, Moderation.ACCEPTED, false, true),
                new org.charter.core.assembly.Statement(2, "c", 5, java.time.Instant.EPOCH, Moderation.UNMODERATED, false, false),
                new org.charter.core.assembly.Statement(3, "d", 5, java.time.Instant.EPOCH, Moderation.REJECTED, false, false),
                new org.charter.core.assembly.Statement(4, "e", 7, java.time.Instant.EPOCH, Moderation.UNMODERATED, false, false));
        var order = NextStatement.queue(s, AssemblySettings.DEFAULT, java.util.Set.of(), 7, Map.of(0, 1.0, 1, 4.0));
        assertThat(order).extracting(x -> x.tid()).as("2 has no priority yet (new); 3 rejected; 4 is the reader's own").containsExactly(2, 1, 0);
        var strict = NextStatement.queue(s, new AssemblySettings(true, true), java.util.Set.of(1), null, null);
        assertThat(strict).extracting(x -> x.tid()).as("strict: only accepted; 1 already voted").containsExactly(0);
    }

    @Test
    void strictAssembly_holdsAParticipantsStatement_untilAModeratorAcceptsIt() {
        long id = server.assembly("Library", new AssemblySettings(true, true), "Open on Sundays");
        client.get("/a/" + id);
        var r = client.post("/a/" + id + "/statements", Map.of("text", "Quiet rooms for study"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).endsWith("?submitted=held");
        assertThat(client.get(r.location()).body()).contains("once a moderator has accepted it");
        var other = new WebClient(server.server.baseUrl());
        other.get("/a/" + id);
        other.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree"));
        assertThat(other.get("/a/" + id).body()).doesNotContain("Quiet rooms for study");
        assertThat(other.post("/a/" + id + "/vote", Map.of("tid", "1", "vote", "agree")).status()).as("no votes on a held statement").isEqualTo(409);
        server.assemblies.moderate(id, 1, Moderation.ACCEPTED);
        assertThat(other.get("/a/" + id).body()).contains("Quiet rooms for study");
        assertThat(client.get("/a/" + id).body()).as("the author is not asked about their own statement").doesNotContain("data-tid=\"1\"");
    }

    @Test
    void openAssembly_showsAParticipantsStatementAtOnce() {
        long id = server.assembly("Library", AssemblySettings.DEFAULT, "Open on Sundays");
        client.get("/a/" + id);
        assertThat(client.post("/a/" + id + "/statements", Map.of("text", "Free coffee")).location()).endsWith("?submitted=shown");
        var other = new WebClient(server.server.baseUrl());
        other.get("/a/" + id);
        other.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree"));
        assertThat(other.get("/a/" + id).body()).contains("Free coffee");
    }

    @Test
    void assemblyByInvitation_admitsOnlyTheHolderOfAnUnusedToken() {
        long id = server.assembly("Board", AssemblySettings.DEFAULT.withAccess(Access.INVITATION), "Budget first");
        var page = client.get("/a/" + id);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("Invitation code").doesNotContain("Budget first");
        assertThat(client.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree")).status()).isEqualTo(403);
        assertThat(client.post("/a/" + id + "/join", Map.of("token", "made-up")).status()).isEqualTo(403);

        server.account("mo", Role.MODERATOR);
        var mo = new WebClient(server.server.baseUrl());
        mo.login("mo");
        mo.get("/moderate/a/" + id + "/invitations");
        var created = mo.post("/moderate/a/" + id + "/invitations", Map.of("label", "Ann"));
        var m = Pattern.compile("id=\"invitation-token\">([A-Za-z0-9_-]{43})<").matcher(created.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);

        client.get("/a/" + id + "/join?invite=" + token);
        assertThat(client.post("/a/" + id + "/join", Map.of("token", token)).status()).isEqualTo(303);
        assertThat(client.get("/a/" + id).body()).contains("Budget first");
        assertThat(client.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree")).status()).isEqualTo(303);

        var thief = new WebClient(server.server.baseUrl());
        thief.get("/a/" + id + "/join?invite=" + token);
        assertThat(thief.post("/a/" + id + "/join", Map.of("token", token)).status()).as("used once").isEqualTo(403);
        assertThat(mo.get("/moderate/a/" + id + "/invitations").body()).contains("by participant 0").doesNotContain(token);
    }

    @Test
    void selfDescription_isStoredOnlyWithConsent_andWithdrawingConsentDeletesIt() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "More benches");
        client.get("/a/" + id + "/me");
        var r = client.post("/a/" + id + "/me", Map.of("ageGroup", "30to44", "region", "North"));
        assertThat(r.body()).contains("Nothing was stored");
        int pid = new ParticipationStore(server.db, server.clock).findPid(id, "web:" + visitor(id)).orElseThrow();
        assertThat(server.assemblies.participant(id, pid).attributes()).isEmpty();
        client.post("/a/" + id + "/me", Map.of("ageGroup", "30to44", "region", "North", "consent", "yes"));
        assertThat(server.assemblies.participant(id, pid).attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("ageGroup", "30to44", "region", "North"));
        assertThat(client.get("/a/" + id + "/me").body()).contains("value=\"North\"");
        client.post("/a/" + id + "/me", Map.of("region", "North"));
        assertThat(server.assemblies.participant(id, pid).attributes()).isEmpty();
        assertThat(new ParticipationStore(server.db, server.clock).consent(id, pid)).isEmpty();
        assertThat(client.post("/a/" + id + "/me", Map.of("ageGroup", "<b>", "consent", "yes")).status()).isEqualTo(400);
    }

    /** The visitor id of the client's session: the only participant of the assembly. */
    private String visitor(long id) {
        return server.assemblies.participants(id).get(0).externalId().substring("web:".length());
    }

    @Test
    void votesBeyondTheParticipantsLimit_get429_withRetryAfter() {
        try (var limited = WebTestServer.start(WebConfig.defaults().withLimits(new RateLimiter.Limit(2, 1), RateLimiter.Limit.unlimited(),
                RateLimiter.Limit.unlimited(), RateLimiter.Limit.unlimited()))) {
            long id = limited.assembly("Parks", AssemblySettings.DEFAULT, "a", "b", "c");
            var c = new WebClient(limited.server.baseUrl());
            c.get("/a/" + id);
            assertThat(c.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "agree")).status()).isEqualTo(303);
            assertThat(c.post("/a/" + id + "/vote", Map.of("tid", "1", "vote", "agree")).status()).isEqualTo(303);
            var refused = c.post("/a/" + id + "/vote", Map.of("tid", "2", "vote", "agree"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("Too many requests");
            assertThat(limited.assemblies.counts(id).votes()).isEqualTo(2);
        }
    }

    @Test
    void statementsBeyondTheAddressLimit_get429_acrossParticipants() {
        try (var limited = WebTestServer.start(WebConfig.defaults().withLimits(RateLimiter.Limit.unlimited(), RateLimiter.Limit.unlimited(),
                RateLimiter.Limit.unlimited(), new RateLimiter.Limit(1, 1)))) {
            long id = limited.assembly("Parks", AssemblySettings.DEFAULT, "a");
            var c1 = new WebClient(limited.server.baseUrl());
            c1.get("/a/" + id);
            assertThat(c1.post("/a/" + id + "/statements", Map.of("text", "one")).status()).isEqualTo(303);
            var c2 = new WebClient(limited.server.baseUrl());
            c2.get("/a/" + id);
            assertThat(c2.post("/a/" + id + "/statements", Map.of("text", "two")).status()).as("same address").isEqualTo(429);
        }
    }

    @Test
    void badInput_getsAPage_notAStackTrace() {
        long id = server.assembly("Parks", AssemblySettings.DEFAULT, "a");
        client.get("/a/" + id);
        assertThat(client.get("/a/99999").status()).isEqualTo(404);
        assertThat(client.get("/a/xyz").status()).isEqualTo(404);
        var r = client.post("/a/" + id + "/vote", Map.of("tid", "0", "vote", "maybe"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<html").doesNotContain("Exception");
        assertThat(client.post("/a/" + id + "/vote", Map.of("tid", "42", "vote", "agree")).status()).isEqualTo(404);
        assertThat(client.post("/a/" + id + "/statements", Map.of("text", "x".repeat(501))).status()).isEqualTo(400);
    }
}
