package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.preference.GroupRewards;
import org.charter.core.preference.LuceFitter;
import org.charter.core.preference.PreferenceJson;
import org.charter.core.welfare.WelfareFunctions;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.ComparisonStore.Choice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Comparisons: tasks by form and by JSONL upload, participants comparing, and the export the preference models read. */
class CompareTest {
    private WebTestServer server;
    private WebClient mo;

    @BeforeEach
    void start() {
        server = WebTestServer.start();
        server.account("mo", Role.MODERATOR);
        mo = new WebClient(server.server.baseUrl());
        mo.login("mo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void jsonlUpload_storesValidLines_andReportsEveryRejectedLine() {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        mo.get("/moderate/a/" + id + "/tasks");
        String jsonl = String.join("\n",
                "{\"prompt\":\"Reset my password\",\"responseA\":\"Click 'forgot'.\",\"labelA\":\"v1\",\"responseB\":\"No.\",\"labelB\":\"v2\"}",
                "not json",
                "",
                "{\"prompt\":\"Hi\",\"responseA\":\"Hello\",\"labelA\":\"v1\",\"responseB\":\"Hey\"}",
                "{\"prompt\":\"Hi\",\"responseA\":\"Hello\",\"labelA\":\"v1\",\"responseB\":\"Hey\",\"labelB\":\"v1\"}",
                "[1,2]",
                "{\"prompt\":\"Hi\",\"responseA\":\"Hello\",\"labelA\":\"v1\",\"responseB\":\"Hey\",\"labelB\":\"v2\",\"extra\":1}",
                "{\"prompt\":\"Bye\",\"responseA\":\"Goodbye\",\"labelA\":\"v2\",\"responseB\":\"Ciao\",\"labelB\":\"v3\"}");
        var r = mo.post("/moderate/a/" + id + "/tasks/upload", Map.of("jsonl", jsonl));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("2 tasks stored, 5 lines rejected, 1 blank lines skipped.");
        for (String reason : new String[] {"<td>2</td><td>not valid JSON", "<td>4</td><td>labelB is missing", "<td>5</td><td>labelB must differ",
                "<td>6</td><td>expected a JSON object", "<td>7</td><td>unknown field \"extra\""}) {
            assertThat(r.body()).contains(reason);
        }
        assertThat(server.comparisons.tasks(id)).extracting(t -> t.prompt()).containsExactly("Reset my password", "Bye");
    }

    @Test
    void multipartFileUpload_isReadToo() {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        mo.get("/moderate/a/" + id + "/tasks");
        String boundary = "----charter" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + mo.csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.jsonl\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"prompt\":\"Q\",\"responseA\":\"A\",\"labelA\":\"x\",\"responseB\":\"B\",\"labelB\":\"y\"}\nbroken\n\r\n"
                + "--" + boundary + "--\r\n";
        var r = mo.send(HttpRequest.newBuilder(URI.create(server.url("/moderate/a/" + id + "/tasks/upload")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("1 tasks stored, 1 lines rejected");
    }

    @Test
    void participantComparesTasksOneAtATime_andTheChoiceIsStoredWithThem() {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        mo.get("/moderate/a/" + id + "/tasks");
        assertThat(mo.post("/moderate/a/" + id + "/tasks", Map.of("prompt", "Q1", "responseA", "A1", "labelA", "x", "responseB", "B1", "labelB", "y")).status()).isEqualTo(303);
        mo.post("/moderate/a/" + id + "/tasks", Map.of("prompt", "Q2", "responseA", "A2", "labelA", "x", "responseB", "B2", "labelB", "y"));
        var p = new WebClient(server.server.baseUrl());
        var page = p.get("/a/" + id + "/compare");
        assertThat(page.body()).contains("Q1").contains("A1").contains("B1");
        long t1 = server.comparisons.tasks(id).get(0).id();
        assertThat(p.post("/a/" + id + "/compare", Map.of("task", Long.toString(t1), "choice", "b", "reason", "shorter")).status()).isEqualTo(303);
        assertThat(p.get("/a/" + id + "/compare").body()).contains("Q2").doesNotContain("Q1");
        p.post("/a/" + id + "/compare", Map.of("task", Long.toString(t1 + 1), "choice", "tie"));
        assertThat(p.get("/a/" + id + "/compare").body()).contains("nothing more to compare");
        assertThat(server.comparisons.comparisons(id)).extracting(c -> c.choice()).containsExactly(Choice.B, Choice.TIE);
        assertThat(server.comparisons.comparisons(id).get(0).reason()).isEqualTo("shorter");
        assertThat(p.post("/a/" + id + "/compare", Map.of("task", Long.toString(t1), "choice", "c")).status()).isEqualTo(400);
    }

    /**
     * Two groups with opposite tastes: group "north" prefers what "v1" wrote, group "south" what "v2" wrote. The export
     * reads as preference data, and one Bradley-Terry model per group recovers each group's favourite.
     */
    @Test
    void exportedComparisons_feedGroupRewards_perGroup() throws Exception {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        var tasks = new ArrayList<Long>();
        for (int i = 0; i < 3; i++) tasks.add(server.comparisons.addTask(id, "Q" + i, "a" + i, "b" + i, "v1", "v2").id());
        tasks.add(server.comparisons.addTask(id, "Q3", "a", "b", "v2", "v3").id());
        var participation = new org.charter.store.web.ParticipationStore(server.db, server.clock);
        for (int p = 0; p < 8; p++) {
            boolean north = p < 4;
            int pid = server.assemblies.addParticipant(id, "x" + p, Map.of()).participant().pid();
            participation.describe(id, pid, Map.of("region", north ? "north" : "south"), true);
            for (int i = 0; i < 3; i++) {
                // north picks v1 (A) except one dissent; south picks v2 (B) except one dissent
                boolean dissent = i == p % 3 && p % 2 == 0;
                Choice c = (north ^ dissent) ? Choice.A : Choice.B;
                server.comparisons.compare(id, tasks.get(i), pid, c, null);
            }
            server.comparisons.compare(id, tasks.get(3), pid, north ? Choice.B : Choice.A, null); // v3 over v2 in the north
        }
        var r = mo.get("/moderate/a/" + id + "/comparisons.json?groupBy=attribute:region");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Disposition").orElseThrow()).contains("comparisons.json");
        PreferenceJson.Input input = PreferenceJson.read(r.body(), "export");
        assertThat(input.items()).containsExactly("v1", "v2", "v3");
        assertThat(input.grouped()).isTrue();
        assertThat(input.annotated()).isTrue();
        int[] group = new int[input.group().length];
        var names = new ArrayList<String>();
        for (int c = 0; c < group.length; c++) {
            if (!names.contains(input.group()[c])) names.add(input.group()[c]);
            group[c] = names.indexOf(input.group()[c]);
        }
        var fitted = GroupRewards.fit(input.items(), input.choices(), group, names, java.util.List.of(4L, 4L),
                LuceFitter.Options.defaults().withAlpha(0.1).withStandardErrors(false));
        var decision = fitted.choose(new int[] {0, 1}, WelfareFunctions.parse("utilitarian"));
        double[] north = decision.distribution().get("north");
        double[] south = decision.distribution().get("south");
        assertThat(north[0]).as("north prefers v1").isGreaterThan(0.6);
        assertThat(south[1]).as("south prefers v2").isGreaterThan(0.6);
    }

    @Test
    void exportWithNothingToExport_says409() {
        long id = server.assembly("Helpdesk", AssemblySettings.DEFAULT, "Be polite");
        assertThat(mo.get("/moderate/a/" + id + "/comparisons.json").status()).isEqualTo(409);
        assertThat(mo.get("/moderate/a/" + id + "/comparisons.json?groupBy=bogus").status()).isIn(400, 409);
    }
}
