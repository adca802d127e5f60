package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.llm.FakeOpenAiServer.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-protocol client against a real local server speaking the protocol (FakeOpenAiServer). */
class OpenAiChatClientTest {
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
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), 42L);
        return new OpenAiChatClient(config, slept::add, new SplittableRandom(42L), Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC));
    }

    OpenAiChatClient client() {
        return client(Duration.ofSeconds(5), 3);
    }

    @Test
    void sendsTheRequestAsTheProtocolDefinesIt() {
        server.requireApiKey("sk-test").reply(Reply.text("Paris"));
        var request = ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.developer("Answer in English."),
                ChatMessage.user("Capital of France?"), ChatMessage.assistant("Paris."), ChatMessage.user("Again?")))
                .withN(3).withTemperature(0.7).withMaxTokens(16).withLogprobs(5);

        ChatResponse response = client().chat(request);

        var sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.json().path("model").asText()).isEqualTo("fake-model");
        assertThat(sent.json().path("n").asInt()).isEqualTo(3);
        assertThat(sent.json().path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(16);
        assertThat(sent.json().path("logprobs").asBoolean()).isTrue();
        assertThat(sent.json().path("top_logprobs").asInt()).isEqualTo(5);
        assertThat(sent.json().path("stream").asBoolean()).isFalse();
        assertThat(sent.json().path("messages")).hasSize(5);
        assertThat(sent.json().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.json().path("messages").get(1).path("role").asText()).isEqualTo("developer");
        assertThat(sent.json().path("messages").get(3).path("role").asText()).isEqualTo("assistant");
        assertThat(sent.json().path("messages").get(4).path("content").asText()).isEqualTo("Again?");
        assertThat(response.choices()).hasSize(3).allSatisfy(c -> assertThat(c.text()).isEqualTo("Paris"));
        assertThat(response.attempts()).isEqualTo(1);
    }

    @Test
    void aPlainRequestSendsNeitherNNorLogprobsAndNoKeyWhenThereIsNone() {
        var config = LlmConfig.of(server.baseUrl(), "m", null);
        new OpenAiChatClient(config).chat(ChatRequest.ofUser("hi").withModel("other-model"));
        var sent = server.lastRequest();
        assertThat(sent.json().has("n")).isFalse();
        assertThat(sent.json().has("logprobs")).isFalse();
        assertThat(sent.json().has("top_logprobs")).isFalse();
        assertThat(sent.json().has("temperature")).isFalse();
        assertThat(sent.json().path("model").asText()).isEqualTo("other-model");
        assertThat(sent.header("Authorization")).isNull();
    }

    @Test
    void returnsEveryChoiceWithItsFinishReasonAndUsage() {
        server.reply(Reply.text("yes", "no", "yes").withFinishReason("length"));
        ChatResponse r = client().chat(ChatRequest.ofUser("Is the sky blue today?").withN(3));
        assertThat(r.choices()).extracting(ChatResponse.Choice::text).containsExactly("yes", "no", "yes");
        assertThat(r.choices()).extracting(ChatResponse.Choice::index).containsExactly(0, 1, 2);
        assertThat(r.choices()).allSatisfy(c -> assertThat(c.finishReason()).isEqualTo("length"));
        assertThat(r.usage()).contains(new ChatResponse.Usage(5, 3, 8));
        assertThat(r.model()).isEqualTo("fake-model");
        assertThat(r.choices()).allSatisfy(c -> assertThat(c.logprobs()).isInstanceOf(Logprobs.NotAvailable.class));
    }

    @Test
    void returnsTokenLogprobsWithTheirTopAlternatives() {
        server.reply(Reply.tokens(Token.of("COMPL", -0.1053605, "COMPL", -0.1053605, "VIOL", -2.3025851, "N", -4.6051702),
                Token.of("IES", -0.0001)));
        ChatResponse r = client().chat(ChatRequest.ofUser("Verdict?").withLogprobs(2));
        Logprobs lp = r.choices().get(0).logprobs();
        assertThat(lp).isInstanceOf(Logprobs.Available.class);
        assertThat(r.text()).isEqualTo("COMPLIES");
        assertThat(lp.tokens()).hasSize(2);
        TokenLogprob first = lp.tokens().get(0);
        assertThat(first.token()).isEqualTo("COMPL");
        assertThat(first.probability()).isCloseTo(0.9, within(1e-6));
        assertThat(first.top()).containsExactly(new TokenLogprob.Alternative("COMPL", -0.1053605), new TokenLogprob.Alternative("VIOL", -2.3025851));
        assertThat(r.logprobsAvailable()).isTrue();
    }

    @Test
    void aServerThatIgnoresLogprobsGivesNotAvailable() {
        server.reply(Reply.text("sure").withoutLogprobs());
        ChatResponse r = client().chat(ChatRequest.ofUser("x").withLogprobs(5));
        assertThat(r.choices().get(0).logprobs()).isEqualTo(Logprobs.NOT_AVAILABLE);
        assertThat(r.choices().get(0).logprobs().tokens()).isEmpty();
        assertThat(r.logprobsAvailable()).isFalse();
    }

    @Test
    void aRefusedConnectionIsModelUnavailableNamingTheUrlAndIsNotRetried() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var config = LlmConfig.of("http://127.0.0.1:" + port + "/v1", "m", null);
        assertThatThrownBy(() -> new OpenAiChatClient(config, slept::add, new SplittableRandom(1), Clock.systemUTC()).chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelUnavailableException.Kind.CONNECTION_FAILED);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("model server http://127.0.0.1:" + port + "/v1/chat/completions: connection refused (is the server running?)");
        assertThat(slept).isEmpty();
    }

    @Test
    void anUnknownHostIsSaidSo() {
        // .invalid never resolves (RFC 2606).
        var config = LlmConfig.of("http://no-such-host.invalid/v1", "m", null);
        assertThatThrownBy(() -> new OpenAiChatClient(config, slept::add, new SplittableRandom(1), Clock.systemUTC()).chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(ModelUnavailableException.Kind.CONNECTION_FAILED))
                .hasMessage("model server http://no-such-host.invalid/v1/chat/completions: unknown host no-such-host.invalid");
        assertThat(slept).isEmpty();
    }

    @Test
    void aTimeoutIsRetriedAndThenModelUnavailable() {
        server.reply(Reply.text("late").delayed(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> client(Duration.ofMillis(200), 2).chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelUnavailableException.Kind.TIMEOUT);
                    assertThat(e.attempts()).isEqualTo(3);
                })
                .hasMessage("model server " + server.baseUrl() + "/chat/completions: no answer within 200 ms (timeout) (after 3 attempts)");
        assertThat(server.requests()).hasSize(3);
        assertThat(slept).hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedWithJitteredExponentialBackoffUntilTheyPass() {
        server.reply(Reply.text("fine")).failFirst(3, Reply.status(503, "The server is overloaded"));
        ChatResponse r = client().chat(ChatRequest.ofUser("hi"));
        assertThat(r.text()).isEqualTo("fine");
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(server.requests()).hasSize(4);
        // Full jitter: retry k waits in [0, min(2 s, 100 ms * 2^(k-1))], drawn from the seeded generator.
        assertThat(slept).hasSize(3);
        for (int k = 1; k <= 3; k++) assertThat(slept.get(k - 1)).isBetween(Duration.ZERO, Duration.ofMillis(100L << (k - 1)));
        var expected = new SplittableRandom(42L);
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(slept).containsExactly(backoff.delay(1, expected), backoff.delay(2, expected), backoff.delay(3, expected));
    }

    @Test
    void serverErrorsBeyondTheRetryLimitGiveTheServersMessage() {
        server.reply(Reply.status(500, "CUDA out of memory"));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 2).chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelResponseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelResponseException.Kind.HTTP_ERROR);
                    assertThat(e.status()).hasValue(500);
                })
                .hasMessage("model server " + server.baseUrl() + "/chat/completions: HTTP 500: CUDA out of memory (after 3 attempts)");
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.reply(Reply.status(404, "The model `gpt-9` does not exist"));
        assertThatThrownBy(() -> client().chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelResponseException.class, e -> {
                    assertThat(e.status()).hasValue(404);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                })
                .hasMessage("model server " + server.baseUrl() + "/chat/completions: HTTP 404: The model `gpt-9` does not exist");
        assertThat(server.requests()).hasSize(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void aWrongKeyIs401WithTheServersMessage() {
        server.requireApiKey("sk-right");
        assertThatThrownBy(() -> client().chat(ChatRequest.ofUser("hi")))
                .isInstanceOf(ModelResponseException.class).hasMessageEndingWith(": HTTP 401: Incorrect API key provided");
    }

    @Test
    void rateLimitsWaitAsLongAsRetryAfterSays() {
        server.reply(Reply.text("done"))
                .then(Reply.rateLimited("1", "Rate limit reached"))
                .then(Reply.rateLimited("Sat, 28 Nov 2026 00:00:02 GMT", "Rate limit reached"));
        ChatResponse r = client().chat(ChatRequest.ofUser("hi"));
        assertThat(r.text()).isEqualTo("done");
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffMaximumFailsAtOnce() {
        server.reply(Reply.rateLimited("3600", "Rate limit reached for requests per day"));
        assertThatThrownBy(() -> client().chat(ChatRequest.ofUser("hi")))
                .isInstanceOfSatisfying(ModelResponseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelResponseException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                })
                .hasMessageEndingWith(": HTTP 429 rate limited, retry after 3600 s: Rate limit reached for requests per day");
        assertThat(slept).isEmpty();
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOff() {
        server.reply(Reply.text("done")).then(Reply.rateLimited(null, "slow down"));
        assertThat(client().chat(ChatRequest.ofUser("hi")).attempts()).isEqualTo(2);
        assertThat(slept).hasSize(1);
        assertThat(slept.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void garbageBodiesAreModelResponseExceptionsAndNotRetried() {
        for (String body : new String[] {"<html><body>502 Bad Gateway</body></html>", "{\"choices\": []}", "[1,2]",
                "{\"choices\":[{\"message\":{\"content\":42}}]}", "{\"choices\":[{\"message\":{\"content\":\"x\"},"
                        + "\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":\"high\"}]}}]}"}) {
            server.reply(Reply.raw(200, body));
            assertThatThrownBy(() -> client().chat(ChatRequest.ofUser("hi")))
                    .as(body)
                    .isInstanceOfSatisfying(ModelResponseException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ModelResponseException.Kind.INVALID_BODY);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageStartingWith("model server " + server.baseUrl() + "/chat/completions: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(slept).isEmpty();
    }

    @Test
    void aNonJsonErrorBodyIsQuoted() {
        server.reply(Reply.raw(502, "<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 0).chat(ChatRequest.ofUser("hi")))
                .hasMessageEndingWith(": HTTP 502: '<html>Bad Gateway</html>'");
    }

    @Test
    void serverMessagesAreReadFromTheUsualErrorShapes() {
        assertThat(OpenAiChatClient.serverMessage("{\"error\":{\"message\":\"openai style\"}}")).isEqualTo("openai style");
        assertThat(OpenAiChatClient.serverMessage("{\"object\":\"error\",\"message\":\"vllm style\",\"code\":400}")).isEqualTo("vllm style");
        assertThat(OpenAiChatClient.serverMessage("{\"error\":\"ollama style\"}")).isEqualTo("ollama style");
        assertThat(OpenAiChatClient.serverMessage("{\"detail\":\"fastapi style\"}")).isEqualTo("fastapi style");
        assertThat(OpenAiChatClient.serverMessage("")).isEqualTo("(empty body)");
    }
}
