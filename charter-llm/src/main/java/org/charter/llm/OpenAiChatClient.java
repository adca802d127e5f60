package org.charter.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link ChatClient} for any server speaking the OpenAI chat-completions protocol ({@code POST
 * {base}/chat/completions}): OpenAI, vLLM, llama.cpp's server, Ollama's {@code /v1}. It sends {@code n},
 * {@code temperature}, {@code max_tokens}, {@code logprobs} and {@code top_logprobs}, returns every choice with its
 * token log-probabilities (typed {@link Logprobs.NotAvailable} when the server sends none), retries timeouts, 5xx and
 * 429 (honouring {@code Retry-After}) with {@link Backoff exponential backoff and full jitter} from a seeded
 * generator, and turns every failure into a one-line {@link ModelException} naming the URL.
 *
 * <p>Why the JDK's HttpClient and Jackson rather than LangChain4j's {@code OpenAiChatModel} (1.19.0): LangChain4j
 * passes {@code logprobs}/{@code top_logprobs} and returns the first choice's log-probabilities, but it has no
 * {@code n} parameter and its response conversion fails with "expected exactly one choice" when a server returns
 * several, so self-consistency sampling would cost n requests instead of one; its retry policy
 * ({@code RetryUtils}) jitters from an unseeded source and ignores {@code Retry-After}; and its exceptions do not
 * carry the status and the server's message in the form this client promises. The protocol subset used here is
 * small and stable, so the client speaks it directly.
 */
public final class OpenAiChatClient implements ChatClient {
    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmConfig config;
    private final URI url;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;

    /** A client that sleeps for real and jitters from {@code new SplittableRandom(config.jitterSeed())}. */
    public OpenAiChatClient(LlmConfig config) {
        this(config, d -> Thread.sleep(d), new SplittableRandom(config.jitterSeed()), Clock.systemUTC());
    }

