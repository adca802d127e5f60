package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code charter llm ping} against a real local server speaking the chat-completions protocol. */
class LlmCommandTest {
    @Test
    void pingPrintsTheAnswerTheLatencyAndThatLogprobsCameBack() {
        try (var server = FakeOpenAiServer.start()) {
            server.reply(Reply.text("pong"));
            CliTest.Run r = CliTest.run("llm", "ping", "--base-url", server.baseUrl(), "--model", "fake-model");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("server:   " + server.baseUrl() + "/chat/completions", "model:    fake-model", "answer:   pong",
                    "logprobs: returned (1 tokens)").containsPattern("latency:  \\d+ ms");
            var sent = server.lastRequest().json();
            assertThat(sent.path("logprobs").asBoolean()).isTrue();
            assertThat(sent.path("top_logprobs").asInt()).isEqualTo(1);
            assertThat(sent.path("temperature").asDouble()).isZero();
            assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Reply with the single word: pong");
        }
    }

    @Test
    void pingSaysWhenTheServerReturnsNoLogprobs() {
        try (var server = FakeOpenAiServer.start()) {
            server.reply(Reply.text("pong").withoutLogprobs());
            CliTest.Run r = CliTest.run("llm", "ping", "--base-url", server.baseUrl(), "--model", "m", "--prompt", "hello?");
            assertThat(r.out()).contains("logprobs: not returned");
            assertThat(server.lastRequest().json().path("messages").get(0).path("content").asText()).isEqualTo("hello?");
        }
    }

    @Test
    void anUnreachableServerIsOneErrorLineAndExitOne() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliTest.Run r = CliTest.run("llm", "ping", "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "m");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("charter: model server http://127.0.0.1:" + port
                + "/v1/chat/completions: connection refused (is the server running?)" + System.lineSeparator());
    }

    @Test
    void serverErrorsAndTimeoutsAreOneLineAndExitOne() {
        try (var server = FakeOpenAiServer.start()) {
            server.reply(Reply.status(404, "model 'nope' not found, try pulling it first"));
            CliTest.Run r = CliTest.run("llm", "ping", "--base-url", server.baseUrl(), "--model", "nope");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("charter: model server " + server.baseUrl()
                    + "/chat/completions: HTTP 404: model 'nope' not found, try pulling it first");

            server.reply(Reply.text("late").delayed(Duration.ofSeconds(2)));
            CliTest.Run slow = CliTest.run("llm", "ping", "--base-url", server.baseUrl(), "--model", "m", "--timeout", "0.2", "--retries", "1");
            assertThat(slow.code()).isEqualTo(1);
            assertThat(slow.err().strip()).isEqualTo("charter: model server " + server.baseUrl()
                    + "/chat/completions: no answer within 200 ms (timeout) (after 2 attempts)");
        }
    }

    @Test
    void aMissingServerIsAUsageError() {
        Assumptions.assumeTrue(System.getenv("CHARTER_LLM_BASE_URL") == null, "CHARTER_LLM_BASE_URL is set here");
        CliTest.Run r = CliTest.run("llm", "ping", "--model", "m");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("charter: no model server: give --base-url or set CHARTER_LLM_BASE_URL (for example http://localhost:11434/v1)");
        assertThat(CliTest.run("llm", "ping", "--base-url", "localhost:8000", "--model", "m").err().strip())
                .isEqualTo("charter: --base-url: 'localhost:8000' is not an http:// or https:// URL with a host");
    }
}
