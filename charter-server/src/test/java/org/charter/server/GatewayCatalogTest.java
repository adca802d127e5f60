package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charter.server.GatewayFixtures.userMessage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.charter.core.charter.CharterReader;
import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.FileCharterCatalog;
import org.charter.server.gateway.Gateway;
import org.charter.server.gateway.GatewayApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Several charters behind one gateway: named by header or virtual model, listed in /v1/models, refused when unnamed. */
class GatewayCatalogTest {
    FakeOpenAiServer upstream;
    final GatewayFixtures.Records records = new GatewayFixtures.Records();

    @BeforeEach
    void start() {
        upstream = FakeOpenAiServer.start();
        upstream.reply(Reply.text("The library is open from 9:00 to 18:00 on weekdays (city.example/library)."));
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    CharterServer serveBoth() {
        var charters = new java.util.LinkedHashMap<String, Gateway.Bound>();
        charters.put("privacy-desk", GatewayFixtures.privacy());
        charters.put("library-desk", GatewayFixtures.library());
        var catalog = CharterCatalog.of(charters);
        return GatewayFixtures.serve(catalog, GatewayFixtures.client(upstream.baseUrl(), Duration.ofSeconds(5), 0), upstream.baseUrl(),
                GatewayApi.Limits.DEFAULT, records, Gateway.Judging.NONE);
    }

    static Http.Response post(CharterServer server, String body, String charterHeader) {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (charterHeader != null) b.header("X-Charter", charterHeader);
        return new Http(server.baseUrl()).send(b);
    }

    @Test
    void severalCharters_noneNamed_isA400ListingThem() {
        try (CharterServer server = serveBoth()) {
            var r = post(server, userMessage("gpt-x", "When is the library open?"), null);
            assertThat(r.status()).isEqualTo(400);
            JsonNode e = r.json().get("error");
            assertThat(e.get("message").asText()).contains("name a charter").contains("library-desk").contains("privacy-desk");
            assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Test
    void theHeaderNamesTheCharter_andTheAnswerCarriesItsNameAndVersion() {
        try (CharterServer server = serveBoth()) {
            var r = post(server, userMessage("gpt-x", "When is the library open?"), "library-desk");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode c = r.json().get("charter");
            assertThat(c.get("charter").asText()).isEqualTo("library-desk");
            assertThat(c.get("version").asText()).isEqualTo("2");
            assertThat(c.get("judge").asText()).isEqualTo("none");
            assertThat(c.get("decision").asText()).isEqualTo("answer");
            assertThat(r.json().get("choices").get(0).get("message").get("content").asText()).contains("9:00 to 18:00");
            // the model named went upstream unchanged, with the library charter's instructions
            JsonNode sent = upstream.lastRequest().json();
            assertThat(sent.get("model").asText()).isEqualTo("gpt-x");
            assertThat(sent.get("messages").get(0).get("content").asText()).contains("give_opening_hours");

            var versioned = post(server, userMessage("gpt-x", "When is the library open?"), "library-desk@2");
            assertThat(versioned.status()).isEqualTo(200);
            // the second request's instructions (from the gateway's cache of compiled prompts) are the first one's
            var sentTwice = upstream.requests();
            assertThat(sentTwice.get(1).json().get("messages").get(0)).isEqualTo(sentTwice.get(0).json().get("messages").get(0));
            var stale = post(server, userMessage("gpt-x", "When is the library open?"), "library-desk@1");
            assertThat(stale.status()).isEqualTo(404);
            assertThat(stale.json().get("error").get("message").asText()).isEqualTo("charter 'library-desk' is served at version 2, not 1");
        }
    }

    @Test
    void aVirtualModelNamesCharterAndUpstreamModel() {
        try (CharterServer server = serveBoth()) {
            var r = post(server, userMessage("privacy-desk@gpt-x", "Where does my neighbour Jan live?"), null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("charter").get("charter").asText()).isEqualTo("privacy-desk");
            assertThat(r.json().get("model").asText()).isEqualTo("privacy-desk@gpt-x");
            assertThat(upstream.lastRequest().json().get("model").asText()).isEqualTo("gpt-x");
            var unknown = post(server, userMessage("tax-desk@gpt-x", "hi"), null);
            assertThat(unknown.status()).isEqualTo(404);
            JsonNode e = unknown.json().get("error");
            assertThat(e.get("message").asText()).isEqualTo("no charter 'tax-desk' is served (served: privacy-desk, library-desk)");
            assertThat(e.get("param").asText()).isEqualTo("model");
            assertThat(e.has("code")).isTrue();
        }
    }

    @Test
    void modelsListsTheUpstreamsModels_andEveryCharterBoundVirtualModel() {
        upstream.models("gpt-x", "gpt-y");
        try (CharterServer server = serveBoth()) {
            JsonNode data = new Http(server.baseUrl()).get("/v1/models").json().get("data");
            List<String> ids = new java.util.ArrayList<>();
            data.forEach(m -> ids.add(m.get("id").asText()));
            assertThat(ids).containsExactly("gpt-x", "gpt-y", "privacy-desk", "privacy-desk@gpt-x", "privacy-desk@gpt-y",
                    "library-desk", "library-desk@gpt-x", "library-desk@gpt-y");
            assertThat(data.get(6).get("charter_version").asText()).isEqualTo("2");
            assertThat(data.get(0).get("object").asText()).isEqualTo("model");
        }
    }

    @Test
    void modelsFallsBackToTheConfiguredModel_whenTheUpstreamCannotList() {
        upstream.models(); // the route answers 404
        try (CharterServer server = serveBoth()) {
            List<String> ids = new java.util.ArrayList<>();
            new Http(server.baseUrl()).get("/v1/models").json().get("data").forEach(m -> ids.add(m.get("id").asText()));
            assertThat(ids).containsExactly("m", "privacy-desk", "privacy-desk@m", "library-desk", "library-desk@m");
        }
    }

    @Test
    void oneCharter_appliesToRequestsThatNameNone() {
        upstream.reply(Reply.text("I can't share where someone lives. If you need to reach him, the city can forward a letter."));
        var catalog = CharterCatalog.of(Map.of("privacy-desk", GatewayFixtures.privacy()));
        try (CharterServer server = GatewayFixtures.serve(catalog, GatewayFixtures.client(upstream.baseUrl(), Duration.ofSeconds(5), 0),
                upstream.baseUrl(), GatewayApi.Limits.DEFAULT, records, Gateway.Judging.NONE)) {
            var r = post(server, userMessage("gpt-x", "Where does my neighbour Jan live?"), null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("charter").get("charter").asText()).isEqualTo("privacy-desk");
            assertThat(upstream.lastRequest().json().get("model").asText()).isEqualTo("gpt-x");
        }
    }

    @Test
    void fileCatalog_servesEachFileUnderItsId_andRefusesTwoWithOneId(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.yaml"), GatewayFixtures.LIBRARY);
        Path b = Files.writeString(dir.resolve("b.yaml"), GatewayFixtures.PRIVACY);
        Path c = Files.writeString(dir.resolve("c.yaml"), GatewayFixtures.LIBRARY);
        FileCharterCatalog.Reader reader = p -> CharterReader.read(Files.readString(p), p.getFileName().toString());
        java.util.function.Function<org.charter.core.charter.Charter, Gateway.Bound> binder =
                ch -> ch.id().equals("library-desk") ? GatewayFixtures.library() : GatewayFixtures.privacy();
        var catalog = FileCharterCatalog.load(List.of(a, b), reader, binder);
        assertThat(catalog.names()).containsExactly("library-desk", "privacy-desk");
        assertThat(catalog.current("privacy-desk").orElseThrow().version()).isEqualTo("7");
        assertThat(catalog.file("library-desk")).hasValue(a);
        assertThat(catalog.current("tax-desk")).isEmpty();
        assertThatThrownBy(() -> FileCharterCatalog.load(List.of(a, b, c), reader, binder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(c + " and " + a + " both hold a charter with the id 'library-desk'");
    }
}
