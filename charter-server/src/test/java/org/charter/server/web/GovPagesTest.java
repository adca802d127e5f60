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
}
