package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API against a real server on a random port, over SQLite. */
class AssemblyApiTest {
    private CharterServer server;
    private Http http;

    @BeforeEach
    void start() {
        Database db = TestDatabases.open(StoreKind.SQLITE);
        server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 200, Duration.ofSeconds(5)), db, Clock.systemUTC()).start();
        http = new Http(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private long createAssembly(String settings) {
        var r = http.post("/api/assemblies", "{\"topic\":\"Helpdesk\",\"description\":\"d\"" + settings + "}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void healthSaysOkVersionAndStore() {
        var r = http.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("store").asText()).isEqualTo("sqlite");
        assertThat(r.json().get("version").asText()).isEqualTo(Version.current()).isNotEqualTo("unknown");
    }

    @Test
    void accessSetting_defaultsToOpen_andCanBeInvitationOnly() {
        long id = createAssembly("");
        assertThat(http.get("/api/assemblies/" + id).json().get("settings").get("access").asText()).isEqualTo("open");
        long closed = createAssembly(",\"settings\":{\"access\":\"invitation\"}");
        assertThat(http.get("/api/assemblies/" + closed).json().get("settings").get("access").asText()).isEqualTo("invitation");
        var updated = http.put("/api/assemblies/" + id + "/settings", "{\"access\":\"invitation\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("settings").get("access").asText()).isEqualTo("invitation");
        assertThat(updated.json().get("settings").get("strictModeration").asBoolean()).as("other settings kept").isFalse();
        var bad = http.put("/api/assemblies/" + id + "/settings", "{\"access\":\"secret\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("access");
    }

    @Test
    void aWholeConversation() {
        long id = createAssembly(",\"settings\":{\"strictModeration\":true}");
        var a = http.get("/api/assemblies/" + id).json();
        assertThat(a.get("settings").get("strictModeration").asBoolean()).isTrue();
        assertThat(a.get("settings").get("participantsMaySubmit").asBoolean()).isTrue();

        var p0 = http.post("/api/assemblies/" + id + "/participants", "{\"externalId\":\"x-1\",\"attributes\":{\"region\":\"north\"}}");
        assertThat(p0.status()).isEqualTo(201);
        assertThat(p0.json().get("id").asInt()).isZero();
        assertThat(http.post("/api/assemblies/" + id + "/participants", "{\"externalId\":\"x-1\"}").status())
                .as("joining again with the same external id finds the same participant").isEqualTo(200);
        assertThat(http.post("/api/assemblies/" + id + "/participants", "").json().get("id").asInt()).isEqualTo(1);

        var seed = http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"Cite sources\",\"isSeed\":true,\"moderation\":\"accepted\"}");
        assertThat(seed.status()).isEqualTo(201);
        var mine = http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"Be brief\",\"authorId\":1}");
        assertThat(mine.json().get("moderation").asText()).isEqualTo("unmoderated");

        // Strict moderation: no votes on an unmoderated statement until a moderator accepts it.
        assertThat(http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":1,\"vote\":\"agree\"}").status()).isEqualTo(409);
        assertThat(http.put("/api/assemblies/" + id + "/statements/1/moderation", "{\"state\":\"accepted\"}").json()
                .get("moderation").asText()).isEqualTo("accepted");
        assertThat(http.get("/api/assemblies/" + id + "/statements?moderation=accepted").json()).hasSize(2);

        assertThat(http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":1,\"vote\":\"agree\"}").status()).isEqualTo(201);
        assertThat(http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":1,\"vote\":\"disagree\"}").status()).isEqualTo(201);
        assertThat(http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":1,\"statementId\":0,\"vote\":\"PASS\"}").status()).isEqualTo(201);
        var m = http.get("/api/assemblies/" + id + "/matrix").json();
        assertThat(m.get("participants").toString()).isEqualTo("[0,1]");
        assertThat(m.get("statements").toString()).isEqualTo("[0,1]");
        assertThat(m.get("votes").toString()).isEqualTo("[[null,-1],[0,null]]");
        assertThat(http.get("/api/assemblies/" + id + "/votes").json()).hasSize(3);
        assertThat(http.get("/api/assemblies/" + id + "/votes").json().get(0).has("replayed")).as("replayed only answers a POST").isFalse();
        assertThat(http.get("/api/assemblies/" + id).json().get("counts").toString())
                .isEqualTo("{\"participants\":2,\"statements\":2,\"voteEvents\":3,\"votes\":2}");
    }

    @Test
    void aRetriedVoteIsRecordedOnce() {
        long id = createAssembly("");
        http.post("/api/assemblies/" + id + "/participants", "{}");
        http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"s\"}");
        String vote = "{\"participantId\":0,\"statementId\":0,\"vote\":\"agree\",\"clientRequestId\":\"abc\"}";
        var first = http.post("/api/assemblies/" + id + "/votes", vote);
        var retry = http.post("/api/assemblies/" + id + "/votes", vote);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("replayed").asBoolean()).isTrue();
        assertThat(retry.json().get("eventId").asLong()).isEqualTo(first.json().get("eventId").asLong());
        // The Idempotency-Key header works the same way.
        var h1 = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/assemblies/" + id + "/votes"))
                .header("Idempotency-Key", "k-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"participantId\":0,\"statementId\":0,\"vote\":\"pass\"}")));
        var h2 = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/assemblies/" + id + "/votes"))
                .header("Idempotency-Key", "k-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"participantId\":0,\"statementId\":0,\"vote\":\"pass\"}")));
        assertThat(h1.status()).isEqualTo(201);
        assertThat(h2.status()).isEqualTo(200);
        assertThat(http.get("/api/assemblies/" + id + "/votes").json()).hasSize(2);
        var reused = http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":0,\"vote\":\"disagree\",\"clientRequestId\":\"abc\"}");
        assertThat(reused.status()).isEqualTo(409);
    }

    @Test
    void badInputIsNamedAndChangesNothing() {
        long id = createAssembly("");
        http.post("/api/assemblies/" + id + "/participants", "{}");
        http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"s\"}");

        var unknown = http.get("/api/assemblies/999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("assembly 999 does not exist");
        assertThat(http.post("/api/assemblies/999/votes", "{\"participantId\":0,\"statementId\":0,\"vote\":\"agree\"}").status()).isEqualTo(404);

        var badVote = http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":0,\"vote\":\"maybe\"}");
        assertThat(badVote.status()).isEqualTo(400);
        assertThat(badVote.json().get("field").asText()).isEqualTo("vote");

        var missing = http.post("/api/assemblies/" + id + "/votes", "{\"statementId\":0,\"vote\":\"agree\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("participantId");
        assertThat(missing.json().get("error").asText()).isEqualTo("participantId is required");

        var wrongType = http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":\"zero\",\"statementId\":0,\"vote\":\"agree\"}");
        assertThat(wrongType.json().get("field").asText()).isEqualTo("participantId");

        var extra = http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,\"statementId\":0,\"vote\":\"agree\",\"weight\":2}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().get("field").asText()).isEqualTo("weight");

        var notJson = http.post("/api/assemblies/" + id + "/votes", "{\"participantId\":0,");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).startsWith("the body is not valid JSON (line 1");

        var tooLong = http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("text");
        assertThat(tooLong.json().get("error").asText()).contains("limit is 200");

        var badId = http.get("/api/assemblies/abc");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asText()).isEqualTo("assemblyId");

        var noTopic = http.post("/api/assemblies", "{\"description\":\"x\"}");
        assertThat(noTopic.status()).isEqualTo(400);
        assertThat(noTopic.json().get("field").asText()).isEqualTo("topic");

        var noRoute = http.get("/api/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("error").asText()).isEqualTo("no such endpoint: GET /api/nothing-here");

        assertThat(http.get("/api/assemblies/" + id + "/votes").json()).isEmpty();
        assertThat(http.get("/api/assemblies/" + id + "/statements").json()).hasSize(1);
        assertThat(http.get("/api/assemblies").json()).hasSize(1);
    }

    @Test
    void participantsMayBeBarredFromWriting() {
        long id = createAssembly(",\"settings\":{\"participantsMaySubmit\":false}");
        http.post("/api/assemblies/" + id + "/participants", "{}");
        var refused = http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"mine\",\"authorId\":0}");
        assertThat(refused.status()).isEqualTo(409);
        var opened = http.put("/api/assemblies/" + id + "/settings", "{\"participantsMaySubmit\":true}");
        assertThat(opened.json().get("settings").get("participantsMaySubmit").asBoolean()).isTrue();
        assertThat(http.post("/api/assemblies/" + id + "/statements", "{\"text\":\"mine\",\"authorId\":0}").status()).isEqualTo(201);
    }

    @Test
    void theOpinionMapOfAStoredAssemblyIsServedSavedAndWarmStarted() {
        var db = TestDatabases.open(StoreKind.SQLITE);
        try (var demo = CharterServer.create(new ServerConfig("127.0.0.1", 0, 200, Duration.ofSeconds(5)), db, Clock.systemUTC())) {
            CharterServer.loadDemoIfEmpty(db, Clock.systemUTC());
            demo.start();
            var http = new Http(demo.baseUrl());
            var first = http.get("/api/assemblies/1/opinion?groups=2&seed=4");
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            var json = first.json();
            assertThat(json.get("participants").asInt()).isEqualTo(10);
            assertThat(json.get("groups")).hasSize(2);
            assertThat(json.get("inConv")).hasSize(10);
            assertThat(json.get("pca").get("components")).hasSize(2);
            assertThat(json.get("repness").has("0")).isTrue();
            assertThat(json.get("stability").get("seed").asLong()).isEqualTo(4);
            long saved = db.read(h -> h.createQuery("SELECT COUNT(*) FROM opinion_map WHERE assembly_id = 1").mapTo(Long.class).one());
            assertThat(saved).isEqualTo(1);
            // Nothing changed: the saved map is served as it is.
            assertThat(http.get("/api/assemblies/1/opinion?groups=2&seed=4").json()).isEqualTo(json);
            // A new vote: recomputed, warm-started from the saved map; the camps stay.
            assertThat(http.post("/api/assemblies/1/votes", "{\"participantId\":9,\"statementId\":7,\"vote\":\"agree\"}").status()).isEqualTo(201);
            var again = http.get("/api/assemblies/1/opinion?groups=2&seed=4").json();
            assertThat(again).isNotEqualTo(json);
            for (int g = 0; g < 2; g++) assertThat(again.get("groups").get(g).get("members")).isEqualTo(json.get("groups").get(g).get("members"));
            assertThat(http.get("/api/assemblies/1/opinion?groups=zero").json().get("field").asText()).isEqualTo("groups");
            assertThat(http.get("/api/assemblies/1/opinion?imputation=median").status()).isEqualTo(400);
            assertThat(http.get("/api/assemblies/77/opinion").status()).isEqualTo(404);
        }
    }
}