    /** A client with an injected sleeper, jitter source and clock (the clock dates {@code Retry-After: <http-date>}). */
    public OpenAiChatClient(LlmConfig config, Sleeper sleeper, RandomGenerator random, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.url = config.chatCompletionsUrl();
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain-http servers (llama.cpp, vLLM) need no h2c upgrade dance
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public LlmConfig config() {
        return config;
    }

    @Override
    public String endpoint() {
        return config.baseUrl().toString();
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        byte[] body = encode(request, config.model());
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return send(body, attempt, start);
            } catch (ModelException e) {
                if (!e.retryable() || attempt > config.maxRetries()) throw e.afterAttempts(attempt);
                Duration wait = waitBefore(e, attempt);
                if (wait == null) throw e.afterAttempts(attempt);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ModelUnavailableException(url.toString(), ModelUnavailableException.Kind.CONNECTION_FAILED,
                            "interrupted while waiting to retry after: " + e.reason(), attempt, interrupted);
                }
            }
        }
    }

    /** The server's Retry-After when given (null, i.e. give up, when it exceeds the backoff maximum), else jittered backoff. */
    private Duration waitBefore(ModelException e, int attempt) {
        if (e instanceof ModelResponseException r && r.retryAfter().isPresent()) {
            Duration asked = r.retryAfter().get();
            return asked.compareTo(config.backoff().max()) > 0 ? null : asked;
        }
        synchronized (random) {
            return config.backoff().delay(attempt, random);
        }
    }

    private ChatResponse send(byte[] body, int attempt, long start) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unavailable(ModelUnavailableException.Kind.TIMEOUT, "could not connect within " + human(config.timeout()) + " (timeout)", e);
        } catch (HttpTimeoutException e) {
            throw unavailable(ModelUnavailableException.Kind.TIMEOUT, "no answer within " + human(config.timeout()) + " (timeout)", e);
        } catch (IOException e) {
            // The JDK reports an unknown host as a ConnectException caused by UnresolvedAddressException.
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
                throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "unknown host " + url.getHost(), e);
            }
            if (e instanceof ConnectException) {
                throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "connection refused (is the server running?)", e);
            }
            String what = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "connection failed: " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "interrupted while waiting for the answer", e);
        }
        int status = response.statusCode();
        if (status == 429) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter).orElse(null);
            throw new ModelResponseException(url.toString(), ModelResponseException.Kind.RATE_LIMITED, status, retryAfter,
                    "HTTP 429 rate limited" + (retryAfter != null ? ", retry after " + human(retryAfter) : "") + ": "
                            + serverMessage(response.body()), 1, null);
        }
        if (status < 200 || status >= 300) {
            throw new ModelResponseException(url.toString(), ModelResponseException.Kind.HTTP_ERROR, status, null,
                    "HTTP " + status + ": " + serverMessage(response.body()), 1, null);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return decode(response.body(), latency, attempt);
    }

    private ModelUnavailableException unavailable(ModelUnavailableException.Kind kind, String reason, Throwable cause) {
        return new ModelUnavailableException(url.toString(), kind, reason, 1, cause);
    }

    /** The request body as the chat-completions protocol defines it. */
    static byte[] encode(ChatRequest request, String defaultModel) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model().orElse(defaultModel));
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wire()).put("content", m.content());
        }
        if (request.n() != 1) root.put("n", request.n());
        request.temperature().ifPresent(t -> root.put("temperature", t));
        request.maxTokens().ifPresent(t -> root.put("max_tokens", t));
        if (request.logprobs()) {
            root.put("logprobs", true);
            if (request.topLogprobs() > 0) root.put("top_logprobs", request.topLogprobs());
        }
        root.put("stream", false);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat request as JSON", e);
        }
    }

    private ChatResponse decode(String body, Duration latency, int attempts) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not JSON: " + preview(body), e);
        }
        if (root == null || !root.isObject()) throw invalid("the body is not a JSON object: " + preview(body), null);
        JsonNode choicesNode = root.get("choices");
        if (choicesNode == null || !choicesNode.isArray() || choicesNode.isEmpty()) {
            throw invalid("the body has no \"choices\" (not a chat completion): " + preview(body), null);
        }
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (int i = 0; i < choicesNode.size(); i++) choices.add(choice(choicesNode.get(i), i));
        choices.sort(Comparator.comparingInt(ChatResponse.Choice::index));
        Optional<ChatResponse.Usage> usage = Optional.empty();
        JsonNode u = root.get("usage");
        if (u != null && u.isObject()) {
            long prompt = u.path("prompt_tokens").asLong(0), completion = u.path("completion_tokens").asLong(0);
            usage = Optional.of(new ChatResponse.Usage(prompt, completion, u.path("total_tokens").asLong(prompt + completion)));
        }
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(config.model()), choices, usage, latency, attempts);
    }

    private ChatResponse.Choice choice(JsonNode c, int position) {
        String where = "choices[" + position + "]";
        if (!c.isObject()) throw invalid(where + " is not an object", null);
        JsonNode message = c.get("message");
        if (message == null || !message.isObject()) throw invalid(where + " has no \"message\" object", null);
        JsonNode content = message.get("content");
        String text;
        if (content == null || content.isNull()) {
            JsonNode refusal = message.get("refusal");
            text = refusal != null && refusal.isTextual() ? refusal.asText() : "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else {
            throw invalid(where + ".message.content is not a string", null);
        }
        JsonNode finish = c.get("finish_reason");
        String finishReason = finish == null || finish.isNull() ? "unknown" : finish.asText();
        int index = c.has("index") && c.get("index").canConvertToInt() ? c.get("index").asInt() : position;
        if (index < 0) throw invalid(where + ".index is negative", null);
        return new ChatResponse.Choice(index, text, finishReason, logprobs(c.get("logprobs"), where));
    }

    private Logprobs logprobs(JsonNode node, String where) {
        if (node == null || node.isNull()) return Logprobs.NOT_AVAILABLE;
        JsonNode content = node.get("content");
        if (content == null || content.isNull()) return Logprobs.NOT_AVAILABLE;
        if (!content.isArray()) throw invalid(where + ".logprobs.content is not an array", null);
        List<TokenLogprob> tokens = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            JsonNode t = content.get(i);
            String at = where + ".logprobs.content[" + i + "]";
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            JsonNode alternatives = t.get("top_logprobs");
            if (alternatives != null && alternatives.isArray()) {
                for (int j = 0; j < alternatives.size(); j++) {
                    JsonNode a = alternatives.get(j);
                    top.add(new TokenLogprob.Alternative(token(a, at + ".top_logprobs[" + j + "]"), logprob(a, at + ".top_logprobs[" + j + "]")));
                }
            }
            tokens.add(new TokenLogprob(token(t, at), logprob(t, at), top));
        }
        return new Logprobs.Available(tokens);
    }

    private String token(JsonNode t, String at) {
        JsonNode token = t.get("token");
        if (token == null || !token.isTextual()) throw invalid(at + ".token is not a string", null);
        return token.asText();
    }

    /** A log-probability; tiny positive values from float rounding (up to 1e-6) are read as 0. */
    private double logprob(JsonNode t, String at) {
        JsonNode lp = t.get("logprob");
        if (lp == null || !lp.isNumber()) throw invalid(at + ".logprob is not a number", null);
        double v = lp.asDouble();
        if (v > 1e-6 || Double.isNaN(v)) throw invalid(at + ".logprob is " + v + ", above 0", null);
        return Math.min(v, 0.0);
    }

    private ModelResponseException invalid(String reason, Throwable cause) {
        return new ModelResponseException(url.toString(), ModelResponseException.Kind.INVALID_BODY, 0, null, reason, 1, cause);
    }

    /** The server's own error message from the usual shapes (OpenAI, vLLM, llama.cpp, Ollama), else the body's start. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "(empty body)";
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                if (error != null && error.isTextual()) return error.asText();
                if (error != null && error.isObject() && error.path("message").isTextual()) return error.get("message").asText();
                for (String field : new String[] {"message", "detail"}) {
                    if (root.path(field).isTextual()) return root.get(field).asText();
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: show its start
        }
        return preview(body);
    }

    private static String preview(String body) {
        if (body == null || body.isEmpty()) return "(empty body)";
        String s = body.strip().replaceAll("\\s+", " ");
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds >= 0 && seconds < 1e9) return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
            return Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
