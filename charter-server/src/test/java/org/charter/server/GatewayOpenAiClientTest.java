package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.GatewayApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * An OpenAI client library (LangChain4j 1.19.0's OpenAiChatModel and OpenAiStreamingChatModel), unchanged, talking
 * to the gateway: base URL = the gateway, model = a charter-bound virtual model.
 */
class GatewayOpenAiClientTest {
    static final String ASK = "Where does my neighbour Jan live?";
    static final String LEAK = "Jan Peeters lives at Kerkstraat 12, by the church.";
    static final String GOOD = "I can't share where someone lives. If you need to reach him, the city can forward a letter.";

    static FakeOpenAiServer upstream;
    /** Judged by the embedding judge. */
    static CharterServer server;
    /** Not judged (--judge none): the answer is the upstream's first candidate, so the text can be asserted exactly. */
    static CharterServer plain;
    static final GatewayFixtures.Records records = new GatewayFixtures.Records();

    @BeforeAll
    static void start() {
        upstream = FakeOpenAiServer.start();
        server = GatewayFixtures.serve(CharterCatalog.of(Map.of("privacy-desk", GatewayFixtures.privacy())),
                GatewayFixtures.client(upstream.baseUrl(), Duration.ofSeconds(5), 0), upstream.baseUrl(),
                new GatewayApi.Limits(8, Duration.ofMillis(100), GatewayApi.StreamMode.JUDGE_FIRST), records);
        plain = GatewayFixtures.serve(CharterCatalog.of(Map.of("privacy-desk", GatewayFixtures.privacy())),
                GatewayFixtures.client(upstream.baseUrl(), Duration.ofSeconds(5), 0), upstream.baseUrl(),
                new GatewayApi.Limits(8, Duration.ofMillis(100), GatewayApi.StreamMode.JUDGE_FIRST), records, org.charter.server.gateway.Gateway.Judging.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
        plain.close();
        upstream.close();
    }

    static OpenAiStreamingChatModel streaming(CharterServer at, String mode) {
        return OpenAiStreamingChatModel.builder().baseUrl(at.baseUrl() + "/v1").apiKey("sk-unused").modelName("privacy-desk@m")
                .customHeaders(Map.of("X-Charter-Stream-Mode", mode)).timeout(Duration.ofSeconds(30)).build();
    }

    /** Streams one chat and returns the partial texts and the complete response (or the error). */
    static Object[] streamChat(OpenAiStreamingChatModel model, String prompt) throws Exception {
        List<String> partial = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                partial.add(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return new Object[] {partial, done.get(30, TimeUnit.SECONDS)};
    }

    @Test
    void openAiChatModel_getsTheCharterCheckedAnswer() {
        upstream.reply(Reply.text(LEAK, GOOD, GOOD));
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl() + "/v1").apiKey("sk-unused").modelName("privacy-desk@m")
                .timeout(Duration.ofSeconds(30)).build();
        ChatResponse r = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(List.of(dev.langchain4j.data.message.UserMessage.from(ASK))).build());
        String text = r.aiMessage().text();
        assertThat(text).doesNotContain("Kerkstraat");
        assertThat(text).satisfiesAnyOf(t -> assertThat(t).startsWith(GOOD), t -> assertThat(t).contains("passed on to the people"),
                t -> assertThat(t).startsWith("I can't help with that"));
        assertThat(r.metadata().modelName()).isEqualTo("privacy-desk@m");
        assertThat(r.metadata().finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.STOP);
        assertThat(upstream.lastRequest().json().get("model").asText()).isEqualTo("m");
    }

    @Test
    void openAiChatModel_unjudged_getsTheUpstreamsAnswerExactly() {
        upstream.reply(Reply.text(GOOD));
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(plain.baseUrl() + "/v1").apiKey("sk-unused").modelName("privacy-desk@m")
                .timeout(Duration.ofSeconds(30)).build();
        assertThat(model.chat(ASK)).isEqualTo(GOOD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void openAiStreamingChatModel_judgeFirst_streamsTheDecidedAnswer() throws Exception {
        upstream.reply(Reply.text(GOOD));
        Object[] out = streamChat(streaming(plain, "judge-first"), ASK);
        List<String> partial = (List<String>) out[0];
        ChatResponse r = (ChatResponse) out[1];
        assertThat(partial.size()).isGreaterThan(3);
        assertThat(String.join("", partial)).isEqualTo(r.aiMessage().text());
        assertThat(r.aiMessage().text()).isEqualTo(GOOD);
        assertThat(r.metadata().finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.STOP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void openAiStreamingChatModel_flagAfter_seesTheTokensAndTheFlag() throws Exception {
        upstream.reply(Reply.text(LEAK));
        int cases = records.cases.size();
        Object[] out = streamChat(streaming(server, "flag-after"), ASK);
        List<String> partial = (List<String>) out[0];
        ChatResponse r = (ChatResponse) out[1];
        assertThat(partial.get(0)).isEqualTo("Jan");
        assertThat(r.aiMessage().text()).startsWith(LEAK).contains("[Flagged after it was sent");
        assertThat(records.cases).hasSize(cases + 1);
    }

    @Test
    void anUnknownCharter_surfacesAsTheClientLibrarysError() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl() + "/v1").apiKey("sk-unused").modelName("tax-desk@m")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> model.chat("hi")).hasMessageContaining("no charter 'tax-desk' is served");
    }
}
