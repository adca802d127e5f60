package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.governance.Panel;
import org.charter.core.governance.Ratification;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security of the report, moderation, ratification and case pages over plain HTTP: the XSS corpus renders inert
 * wherever participant or gateway text appears, state-changing requests without the CSRF token are refused and change
 * nothing, and a visitor without a moderator account reaches no moderator page.
 */
class GovSecurityTest {
    WebTestServer server;

    @BeforeEach
    void start() {
        server = WebTestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void xssCorpus_isInertOnEveryPage() {
        List<String> payloads = XssPayloads.all();
        long id = GovFixtures.twoCamps(server);
        server.assemblies.addParticipant(id, "writer", Map.of());
        int writer = server.assemblies.participants(id).size() - 1;
        List<Integer> tids = new ArrayList<>();
        for (String p : payloads) {
            var s = server.assemblies.addStatement(id, p, writer, false, false, null, 2000);
            tids.add(s.tid());
            // everyone agrees with it, so it is a clause of the ratified version
            for (int pid = 0; pid < 24; pid++) server.assemblies.castVote(id, pid, s.tid(), org.charter.core.assembly.VoteValue.AGREE, null);
        }
        var cases = new CaseStore(server.db, server.clock);
        new CharterStore(server.db, server.clock).save(Ratification.empty("xss", "1"), Optional.empty(), "admin", "import");
        for (int i = 0; i < payloads.size(); i++) {
            cases.importCases(List.of(GovFixtures.gap("x" + i, "xss", payloads.get(i), List.of(payloads.get(i), "safe"))), new Panel.Rule(2));
        }
        server.account("mo", Role.MODERATOR);
        var web = new WebClient(server.url(""));
        web.login("mo");

        XssPayloads.assertInert(web.get("/moderate/a/" + id + "/queue").body(), "queue");
        XssPayloads.assertInert(web.get("/a/" + id + "/report").body(), "report");
        XssPayloads.assertInert(web.get("/a/" + id + "/report/s/" + tids.get(0)).body(), "statement votes");
        XssPayloads.assertInert(web.get("/cases").body(), "case list");
        // a panellist's verdict that quotes the payload as its own response and rationale
        for (int i = 0; i < payloads.size(); i++) {
            web.get("/cases/x" + i);
            var r = web.post("/cases/x" + i + "/rule", Map.of("candidate", "own", "response", payloads.get(i), "ruling", "complies",
                    "rationale", payloads.get(i)));
            assertThat(r.status()).as(r.body()).isEqualTo(303);
            XssPayloads.assertInert(web.get("/cases/x" + i).body(), "case " + i);
            String token = cases.addSeat("x" + i);
            var seat = new WebClient(server.url(""));
            XssPayloads.assertInert(seat.get("/panel/" + token).body(), "panel seat " + i);
        }
        // seeds: every payload line is rejected (already in the assembly) and shown in the table of rejected lines
        web.get("/moderate/a/" + id + "/seeds");
        var seeds = web.post("/moderate/a/" + id + "/seeds", Map.of("format", "lines", "text", String.join("\n", payloads)));
        assertThat(seeds.status()).isEqualTo(422);
        XssPayloads.assertInert(seeds.body(), "seed upload");
        // ratification: the payloads are clauses of the preview, the diff and the stored version
        web.get("/moderate/a/" + id + "/ratify");
        var preview = web.post("/moderate/a/" + id + "/ratify/preview", Map.of("charter", "xss", "kind", "consensus", "threshold", "1/2"));
        assertThat(preview.status()).isEqualTo(200);
        XssPayloads.assertInert(preview.body(), "ratify preview");
        String hash = preview.body().replaceAll("(?s).*name=\"hash\" value=\"([^\"]+)\".*", "$1");
        var confirm = web.post("/moderate/a/" + id + "/ratify/confirm", Map.of("charter", "xss", "kind", "consensus", "threshold", "1/2",
                "parent", "1", "hash", hash));
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(303);
        XssPayloads.assertInert(web.get(confirm.location()).body(), "charter version");
        assertThat(new CharterStore(server.db, server.clock).latest("xss").orElseThrow().charter().clauses()).hasSizeGreaterThanOrEqualTo(payloads.size());
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfToken_areRefused_andChangeNothing() {
        long id = server.assembly("Strict", new AssemblySettings(true, true), "Seed");
        server.assemblies.addParticipant(id, "p0", Map.of());
        var s = server.assemblies.addStatement(id, "Waiting.", 0, false, false, null, 500);
        var charters = new CharterStore(server.db, server.clock);
        charters.save(Ratification.empty("helpdesk", "1"), Optional.empty(), "admin", "import");
        var cases = new CaseStore(server.db, server.clock);
        cases.importCases(List.of(GovFixtures.gap("c1", "helpdesk", "Bitcoin?", List.of("Yes.", "No."))), new Panel.Rule(1));
        String seatToken = cases.addSeat("c1");
        server.account("mo", Role.MODERATOR);
        var web = new WebClient(server.url(""));
        web.login("mo");
        Map<String, Map<String, String>> posts = Map.of(
                "/moderate/a/" + id + "/queue/" + s.tid(), Map.of("state", "accepted"),
                "/moderate/a/" + id + "/settings", Map.of("access", "invitation"),
                "/moderate/a/" + id + "/seeds", Map.of("format", "lines", "text", "A new seed"),
                "/moderate/a/" + id + "/ratify/preview", Map.of("charter", "helpdesk", "kind", "consensus", "threshold", "1/2"),
                "/moderate/a/" + id + "/ratify/confirm", Map.of("charter", "helpdesk", "kind", "consensus", "threshold", "1/2", "parent", "1", "hash", "x"),
                "/cases/c1/rule", Map.of("candidate", "1", "ruling", "complies", "rationale", "r"),
                "/cases/c1/panel", Map.of("quorum", "3"),
                "/cases/c1/seats", Map.of(),
                "/panel/" + seatToken, Map.of("candidate", "1", "ruling", "complies", "rationale", "r"),
                "/charters/helpdesk/amend", Map.of());
        posts.forEach((path, fields) -> {
            assertThat(web.postRaw(path, fields).status()).as(path).isEqualTo(403);
            var bad = new java.util.LinkedHashMap<>(fields);
            bad.put("_csrf", "not-the-token");
            assertThat(web.postRaw(path, bad).status()).as(path + " with a wrong token").isEqualTo(403);
        });
        assertThat(server.assemblies.statement(id, s.tid()).moderation()).isEqualTo(Moderation.UNMODERATED);
        assertThat(server.assemblies.assembly(id).settings().strictModeration()).isTrue();
        assertThat(server.assemblies.assembly(id).settings().access()).isEqualTo(AssemblySettings.Access.OPEN);
        assertThat(server.assemblies.statements(id)).hasSize(2);
        assertThat(cases.get("c1").verdicts()).isEmpty();
        assertThat(cases.seat(seatToken).orElseThrow().used()).isFalse();
        assertThat(cases.get("c1").panelRule()).isEqualTo(new Panel.Rule(1));
        assertThat(charters.versions("helpdesk")).hasSize(1);
        // with the token the same request works
        web.get("/moderate/a/" + id + "/queue");
        assertThat(web.post("/moderate/a/" + id + "/queue/" + s.tid(), Map.of("state", "accepted")).status()).isEqualTo(303);
        assertThat(server.assemblies.statement(id, s.tid()).moderation()).isEqualTo(Moderation.ACCEPTED);
    }

    @Test
    void aParticipantWithoutAModeratorAccount_reachesNoModeratorPage() {
        long id = GovFixtures.twoCamps(server);
        new CaseStore(server.db, server.clock).importCases(List.of(GovFixtures.gap("c1", "helpdesk", "Bitcoin?", List.of("Yes."))), new Panel.Rule(1));
        new CharterStore(server.db, server.clock).save(Ratification.empty("helpdesk", "1"), Optional.empty(), "admin", "import");
        var visitor = new WebClient(server.url(""));
        assertThat(visitor.get("/a/" + id + "/report").status()).as("the report is public").isEqualTo(200);
        for (String path : List.of("/moderate/a/" + id + "/queue", "/moderate/a/" + id + "/settings", "/moderate/a/" + id + "/seeds",
                "/moderate/a/" + id + "/ratify", "/cases", "/cases/c1")) {
            var r = visitor.get(path);
            assertThat(r.status()).as(path).isIn(302, 303);
            assertThat(r.location()).as(path).startsWith("/login");
        }
        // a session with a valid CSRF token but no account is refused on every moderator form
        visitor.get("/a/" + id + "/report");
        for (String path : List.of("/moderate/a/" + id + "/queue/0", "/moderate/a/" + id + "/settings", "/moderate/a/" + id + "/seeds",
                "/moderate/a/" + id + "/ratify/preview", "/moderate/a/" + id + "/ratify/confirm", "/cases/c1/rule", "/cases/c1/panel",
                "/cases/c1/seats", "/charters/helpdesk/amend")) {
            assertThat(visitor.post(path, Map.of("state", "accepted", "charter", "helpdesk", "kind", "consensus", "threshold", "1/2",
                    "candidate", "0", "ruling", "complies", "rationale", "r", "quorum", "1")).status()).as(path).isEqualTo(403);
        }
        assertThat(new CaseStore(server.db, server.clock).get("c1").verdicts()).isEmpty();
        assertThat(new CharterStore(server.db, server.clock).versions("helpdesk")).hasSize(1);
    }

    @Test
    void theReportOfAnAssemblyByInvitation_isForItsParticipantsAndModerators() {
        long id = server.assembly("Closed", new AssemblySettings(false, true, AssemblySettings.Access.INVITATION), "Secret seed");
        var visitor = new WebClient(server.url(""));
        assertThat(visitor.get("/a/" + id + "/report").status()).isEqualTo(403);
        assertThat(visitor.get("/a/" + id + "/report/s/0").status()).isEqualTo(403);
        server.account("mo", Role.MODERATOR);
        var mo = new WebClient(server.url(""));
        mo.login("mo");
        assertThat(mo.get("/a/" + id + "/report").body()).contains("Closed");
    }
}
