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
        byte[] body = encode(request, config.model(), false);
        long start = System.nanoTime();
        return withRetries(attempt -> send(body, attempt, start), () -> false);
    }

    /**
     * Streams one sample ({@code "stream": true}, server-sent events): each {@code choices[0].delta.content} goes to
     * {@code onDelta} as it arrives. The timeout bounds the wait for the response's headers and then every gap
     * between two events, so a server that stalls mid-answer fails with a timeout instead of hanging. Failures before
     * the first piece of text are retried like {@link #chat}'s; once text has been handed on, a failure is thrown as
     * it is (the caller has already used part of the answer). A server that ignores {@code stream} and answers with
     * one JSON completion is accepted: its text is handed on in one piece.
     */
    @Override
    public ChatResponse stream(ChatRequest request, java.util.function.Consumer<String> onDelta) {
        if (request.n() != 1) throw new IllegalArgumentException("a streamed request has one sample, not n = " + request.n());
        Objects.requireNonNull(onDelta, "onDelta");
        byte[] body = encode(request, config.model(), true);
        long start = System.nanoTime();
        boolean[] started = {false};
        return withRetries(attempt -> sendStreaming(body, attempt, start, d -> {
            started[0] = true;
            onDelta.accept(d);
        }), () -> started[0]);
    }

    private interface Attempt {
        ChatResponse run(int attempt);
    }

    private ChatResponse withRetries(Attempt call, java.util.function.BooleanSupplier committed) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run(attempt);
            } catch (ModelException e) {
                if (committed.getAsBoolean() || !e.retryable() || attempt > config.maxRetries()) throw e.afterAttempts(attempt);
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

    private HttpRequest request(byte[] body, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder.build();
    }

    /**
     * Sends, turning every transport failure into a {@link ModelUnavailableException} that says what happened. A
     * connection that the server closed without sending a single byte (the JDK reports "header parser received no
     * bytes" or an EOF) is tried once more at once, on a fresh connection: that is what a pooled keep-alive connection
     * the server has just closed as idle looks like, and under load it would otherwise fail requests the server never
     * saw. (If the server did see it, the cost is one more generation.)
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            try {
                return http.send(request, handler);
            } catch (IOException e) {
                if (!closedWithoutAnswer(e)) throw e;
                return http.send(request, handler);
            }
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
    }

    static boolean closedWithoutAnswer(IOException e) {
        if (e instanceof HttpTimeoutException || e instanceof ConnectException) return false;
        if (e instanceof java.io.EOFException) return true;
        String m = e.getMessage();
        return m != null && m.contains("received no bytes");
    }

    /** A 429 or another non-2xx status as the exception the retry loop understands. */
    private ModelResponseException statusError(int status, java.net.http.HttpHeaders headers, String body) {
        if (status == 429) {
            Duration retryAfter = headers.firstValue("Retry-After").flatMap(this::parseRetryAfter).orElse(null);
            return new ModelResponseException(url.toString(), ModelResponseException.Kind.RATE_LIMITED, status, retryAfter,
                    "HTTP 429 rate limited" + (retryAfter != null ? ", retry after " + human(retryAfter) : "") + ": "
                            + serverMessage(body), 1, null);
        }
        return new ModelResponseException(url.toString(), ModelResponseException.Kind.HTTP_ERROR, status, null,
                "HTTP " + status + ": " + serverMessage(body), 1, null);
    }

    private ChatResponse send(byte[] body, int attempt, long start) {
        HttpResponse<String> response = exchange(request(body, "application/json"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status < 200 || status >= 300) throw statusError(status, response.headers(), response.body());
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return decode(response.body(), latency, attempt);
    }

    /** Closes streams whose server went silent for longer than the timeout (one daemon thread for every client). */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "openai-stream-watchdog");
        t.setDaemon(true);
        return t;
    });

    private ChatResponse sendStreaming(byte[] body, int attempt, long start, java.util.function.Consumer<String> onDelta) {
        HttpResponse<java.io.InputStream> response = exchange(request(body, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
        java.io.InputStream in = response.body();
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String text;
            try (in) {
                text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw statusError(status, response.headers(), text);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith("application/json")) {
            // the server ignored "stream": one ordinary completion
            String text;
            try (in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "connection failed while reading the answer: " + e.getMessage(), e);
            }
            ChatResponse r = decode(text, Duration.ofNanos(System.nanoTime() - start), attempt);
            if (!r.text().isEmpty()) onDelta.accept(r.text());
            return r;
        }
        long idleNanos = config.timeout().toNanos();
        java.util.concurrent.atomic.AtomicLong lastEvent = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        long period = Math.max(10, config.timeout().toMillis() / 4);
        var watch = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastEvent.get() > idleNanos && timedOut.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all we can do
                }
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
        StringBuilder text = new StringBuilder();
        String id = "", model = config.model(), finish = null;
        Optional<ChatResponse.Usage> usage = Optional.empty();
        boolean done = false;
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lastEvent.set(System.nanoTime());
                if (!line.startsWith("data:")) continue; // event:, id:, retry:, comments and the blank lines between events
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                JsonNode chunk;
                try {
                    chunk = JSON.readTree(data);
                } catch (JsonProcessingException e) {
                    throw invalid("a streamed event is not JSON: " + preview(data), e);
                }
                if (chunk == null || !chunk.isObject()) throw invalid("a streamed event is not a JSON object: " + preview(data), null);
                if (chunk.has("error")) {
                    throw new ModelResponseException(url.toString(), ModelResponseException.Kind.HTTP_ERROR, 0, null,
                            "error in the stream: " + serverMessage(data), 1, null);
                }
                if (chunk.hasNonNull("id")) id = chunk.get("id").asText();
                if (chunk.hasNonNull("model")) model = chunk.get("model").asText();
                JsonNode u = chunk.get("usage");
                if (u != null && u.isObject()) {
                    long p = u.path("prompt_tokens").asLong(0), c = u.path("completion_tokens").asLong(0);
                    usage = Optional.of(new ChatResponse.Usage(p, c, u.path("total_tokens").asLong(p + c)));
                }
                JsonNode choices = chunk.get("choices");
                if (choices == null || !choices.isArray() || choices.isEmpty()) continue; // a usage-only chunk
                JsonNode choice = choices.get(0);
                JsonNode content = choice.path("delta").get("content");
                if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                    text.append(content.asText());
                    onDelta.accept(content.asText());
                } else if (content != null && !content.isNull() && !content.isTextual()) {
                    throw invalid("choices[0].delta.content is not a string in a streamed event", null);
                }
                JsonNode f = choice.get("finish_reason");
                if (f != null && !f.isNull()) finish = f.asText();
            }
        } catch (IOException e) {
            if (timedOut.get()) throw unavailable(ModelUnavailableException.Kind.TIMEOUT, "the stream went silent for " + human(config.timeout()) + " (timeout)", e);
            throw unavailable(ModelUnavailableException.Kind.CONNECTION_FAILED, "the stream broke off: " + e.getMessage(), e);
        } finally {
            watch.cancel(false);
        }
        if (timedOut.get() && !done) throw unavailable(ModelUnavailableException.Kind.TIMEOUT, "the stream went silent for " + human(config.timeout()) + " (timeout)", null);
        if (!done && finish == null) throw invalid("the stream ended before its last event (no finish_reason, no [DONE])", null);
        return new ChatResponse(id, model, List.of(new ChatResponse.Choice(0, text.toString(), finish == null ? "stop" : finish, Logprobs.NOT_AVAILABLE)),
                usage, Duration.ofNanos(System.nanoTime() - start), attempt);
    }

    private ModelUnavailableException unavailable(ModelUnavailableException.Kind kind, String reason, Throwable cause) {
        return new ModelUnavailableException(url.toString(), kind, reason, 1, cause);
    }

    /** The request body as the chat-completions protocol defines it. */
    static byte[] encode(ChatRequest request, String defaultModel, boolean stream) {
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
        root.put("stream", stream);
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
