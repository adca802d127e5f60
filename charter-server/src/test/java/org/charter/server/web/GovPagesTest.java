package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Statement;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The moderation pages over plain HTTP: seed upload all-or-nothing, settings, errors as pages. */
class GovPagesTest {
    WebTestServer server;
    WebClient web;

    @BeforeEach
    void start() {
        server = WebTestServer.start();
        server.account("mo", Role.MODERATOR);
        web = new WebClient(server.url(""));
        web.login("mo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void seedUpload_oneBadLine_storesNothing_andListsIt_thenTheCorrectedUploadStoresAll() {
        long id = server.assembly("Seeds", AssemblySettings.DEFAULT, "Cite your sources.");
        web.get("/moderate/a/" + id + "/seeds");
        var bad = web.post("/moderate/a/" + id + "/seeds", Map.of("format", "lines", "text", "Be brief.\ncite your sources.\n\nSay when unsure.\n"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<td>2</td>").contains("The assembly already has this statement.").contains("Nothing was stored");
        assertThat(server.assemblies.statements(id)).hasSize(1);
        var good = web.post("/moderate/a/" + id + "/seeds", Map.of("format", "csv", "text", "text,meta\n\"Be brief, always.\",\nSay when unsure.,true\n"));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body()).contains("2 statements were stored");
        assertThat(server.assemblies.statements(id)).extracting(Statement::text).containsExactly("Cite your sources.", "Be brief, always.", "Say when unsure.");
        assertThat(server.assemblies.statements(id).get(2).meta()).isTrue();
        assertThat(server.assemblies.statements(id).get(1).seed()).isTrue();
        // in French, the reasons are French
        var fr = web.get("/moderate/a/" + id + "/seeds?lang=fr");
        assertThat(fr.body()).contains("Tout ou rien");
        var frBad = web.post("/moderate/a/" + id + "/seeds", Map.of("format", "lines", "text", "x".repeat(2001)));
        assertThat(frBad.body()).contains("la limite est");
    }

    @Test
    void settings_areSaved_andBadInputIsAPageNotATrace() {
        long id = server.assembly("Settings", AssemblySettings.DEFAULT, "s");
        web.get("/moderate/a/" + id + "/settings");
        assertThat(web.post("/moderate/a/" + id + "/settings", Map.of("strict", "on", "access", "invitation")).body()).contains("The settings were saved.");
        var a = server.assemblies.assembly(id);
        assertThat(a.settings()).isEqualTo(new AssemblySettings(true, false, AssemblySettings.Access.INVITATION));
        assertThat(web.post("/moderate/a/" + id + "/settings", Map.of("access", "everyone")).status()).isEqualTo(400);
        web.get("/moderate/a/" + id + "/ratify");
        var r = web.post("/moderate/a/" + id + "/ratify/preview", Map.of("charter", "c", "kind", "committee", "committeeRule", "nope", "size", "2"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("unknown committee rule").doesNotContain("Exception");
        assertThat(web.get("/charters/none").status()).isEqualTo(404);
        assertThat(web.get("/cases/none").status()).isEqualTo(404);
    }

    @Test
    void aParticipantOnThePanel_rulesOnceThroughTheSeatLink() {
        new org.charter.store.CharterStore(server.db, server.clock).save(org.charter.core.governance.Ratification.empty("helpdesk", "1"),
                java.util.Optional.empty(), "admin", "import");
        var cases = new org.charter.store.CaseStore(server.db, server.clock);
        cases.importCases(java.util.List.of(GovFixtures.gap("c1", "helpdesk", "Can I pay in bitcoin?", java.util.List.of("Yes.", "No."))),
                new org.charter.core.governance.Panel.Rule(2));
        web.get("/cases/c1");
        var added = web.post("/cases/c1/seats", Map.of());
        assertThat(added.status()).isEqualTo(201);
        String link = added.body().replaceAll("(?s).*id=\"seat-link\">([^<]+)</code>.*", "$1");
        assertThat(link).startsWith("/panel/");
        var participant = new WebClient(server.url(""));
        assertThat(participant.get(link).body()).contains("Can I pay in bitcoin?").contains("name=\"rationale\"");
        var ruled = participant.post(link, Map.of("candidate", "1", "ruling", "complies", "rationale", "Cards only."));
        assertThat(ruled.status()).isEqualTo(200);
        assertThat(ruled.body()).contains("your ruling is recorded");
        assertThat(participant.get(link).status()).as("a seat rules once").isEqualTo(409);
        assertThat(participant.post(link, Map.of("candidate", "0", "ruling", "complies", "rationale", "again")).status()).isEqualTo(409);
        assertThat(participant.get("/panel/made-up").status()).isEqualTo(404);
        var c = cases.get("c1");
        assertThat(c.verdicts()).extracting(v -> v.panellist()).containsExactly("panel seat 1");
        assertThat(c.decided()).isFalse();
        // the moderator's ruling makes two of two
        web.get("/cases/c1");
        web.post("/cases/c1/rule", Map.of("candidate", "1", "ruling", "complies", "rationale", "Agreed."));
        assertThat(cases.get("c1").decided()).isTrue();
        assertThat(cases.get("c1").openCase().rulings().get(0).decidedBy()).isEqualTo("panel (2 of 2: panel seat 1, mo)");
    }

    /**
     * Two camps of twelve (see {@link GovFixtures#twoCamps}): s0-s3 split the groups completely (spread 100%), s4 is
     * shared (24 of 24 agree), s5 was passed on by half (12 of 24).
     */
    @Test
    void report_listsWhatDividesWhatIsSharedAndWhatIsUncertain() {
        long id = GovFixtures.twoCamps(server);
        String html = new WebClient(server.url("")).get("/a/" + id + "/report").body();
        String divisive = html.substring(html.indexOf("id=\"divisive-h\""), html.indexOf("id=\"uncertain-h\""));
        for (int t = 0; t < 4; t++) assertThat(divisive).contains("/report/s/" + t + "\"").contains("100%");
        assertThat(divisive).doesNotContain("/report/s/4\"").doesNotContain("/report/s/5\"");
        String consensus = html.substring(html.indexOf("id=\"consensus-h\""), html.indexOf("id=\"divisive-h\""));
        assertThat(consensus).contains("/report/s/4\"").contains("96% agree (24 of 24)"); // Polis smooths: (24 + 1) / (24 + 2)
        String uncertain = html.substring(html.indexOf("id=\"uncertain-h\""));
        assertThat(uncertain).contains("/report/s/5\"").contains("passed (12 of 24)");
        assertThat(html).contains("id=\"stability\"").contains("href=\"#group-A\">12</a>");
    }
}
