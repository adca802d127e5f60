package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.charter.core.charter.OpenCase;
import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.llm.LlmConfig;
import org.charter.llm.OpenAiChatClient;
import org.charter.server.gateway.Gateway;
import org.charter.server.gateway.GatewayApi;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAI-compatible gateway against a real local upstream that speaks the protocol. */
class GatewayTest {
    static final String PRIVACY = org.charter.core.charter.SampleCharters.PRIVACY_DESK;

    static FakeOpenAiServer upstream;
    static Gateway.Bound bound;
    static final List<Map<String, Object>> log = new ArrayList<>();
    static final List<OpenCase> cases = new ArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() {
        upstream = FakeOpenAiServer.start();
        bound = GatewayFixtures.privacy();
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
    }

    static CharterServer serve(String upstreamUrl) {
        var client = new OpenAiChatClient(LlmConfig.of(upstreamUrl, "m", null).withTimeout(Duration.ofSeconds(3)));
        var gateway = new Gateway(Map.of("privacy-desk", bound), client, 3, log::add, cases::add);
        return CharterServer.create(new ServerConfig("127.0.0.1", 0, 200, Duration.ofSeconds(5)), TestDatabases.open(StoreKind.SQLITE), Clock.systemUTC(),
                new GatewayApi(gateway, CharterServer.jsonMapper(), upstreamUrl, null)).start();
    }

    @Test
    void answersWithTheAdmissibleCandidate_andSaysWhy() throws Exception {
        upstream.reply(Reply.text("Jan Peeters lives at Kerkstraat 12, by the church.",
                "I can't share where someone lives. If you need to reach him, the city can forward a letter.",
                "I can't share where someone lives. If you need to reach him, the city can forward a letter."));
        try (CharterServer server = serve(upstream.baseUrl())) {
            var r = new Http(server.baseUrl()).post("/v1/chat/completions",
                    "{\"model\": \"privacy-desk@m\", \"messages\": [{\"role\": \"user\", \"content\": \"Where does my neighbour Jan live?\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode d = JSON.readTree(r.body());
            assertThat(d.get("object").asText()).isEqualTo("chat.completion");
            assertThat(d.get("choices").get(0).get("message").get("role").asText()).isEqualTo("assistant");
            JsonNode charter = d.get("charter");
            assertThat(charter.get("version").asText()).isEqualTo("7");
            assertThat(charter.get("clauses").toString()).contains("protect_personal_data");
            assertThat(charter.get("pViolates")).hasSize(3);
            // the leaking candidate is never the answer
            assertThat(d.get("choices").get(0).get("message").get("content").asText()).doesNotContain("Kerkstraat");
            assertThat(charter.get("decision").asText()).isIn("answer", "hedge", "escalate", "refuse");
            if (charter.get("chosen").isInt()) assertThat(charter.get("chosen").asInt()).isNotZero();
            // what went upstream: the compiled charter as system prompt, then the conversation, n candidates
            JsonNode sent = upstream.lastRequest().json();
            assertThat(sent.get("n").asInt()).isEqualTo(3);
            assertThat(sent.get("model").asText()).isEqualTo("m");
            assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
            assertThat(sent.get("messages").get(0).get("content").asText()).contains("protect_personal_data");
            assertThat(log).isNotEmpty();
            assertThat(log.get(log.size() - 1).get("version")).isEqualTo("7");
        }
    }

    @Test
    void unreachableUpstream_escalatesAndOpensACase() throws Exception {
        int before = cases.size();
        try (CharterServer server = serve("http://127.0.0.1:9/v1")) {
            var r = new Http(server.baseUrl()).post("/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"Where does my neighbour Jan live?\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode d = JSON.readTree(r.body());
            assertThat(d.get("charter").get("decision").asText()).isEqualTo("escalate");
            assertThat(d.get("charter").get("modelError").asText()).contains("127.0.0.1:9");
            assertThat(d.get("choices").get(0).get("message").get("content").asText()).contains("passed on");
            assertThat(cases).hasSize(before + 1);
            assertThat(cases.get(cases.size() - 1).kind()).isEqualTo(OpenCase.Kind.ESCALATION);
            assertThat(d.get("charter").get("case").asText()).isEqualTo(cases.get(cases.size() - 1).id());
        }
    }

    @Test
    void everyDecisionLandsInTheHashChainedAuditLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("audit.jsonl");
        var mapper = CharterServer.jsonMapper();
        try (var audit = org.charter.store.audit.AuditLog.open(file)) {
            var client = new OpenAiChatClient(LlmConfig.of("http://127.0.0.1:9/v1", "m", null).withTimeout(Duration.ofSeconds(2)));
            var gateway = new Gateway(Map.of("privacy-desk", bound), client, 2, e -> audit.append(java.time.Instant.now(), mapper.valueToTree(e)), c -> { });
            try (CharterServer server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 200, Duration.ofSeconds(5)), TestDatabases.open(StoreKind.SQLITE),
                    Clock.systemUTC(), new GatewayApi(gateway, mapper, null, null)).start()) {
                for (int i = 0; i < 3; i++) {
                    new Http(server.baseUrl()).post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"Where does Jan live?\"}]}");
                }
            }
        }
        try (var reader = java.nio.file.Files.newBufferedReader(file)) {
            var v = org.charter.core.audit.AuditJsonLines.verify(reader, e -> { });
            assertThat(v.ok()).isTrue();
            assertThat(v.entriesChecked()).isEqualTo(3);
        }
        assertThat(java.nio.file.Files.readAllLines(file).get(0)).contains("\"decision\":\"escalate\"").contains("\"version\":\"7\"");
    }

    @Test
    void refusesWhatItCannotJudge_inOpenAIsErrorShape() throws Exception {
        try (CharterServer server = serve(upstream.baseUrl())) {
            var http = new Http(server.baseUrl());
            var notJson = http.post("/v1/chat/completions", "{\"messages\": [");
            assertThat(notJson.status()).isEqualTo(400);
            JsonNode e = JSON.readTree(notJson.body()).get("error");
            assertThat(e.get("message").asText()).isEqualTo("the body is not JSON");
            assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
            var noMessages = http.post("/v1/chat/completions", "{\"messages\": []}");
            assertThat(noMessages.status()).isEqualTo(400);
            assertThat(JSON.readTree(noMessages.body()).get("error").get("param").asText()).isEqualTo("messages");
            var unknown = http.post("/v1/chat/completions", "{\"model\": \"nope@m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).get("error").get("message").asText()).contains("no charter 'nope' is served");
            var badRole = http.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}");
            assertThat(badRole.status()).isEqualTo(400);
            JsonNode models = JSON.readTree(http.get("/v1/models").body());
            assertThat(models.get("data").toString()).contains("\"privacy-desk\"").contains("privacy-desk@fake-model");
        }
    }
}
