package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.charter.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streaming call of the OpenAI-protocol client: server-sent events from a real local server. */
class OpenAiChatClientStreamTest {
    FakeOpenAiServer server;
    final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiChatClient client(Duration timeout, int retries) {
        LlmConfig config = new LlmConfig(java.net.URI.create(server.baseUrl()), "fake-model", Optional.of("sk-test"), timeout, retries,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), 42L);
        return new OpenAiChatClient(config, slept::add, new SplittableRandom(42L), Clock.systemUTC());
    }

    @Test
    void handsOnEveryTokenAsItArrives_andReturnsTheWholeAnswer() {
        server.reply(Reply.text("The town hall opens at nine."));
        List<String> deltas = new ArrayList<>();
        ChatResponse r = client(Duration.ofSeconds(5), 0).stream(ChatRequest.ofUser("When does the town hall open?"), deltas::add);
        assertThat(deltas).containsExactly("The", " town", " hall", " opens", " at", " nine.");
        assertThat(r.text()).isEqualTo("The town hall opens at nine.");
        assertThat(r.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(r.model()).isEqualTo("fake-model");
        assertThat(server.lastRequest().json().get("stream").asBoolean()).isTrue();
        assertThat(server.lastRequest().header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void tokensReachTheCallerBeforeTheStreamEnds() {
        server.reply(Reply.text("one two three").streamedEvery(Duration.ofMillis(150)));
        List<Long> at = new ArrayList<>();
        long t0 = System.nanoTime();
        client(Duration.ofSeconds(5), 0).stream(ChatRequest.ofUser("count"), d -> at.add(System.nanoTime() - t0));
        assertThat(at).hasSize(3);
        assertThat(at.get(2) - at.get(0)).isGreaterThan(Duration.ofMillis(200).toNanos());
    }

    @Test
    void aStreamThatGoesSilent_timesOutInsteadOfHanging() {
        server.reply(Reply.text("slow words here").streamedEvery(Duration.ofSeconds(5)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofMillis(300), 0).stream(ChatRequest.ofUser("hi"), d -> { }))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("went silent for 300 ms (timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aStreamCutOff_isAnInvalidBody_andNotRetriedOnceTextWasHandedOn() {
        server.reply(Reply.text("half an answer").brokenAfter(2));
        List<String> deltas = new ArrayList<>();
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 3).stream(ChatRequest.ofUser("hi"), deltas::add))
                .isInstanceOfSatisfying(ModelResponseException.class, e -> assertThat(e.kind()).isEqualTo(ModelResponseException.Kind.INVALID_BODY))
                .hasMessageContaining("the stream ended before its last event");
        assertThat(deltas).containsExactly("half", " an");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorsBeforeTheFirstToken_areRetriedLikeChat() {
        server.reply(Reply.text("fine")).failFirst(2, Reply.status(503, "overloaded"));
        List<String> deltas = new ArrayList<>();
        ChatResponse r = client(Duration.ofSeconds(5), 3).stream(ChatRequest.ofUser("hi"), deltas::add);
        assertThat(r.text()).isEqualTo("fine");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(slept).hasSize(2);
        assertThat(deltas).containsExactly("fine");
    }

    @Test
    void aClientErrorStatus_isReportedWithTheServersMessage() {
        server.reply(Reply.status(400, "model 'x' does not exist"));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 3).stream(ChatRequest.ofUser("hi"), d -> { }))
                .isInstanceOf(ModelResponseException.class)
                .hasMessageContaining("HTTP 400: model 'x' does not exist");
    }

    @Test
    void garbageInTheStream_isAnInvalidBody() {
        server.reply(Reply.raw(200, "<html>proxy error</html>"));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 0).stream(ChatRequest.ofUser("hi"), d -> { }))
                .isInstanceOfSatisfying(ModelResponseException.class, e -> assertThat(e.kind()).isEqualTo(ModelResponseException.Kind.INVALID_BODY));
    }

    @Test
    void severalSamplesCannotBeStreamed() {
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 0).stream(ChatRequest.ofUser("hi").withN(2), d -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 2");
    }

    @Test
    void aConnectionClosedWithoutAnswer_isTriedOnceMoreOnAFreshConnection() throws Exception {
        String ok = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"fake-model\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}";
        try (var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofVirtual().start(() -> {
                try {
                    for (int k = 0; k < 2; k++) {
                        try (var s = socket.accept()) {
                            connections.incrementAndGet();
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                            int length = 0;
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
                            }
                            in.skip(length);
                            if (k == 0) continue; // closed without a byte, like an idle keep-alive connection the server dropped
                            byte[] body = ok.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            s.getOutputStream().write(body);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the test fails on its own assertions
                }
            });
            var config = new LlmConfig(java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1"), "fake-model", Optional.empty(),
                    Duration.ofSeconds(5), 0, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), 1L);
            ChatResponse r = new OpenAiChatClient(config).chat(ChatRequest.ofUser("hi"));
            assertThat(r.text()).isEqualTo("hello");
            assertThat(connections.get()).isEqualTo(2);
        }
    }
}
