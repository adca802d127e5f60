package org.charter.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random local port that speaks the OpenAI chat-completions protocol
 * ({@code POST /v1/chat/completions}), scripted per test: fixed answers, {@code n} choices, token log-probabilities
 * with {@code top_logprobs} alternatives, delays, error statuses, rate limits with {@code Retry-After}, garbage
 * bodies and failures for the first k requests; streamed answers ({@code "stream": true}) as server-sent events, token
 * by token, optionally slow or broken off; and {@code GET /v1/models}. It records every request it receives (method, path, headers, JSON
 * body) so tests can assert what a client sent. Built on the JDK's {@code com.sun.net.httpserver}, so users of the
 * test-jar need no other dependency.
 *
 * <pre>{@code
 * try (var server = FakeOpenAiServer.start()) {
 *     server.reply(Reply.text("yes")).failFirst(2, Reply.status(503, "overloaded"));
 *     var client = new OpenAiChatClient(LlmConfig.of(server.baseUrl(), "fake-model", "sk-test"));
 *     ...
 *     assertThat(server.lastRequest().json().path("n").asInt()).isEqualTo(5);
 * }
 * }</pre>
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received. {@code json} is null when the body was not JSON. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, JsonNode json) {
        /** The first value of a header (names compared case-insensitively), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** One scripted token of an answer: its text, log-probability and the alternatives the server will list. */
    public record Token(String text, double logprob, Map<String, Double> alternatives) {
        public Token {
            Objects.requireNonNull(text, "text");
            alternatives = new LinkedHashMap<>(alternatives);
        }

        /** A token with alternatives given as token, logprob, token, logprob, ... (most likely first). */
        public static Token of(String text, double logprob, Object... alternatives) {
            Map<String, Double> alts = new LinkedHashMap<>();
            for (int i = 0; i + 1 < alternatives.length; i += 2) alts.put((String) alternatives[i], ((Number) alternatives[i + 1]).doubleValue());
            return new Token(text, logprob, alts);
        }
    }

    /**
     * What the server answers to one request. Chat answers are lists of tokens per choice; an answer given as plain
     * text is split into word tokens with made-up log-probabilities (-0.05 each, alternatives {@code alt1..altK} at
     * -3, -4, ...). A single scripted choice is repeated to fill the request's {@code n}.
     */
    public record Reply(int status, List<List<Token>> choices, String rawBody, Map<String, String> headers, Duration delay,
            boolean logprobsSupported, String finishReason, Duration tokenDelay, int breakAfter) {
        public Reply {
            choices = choices == null ? null : choices.stream().map(List::copyOf).toList();
            headers = Map.copyOf(headers);
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(tokenDelay, "tokenDelay");
        }

        private Reply(int status, List<List<Token>> choices, String rawBody, Map<String, String> headers, Duration delay,
                      boolean logprobsSupported, String finishReason) {
            this(status, choices, rawBody, headers, delay, logprobsSupported, finishReason, Duration.ZERO, -1);
        }

        /** When streamed, the same reply with a pause before each token (to see tokens arrive, or to stall a client). */
        public Reply streamedEvery(Duration d) {
            return new Reply(status, choices, rawBody, headers, delay, logprobsSupported, finishReason, d, breakAfter);
        }

        /** When streamed, the same reply cut off after {@code tokens} tokens: no finish_reason, no [DONE]. */
        public Reply brokenAfter(int tokens) {
            return new Reply(status, choices, rawBody, headers, delay, logprobsSupported, finishReason, tokenDelay, tokens);
        }

        /** 200 with one choice per text. */
        public static Reply text(String... texts) {
            List<List<Token>> choices = new ArrayList<>();
            for (String t : texts) choices.add(words(t));
            return new Reply(200, choices, null, Map.of(), Duration.ZERO, true, "stop");
        }

        /** 200 with one choice made of these tokens, log-probabilities as scripted. */
        public static Reply tokens(Token... tokens) {
            return new Reply(200, List.of(List.of(tokens)), null, Map.of(), Duration.ZERO, true, "stop");
        }

        /** An error status with an OpenAI-shaped error body carrying {@code message}. */
        public static Reply status(int status, String message) {
            ObjectNode root = JSON.createObjectNode();
            root.putObject("error").put("message", message).put("type", status >= 500 ? "server_error" : "invalid_request_error");
            return new Reply(status, null, root.toString(), Map.of(), Duration.ZERO, true, "stop");
        }

        /** 429 with a {@code Retry-After} header (seconds or an HTTP-date; null for none). */
        public static Reply rateLimited(String retryAfter, String message) {
            Reply r = status(429, message);
            return new Reply(429, null, r.rawBody(), retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), Duration.ZERO, true, "stop");
        }

        /** A status with this exact body (garbage, HTML from a proxy, truncated JSON...). */
        public static Reply raw(int status, String body) {
            return new Reply(status, null, body, Map.of(), Duration.ZERO, true, "stop");
        }

        /** The same reply, sent after waiting (to cause client timeouts). */
        public Reply delayed(Duration d) {
            return new Reply(status, choices, rawBody, headers, d, logprobsSupported, finishReason, tokenDelay, breakAfter);
        }

        /** The same reply without log-probabilities even when asked, like servers that ignore {@code logprobs}. */
        public Reply withoutLogprobs() {
            return new Reply(status, choices, rawBody, headers, delay, false, finishReason, tokenDelay, breakAfter);
        }

        public Reply withFinishReason(String reason) {
            return new Reply(status, choices, rawBody, headers, delay, logprobsSupported, reason, tokenDelay, breakAfter);
        }

        private static List<Token> words(String text) {
            List<Token> tokens = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ') {
                    if (i > start) tokens.add(new Token(text.substring(start, i), -0.05, Map.of()));
                    start = i;
                }
            }
            if (tokens.isEmpty()) tokens.add(new Token(text, -0.05, Map.of()));
            return tokens;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private Reply fallback = Reply.text("ok");
    private List<String> models = List.of("fake-model");
    private String requiredApiKey;

    private FakeOpenAiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 and a free port, answering "ok" until scripted otherwise. */
    public static FakeOpenAiServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-openai");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            FakeOpenAiServer fake = new FakeOpenAiServer(http, executor);
            http.createContext("/", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake OpenAI server: " + e.getMessage(), e);
        }
    }

    /** The base URL a client is configured with: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answer every request (after the queued ones) with this. */
    public synchronized FakeOpenAiServer reply(Reply r) {
        fallback = Objects.requireNonNull(r);
        return this;
    }

    /** Answer the next request (after those already queued) with this. */
    public synchronized FakeOpenAiServer then(Reply r) {
        queue.addLast(Objects.requireNonNull(r));
        return this;
    }

    /** Answer the next {@code k} requests with {@code failure}. */
    public synchronized FakeOpenAiServer failFirst(int k, Reply failure) {
        for (int i = 0; i < k; i++) queue.addLast(failure);
        return this;
    }

    /** The models {@code GET /v1/models} lists (none: answer that route with 404, like servers without it). */
    public synchronized FakeOpenAiServer models(String... ids) {
        models = List.of(ids);
        return this;
    }

    /** Refuse (401, as OpenAI does) requests without {@code Authorization: Bearer key}. */
    public synchronized FakeOpenAiServer requireApiKey(String key) {
        requiredApiKey = key;
        return this;
    }

    /** Every request received so far, in order. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    public synchronized Received lastRequest() {
        if (received.isEmpty()) throw new IllegalStateException("the fake OpenAI server has received no request");
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, json);
            Reply reply;
            String key;
            synchronized (this) {
                received.add(request);
                reply = queue.isEmpty() ? fallback : queue.removeFirst();
                key = requiredApiKey;
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            List<String> listed;
            synchronized (this) {
                listed = models;
            }
            if (request.method().equals("GET") && request.path().equals("/v1/models") && !listed.isEmpty()) {
                ObjectNode list = JSON.createObjectNode().put("object", "list");
                ArrayNode data = list.putArray("data");
                for (String m : listed) data.addObject().put("id", m).put("object", "model").put("created", 1_764_288_000L).put("owned_by", "fake");
                send(exchange, Reply.raw(200, list.toString()));
            } else if (!request.method().equals("POST") || !request.path().equals("/v1/chat/completions")) {
                send(exchange, Reply.status(404, "no route " + request.method() + " " + request.path()));
            } else if (key != null && !("Bearer " + key).equals(request.header("Authorization"))) {
                send(exchange, Reply.status(401, "Incorrect API key provided"));
            } else if (reply.choices() == null) {
                send(exchange, reply);
            } else if (json == null || !json.path("messages").isArray()) {
                send(exchange, Reply.status(400, "the body must be a JSON object with messages"));
            } else if (json.path("stream").asBoolean(false)) {
                stream(exchange, reply, json);
            } else {
                byte[] out = completion(reply, json).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(reply.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nothing to answer
        } catch (RuntimeException bug) {
            // A fixture that fails must say so to the client rather than leave it waiting for its timeout.
            try {
                send(exchange, Reply.status(500, "FakeOpenAiServer failed: " + bug));
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

    /**
     * The first choice as server-sent events in OpenAI's {@code chat.completion.chunk} format: a chunk with the role,
     * one chunk per token (after {@code tokenDelay}), a chunk with the finish reason, then {@code data: [DONE]}; a
     * reply {@link Reply#brokenAfter broken after k tokens} closes the connection there instead.
     */
    private static void stream(HttpExchange exchange, Reply reply, JsonNode request) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), 0);
        String model = request.path("model").asText("fake-model");
        try (OutputStream os = exchange.getResponseBody()) {
            ObjectNode first = chunk(model);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("role", "assistant").put("content", "");
            event(os, first.toString());
            List<Token> tokens = reply.choices().get(0);
            for (int i = 0; i < tokens.size(); i++) {
                if (i == reply.breakAfter()) return;
                if (!reply.tokenDelay().isZero()) {
                    try {
                        Thread.sleep(reply.tokenDelay());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                ObjectNode c = chunk(model);
                c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", tokens.get(i).text());
                event(os, c.toString());
            }
            if (reply.breakAfter() >= tokens.size()) return;
            ObjectNode last = chunk(model);
            last.withArray("choices").addObject().put("index", 0).put("finish_reason", reply.finishReason()).putObject("delta");
            event(os, last.toString());
            event(os, "[DONE]");
        }
    }

    private static ObjectNode chunk(String model) {
        return JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1_764_288_000L).put("model", model);
    }

    private static void event(OutputStream os, String data) throws IOException {
        os.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] out = reply.rawBody() == null ? new byte[0] : reply.rawBody().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private static ObjectNode completion(Reply reply, JsonNode request) {
        int n = request.path("n").asInt(1);
        boolean logprobs = request.path("logprobs").asBoolean(false) && reply.logprobsSupported();
        int top = request.path("top_logprobs").asInt(0);
        List<List<Token>> choices = new ArrayList<>(reply.choices());
        while (choices.size() < n) choices.add(choices.get(choices.size() - 1));
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_764_288_000L)
                .put("model", request.path("model").asText("fake-model"));
        ArrayNode out = root.putArray("choices");
        long completionTokens = 0;
        for (int i = 0; i < choices.size(); i++) {
            List<Token> tokens = choices.get(i);
            StringBuilder text = new StringBuilder();
            tokens.forEach(t -> text.append(t.text()));
            ObjectNode choice = out.addObject();
            choice.put("index", i);
            choice.putObject("message").put("role", "assistant").put("content", text.toString());
            if (logprobs) {
                ArrayNode content = choice.putObject("logprobs").putArray("content");
                for (Token t : tokens) {
                    ObjectNode tok = content.addObject().put("token", t.text()).put("logprob", t.logprob());
                    ArrayNode alts = tok.putArray("top_logprobs");
                    List<Map.Entry<String, Double>> scripted = new ArrayList<>(t.alternatives().entrySet());
                    if (scripted.isEmpty()) {
                        scripted.add(Map.entry(t.text(), t.logprob()));
                        for (int k = 1; k < top; k++) scripted.add(Map.entry("alt" + k, -2.0 - k));
                    }
                    for (int k = 0; k < Math.min(top, scripted.size()); k++) {
                        alts.addObject().put("token", scripted.get(k).getKey()).put("logprob", scripted.get(k).getValue());
                    }
                }
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", reply.finishReason());
            completionTokens += tokens.size();
        }
        long promptTokens = 0;
        for (JsonNode m : request.path("messages")) promptTokens += m.path("content").asText("").split("\\s+").length;
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root;
    }
}
