package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charter.server.GatewayFixtures.userMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.charter.core.charter.OpenCase;
import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.GatewayApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Streamed answers over raw HTTP, the server-sent events parsed: judge-first and flag-after. */
class GatewayStreamTest {
    static final String ASK = "Where does my neighbour Jan live?";
    static final String LEAK = "Jan Peeters lives at Kerkstraat 12, by the church.";
    static final String GOOD = "I can't share where someone lives. If you need to reach him, the city can forward a letter.";
    static final String STREAM = "{\"model\": \"privacy-desk@m\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"" + ASK + "\"}]}";

    FakeOpenAiServer upstream;
    final GatewayFixtures.Records records = new GatewayFixtures.Records();

    @BeforeEach
    void start() {
        upstream = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    CharterServer serve(String url, GatewayApi.StreamMode defaultMode) {
        return GatewayFixtures.serve(CharterCatalog.of(Map.of("privacy-desk", GatewayFixtures.privacy())),
                GatewayFixtures.client(url, Duration.ofSeconds(3), 0), url, new GatewayApi.Limits(8, Duration.ofMillis(100), defaultMode), records);
    }

    /** Every event is a chat.completion.chunk of one id, the first carries the role, the stream ends with [DONE]. */
    static void wellFormed(GatewayFixtures.Stream s) {
        assertThat(s.status()).as(s.rawBody()).isEqualTo(200);
        assertThat(s.contentType()).startsWith("text/event-stream");
        List<GatewayFixtures.Event> events = s.events();
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        String id = events.get(0).json().get("id").asText();
        for (GatewayFixtures.Event e : events.subList(0, events.size() - 1)) {
            JsonNode c = e.json();
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("id").asText()).isEqualTo(id);
            assertThat(c.get("model").asText()).isEqualTo("privacy-desk@m");
            assertThat(c.get("choices")).hasSize(1);
        }
        assertThat(events.get(0).json().get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        JsonNode last = events.get(events.size() - 2).json();
        assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.has("charter")).isTrue();
    }

    @Test
    void judgeFirst_streamsOnlyTheDecidedAnswer() {
        upstream.reply(Reply.text(LEAK, GOOD, GOOD));
        try (CharterServer server = serve(upstream.baseUrl(), GatewayApi.StreamMode.FLAG_AFTER)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of("X-Charter-Stream-Mode", "judge-first"));
            wellFormed(s);
            assertThat(s.text()).doesNotContain("Kerkstraat");
            JsonNode charter = s.charter();
            assertThat(charter.get("stream").get("mode").asText()).isEqualTo("judge-first");
            assertThat(charter.get("candidates").asInt()).isEqualTo(3);
            assertThat(charter.get("pViolates")).hasSize(3);
            assertThat(s.events().size()).isGreaterThan(4); // the answer comes in several pieces
            // the upstream was asked for n candidates, not a stream
            assertThat(upstream.lastRequest().json().get("stream").asBoolean()).isFalse();
            assertThat(upstream.lastRequest().json().get("n").asInt()).isEqualTo(3);
        }
    }

    @Test
    void flagAfter_passesTokensOnAsTheyCome_thenCarriesTheDecision() {
        upstream.reply(Reply.text(GOOD).streamedEvery(Duration.ofMillis(80)));
        try (CharterServer server = serve(upstream.baseUrl(), GatewayApi.StreamMode.FLAG_AFTER)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of());
            wellFormed(s);
            assertThat(s.text()).startsWith(GOOD);
            JsonNode charter = s.charter();
            assertThat(charter.get("stream").get("mode").asText()).isEqualTo("flag-after");
            assertThat(charter.get("stream").get("streamed").asBoolean()).isTrue();
            assertThat(charter.get("candidates").asInt()).isEqualTo(1);
            assertThat(charter.get("pViolates").get(0).get("protect_personal_data").asDouble()).isLessThan(0.5);
            // the first words reached the client long before the last: they were not held back for judging
            List<GatewayFixtures.Event> content = s.events().stream()
                    .filter(e -> !e.data().equals("[DONE]") && e.json().path("choices").path(0).path("delta").path("content").asText("").length() > 0).toList();
            assertThat(content.size()).isGreaterThanOrEqualTo(16);
            assertThat(content.get(content.size() - 1).atNanos() - content.get(0).atNanos()).isGreaterThan(Duration.ofMillis(800).toNanos());
            assertThat(upstream.lastRequest().json().get("stream").asBoolean()).isTrue();
            assertThat(upstream.lastRequest().json().has("n")).isFalse();
        }
    }

    @Test
    void flagAfter_anAnswerThatWouldHaveBeenRefused_isFlagged_andOpensACase() {
        upstream.reply(Reply.text(LEAK));
        try (CharterServer server = serve(upstream.baseUrl(), GatewayApi.StreamMode.FLAG_AFTER)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of());
            wellFormed(s);
            assertThat(s.text()).startsWith(LEAK).contains("[Flagged after it was sent: this answer may go against");
            JsonNode charter = s.charter();
            assertThat(charter.get("decision").asText()).isIn("refuse", "escalate");
            assertThat(charter.get("stream").get("flagged").asBoolean()).isTrue();
            assertThat(charter.get("pViolates").get(0).get("protect_personal_data").asDouble()).isGreaterThan(0.5);
            OpenCase c = records.cases.get(records.cases.size() - 1);
            assertThat(c.kind()).isEqualTo(OpenCase.Kind.ESCALATION);
            assertThat(c.id()).isEqualTo(charter.get("case").asText());
            assertThat(c.candidates()).containsExactly(LEAK);
            assertThat(String.join(" ", c.reasons())).contains("already been streamed");
            assertThat(records.log.get(records.log.size() - 1).get("answer").toString()).startsWith(LEAK);
        }
    }

    @Test
    void flagAfter_anUpstreamThatIsDown_streamsTheFallback() {
        try (CharterServer server = serve("http://127.0.0.1:9/v1", GatewayApi.StreamMode.FLAG_AFTER)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of());
            wellFormed(s);
            assertThat(s.text()).contains("passed on to the people");
            JsonNode charter = s.charter();
            assertThat(charter.get("decision").asText()).isEqualTo("escalate");
            assertThat(charter.get("stream").get("streamed").asBoolean()).isFalse();
            assertThat(charter.get("modelError").asText()).contains("connection refused");
        }
    }

    @Test
    void flagAfter_anUpstreamThatBreaksOffMidAnswer_isFlaggedAsBrokenOff() {
        upstream.reply(Reply.text(GOOD).brokenAfter(3));
        try (CharterServer server = serve(upstream.baseUrl(), GatewayApi.StreamMode.FLAG_AFTER)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of());
            wellFormed(s);
            assertThat(s.text()).startsWith("I can't share").contains("[The answer broke off");
            assertThat(s.charter().get("decision").asText()).isEqualTo("escalate");
            assertThat(s.charter().get("stream").get("flagged").asBoolean()).isTrue();
        }
    }

    @Test
    void anUnknownStreamMode_isA400() {
        try (CharterServer server = serve(upstream.baseUrl(), GatewayApi.StreamMode.JUDGE_FIRST)) {
            var s = GatewayFixtures.stream(server.baseUrl(), STREAM, Map.of("X-Charter-Stream-Mode", "yolo"));
            assertThat(s.status()).isEqualTo(400);
            assertThat(s.rawBody()).contains("the stream mode must be judge-first or flag-after, not 'yolo'");
        }
    }
}
