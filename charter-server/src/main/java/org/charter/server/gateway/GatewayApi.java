package org.charter.server.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.charter.core.charter.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The OpenAI-compatible edge of the gateway: {@code POST /v1/chat/completions}, non-streamed or streamed as
 * server-sent events ({@code chat.completion.chunk}, then {@code data: [DONE]}) in one of two modes, and
 * {@code GET /v1/models}. At most {@code maxInFlight} chat requests are served at once; a request that finds no free
 * slot within {@code queueWait} is refused at once with 429 (503 when the upstream is failing) and
 * {@code Retry-After}, so load beyond capacity never queues without bound. Errors use OpenAI's shape,
 * {@code {"error": {"message", "type", "param", "code"}}}, so existing clients show them as they would OpenAI's.
 */
public final class GatewayApi {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApi.class);

    /**
     * How a streamed request is checked. {@code judge-first}: the candidates are generated without streaming, judged
     * and decided, then the chosen answer is streamed (everything is checked; the first token waits for the whole
     * pipeline). {@code flag-after}: one candidate's tokens are passed on as the upstream writes them, and the text is
     * judged when complete; a final event carries the decision, flagging an answer that would have been refused.
     */
    public enum StreamMode {
        JUDGE_FIRST, FLAG_AFTER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static StreamMode parse(String s) {
            for (StreamMode m : values()) if (m.wireName().equals(s)) return m;
            throw new IllegalArgumentException("the stream mode must be judge-first or flag-after, not '" + s + "'");
        }
    }

    /**
     * The gateway's load limits and its default stream mode.
     *
     * @param maxInFlight chat requests served at once
     * @param queueWait   how long a request may wait for a free slot before it is refused
     * @param streamMode  the mode of streamed requests that do not name one ({@code X-Charter-Stream-Mode})
     */
    public record Limits(int maxInFlight, Duration queueWait, StreamMode streamMode) {
        public static final int DEFAULT_MAX_IN_FLIGHT = 64;
        public static final Duration DEFAULT_QUEUE_WAIT = Duration.ofMillis(100);
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_IN_FLIGHT, DEFAULT_QUEUE_WAIT, StreamMode.JUDGE_FIRST);

        public Limits {
            if (maxInFlight < 1) throw new IllegalArgumentException("max in flight must be at least 1, not " + maxInFlight);
            if (queueWait.isNegative() || queueWait.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("the queue wait must be 0 to 60 s, not " + queueWait);
            }
            java.util.Objects.requireNonNull(streamMode, "streamMode");
        }
    }

    /** Seconds a client told 429 should wait before trying again. */
    static final int RETRY_AFTER_BUSY = 1;
    /** Seconds a client told 503 (busy and the upstream failing) should wait. */
    static final int RETRY_AFTER_FAILING = 5;

    private final Gateway gateway;
    private final ObjectMapper mapper;
    private final String upstreamModelsUrl;
    private final String upstreamKey;
    private final Limits limits;
    private final Semaphore slots;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();

    public GatewayApi(Gateway gateway, ObjectMapper mapper, String upstreamBaseUrl, String upstreamKey) {
        this(gateway, mapper, upstreamBaseUrl, upstreamKey, Limits.DEFAULT);
    }

    public GatewayApi(Gateway gateway, ObjectMapper mapper, String upstreamBaseUrl, String upstreamKey, Limits limits) {
        this.gateway = gateway;
        this.mapper = mapper;
        this.upstreamModelsUrl = upstreamBaseUrl == null ? null : upstreamBaseUrl.replaceAll("/+$", "") + "/models";
        this.upstreamKey = upstreamKey;
        this.limits = limits;
        this.slots = new Semaphore(limits.maxInFlight());
    }

    public Limits limits() {
        return limits;
    }

    public void register(Javalin app) {
        app.post("/v1/chat/completions", this::chat);
        app.get("/v1/models", this::models);
    }

    private void chat(Context ctx) {
        try {
            JsonNode body;
            try {
                body = mapper.readTree(ctx.body());
            } catch (Exception e) {
                throw new Gateway.GatewayException(400, "the body is not JSON", null);
            }
            if (body == null || !body.isObject()) throw new Gateway.GatewayException(400, "the body must be a JSON object", null);
            boolean stream = body.path("stream").asBoolean(false);
            StreamMode mode = limits.streamMode();
            String modeHeader = ctx.header("X-Charter-Stream-Mode");
            if (modeHeader != null && !modeHeader.isBlank()) {
                try {
                    mode = StreamMode.parse(modeHeader.strip());
                } catch (IllegalArgumentException e) {
                    throw new Gateway.GatewayException(400, "X-Charter-Stream-Mode: " + e.getMessage(), null);
                }
            }
            String model = body.path("model").isTextual() ? body.get("model").asText() : null;
            JsonNode messages = body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) throw new Gateway.GatewayException(400, "messages must be a non-empty list", "messages");
            List<Request.Message> in = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                Request.Role role = role(m.path("role").asText(""), i);
                in.add(Request.Message.of(role, content(m.get("content"), i)));
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (body.has("metadata")) {
                if (!body.get("metadata").isObject()) throw new Gateway.GatewayException(400, "metadata must be an object of strings", "metadata");
                body.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            }
            Double temperature = body.has("temperature") && body.get("temperature").isNumber() ? body.get("temperature").asDouble() : null;
            if (temperature != null && !(temperature >= 0 && temperature <= 2)) throw new Gateway.GatewayException(400, "temperature must be between 0 and 2", "temperature");
            JsonNode mt = body.has("max_tokens") ? body.get("max_tokens") : body.get("max_completion_tokens");
            Integer maxTokens = mt != null && mt.canConvertToInt() ? mt.asInt() : null;
            if (maxTokens != null && maxTokens < 1) throw new Gateway.GatewayException(400, "max_tokens must be positive", "max_tokens");
            Gateway.Selection sel = gateway.select(ctx.header("X-Charter"), model);
            Gateway.ChatIn chatIn = new Gateway.ChatIn(model, in, metadata, temperature, maxTokens);
            String shownModel = model != null ? model : sel.entry().name() + "@" + (sel.upstreamModel() != null ? sel.upstreamModel()
                    : gateway.upstream() != null ? gateway.upstream().model() : "none");

            if (!acquire()) {
                boolean failing = gateway.upstreamFailing();
                ctx.header("Retry-After", String.valueOf(failing ? RETRY_AFTER_FAILING : RETRY_AFTER_BUSY));
                if (failing) {
                    error(ctx, 503, "the gateway is at capacity (" + limits.maxInFlight() + " requests in flight) and its upstream model is failing; retry later",
                            null, "server_error", "upstream_unavailable");
                } else {
                    error(ctx, 429, "the gateway is at capacity (" + limits.maxInFlight() + " requests in flight); retry after "
                            + RETRY_AFTER_BUSY + " s", null, "requests", "rate_limit_exceeded");
                }
                return;
            }
            try {
                if (stream) {
                    stream(ctx, sel, chatIn, mode, shownModel);
                } else {
                    Gateway.ChatOut out = gateway.chat(sel, chatIn);
                    ctx.status(200).json(completion(shownModel, out));
                }
            } finally {
                slots.release();
            }
        } catch (Gateway.GatewayException e) {
            error(ctx, e.status(), e.getMessage(), e.param(), null, null);
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(limits.queueWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Object> completion(String model, Gateway.ChatOut out) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", "chatcmpl-charter-" + UUID.randomUUID());
        response.put("object", "chat.completion");
        response.put("created", Instant.now().getEpochSecond());
        response.put("model", model);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", out.content());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        response.put("choices", List.of(choice));
        out.usage().ifPresent(u -> response.put("usage", usage(u)));
        response.put("charter", out.evidence());
        return response;
    }

    private static Map<String, Object> usage(org.charter.llm.ChatResponse.Usage u) {
        return Map.of("prompt_tokens", u.promptTokens(), "completion_tokens", u.completionTokens(), "total_tokens", u.totalTokens());
    }

    /**
     * A streamed answer: a first chunk with the role, the text in chunks, a last chunk with {@code finish_reason}
     * and the {@code charter} object, then {@code data: [DONE]}. In judge-first mode the text is the decided answer;
     * in flag-after mode it is the upstream's tokens as they come, then whatever the decision appends (nothing for
     * an answer, a note for a hedge, a flag for what would have been refused).
     */
    private void stream(Context ctx, Gateway.Selection sel, Gateway.ChatIn in, StreamMode mode, String model) {
        ctx.status(200);
        var res = ctx.res();
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        ctx.attribute(org.charter.server.CharterServer.ANSWERED, Boolean.TRUE);
        Sse sse;
        try {
            sse = new Sse(res.getOutputStream(), model);
        } catch (IOException e) {
            return; // the client is gone before the first byte
        }
        sse.chunk(Map.of("role", "assistant", "content", ""), null, null);
        try {
            Gateway.ChatOut out;
            if (mode == StreamMode.JUDGE_FIRST) {
                out = gateway.chat(sel, in);
                Map<String, Object> evidence = new LinkedHashMap<>(out.evidence());
                evidence.put("stream", Map.of("mode", "judge-first", "flagged", false));
                out = new Gateway.ChatOut(out.content(), out.upstreamModel(), evidence, out.usage());
            } else {
                out = gateway.chatFlagAfter(sel, in, sse::text);
            }
            for (String piece : pieces(out.content())) sse.text(piece);
            sse.last(out.evidence(), out.usage().map(GatewayApi::usage).orElse(null));
        } catch (RuntimeException e) {
            LOG.error("streamed request failed", e);
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("message", "internal error: " + e.getClass().getSimpleName());
            err.put("type", "server_error");
            err.put("param", null);
            err.put("code", null);
            sse.event(Map.of("error", err));
        }
        sse.done();
    }

    /** A text cut into word-sized pieces, spaces leading, as a model's tokens would come. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || (text.charAt(i) == ' ' || text.charAt(i) == '\n') && text.charAt(i - 1) != ' ' && text.charAt(i - 1) != '\n') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    /** Server-sent events to one client; once the client is gone, writes are dropped and the pipeline finishes. */
    private final class Sse {
        private final OutputStream os;
        private final String id = "chatcmpl-charter-" + UUID.randomUUID();
        private final long created = Instant.now().getEpochSecond();
        private final String model;
        private boolean gone;

        Sse(OutputStream os, String model) {
            this.os = os;
            this.model = model;
        }

        void text(String delta) {
            if (!delta.isEmpty()) chunk(Map.of("content", delta), null, null);
        }

        void last(Map<String, Object> evidence, Map<String, Object> usage) {
            Map<String, Object> c = base();
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("delta", Map.of());
            choice.put("logprobs", null);
            choice.put("finish_reason", "stop");
            c.put("choices", List.of(choice));
            if (usage != null) c.put("usage", usage);
            c.put("charter", evidence);
            event(c);
        }

        void chunk(Map<String, Object> delta, String finish, Map<String, Object> charter) {
            Map<String, Object> c = base();
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("delta", delta);
            choice.put("logprobs", null);
            choice.put("finish_reason", finish);
            c.put("choices", List.of(choice));
            if (charter != null) c.put("charter", charter);
            event(c);
        }

        private Map<String, Object> base() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", id);
            c.put("object", "chat.completion.chunk");
            c.put("created", created);
            c.put("model", model);
            return c;
        }

        synchronized void event(Object data) {
            try {
                write("data: " + mapper.writeValueAsString(data) + "\n\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write an event as JSON", e);
            }
        }

        void done() {
            write("data: [DONE]\n\n");
        }

        private synchronized void write(String s) {
            if (gone) return;
            try {
                os.write(s.getBytes(StandardCharsets.UTF_8));
                os.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }

    private static Request.Role role(String r, int i) {
        return switch (r) {
            case "system" -> Request.Role.SYSTEM;
            case "developer" -> Request.Role.DEVELOPER;
            case "user" -> Request.Role.USER;
            case "assistant" -> Request.Role.ASSISTANT;
            case "tool", "function" -> Request.Role.TOOL;
            default -> throw new Gateway.GatewayException(400, "messages[" + i + "].role must be system, developer, user, assistant or tool, not '" + r + "'", "messages");
        };
    }

    /** A message's text: a string, or OpenAI's list of parts whose text parts are joined. */
    private static String content(JsonNode c, int i) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) if ("text".equals(part.path("type").asText())) sb.append(sb.length() == 0 ? "" : "\n").append(part.path("text").asText());
            return sb.toString();
        }
        throw new Gateway.GatewayException(400, "messages[" + i + "].content must be a string or a list of parts", "messages");
    }

    /** The upstream's models (when it answers within 3 s; else the configured model) and the charter-bound virtual models. */
    private void models(Context ctx) {
        List<String> upstreamModels = new ArrayList<>();
        if (upstreamModelsUrl != null) {
            try {
                var req = HttpRequest.newBuilder(URI.create(upstreamModelsUrl)).timeout(Duration.ofSeconds(3)).GET();
                if (upstreamKey != null) req.header("Authorization", "Bearer " + upstreamKey);
                HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    for (JsonNode m : mapper.readTree(r.body()).path("data")) if (m.path("id").isTextual()) upstreamModels.add(m.get("id").asText());
                }
            } catch (IOException | RuntimeException e) {
                // the upstream's list is a courtesy: the configured model and the charter-bound models are listed anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (upstreamModels.isEmpty() && gateway.upstream() != null) upstreamModels.add(gateway.upstream().model());
        List<Map<String, Object>> data = new ArrayList<>();
        long created = Instant.now().getEpochSecond();
        for (String m : upstreamModels) data.add(model(m, created, "upstream", null));
        for (String name : gateway.catalog().names()) {
            String version = gateway.catalog().current(name).map(CharterCatalog.Entry::version).orElse(null);
            data.add(model(name, created, "charter", version));
            for (String m : upstreamModels) data.add(model(name + "@" + m, created, "charter", version));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        ctx.json(list);
    }

    private static Map<String, Object> model(String id, long created, String owner, String charterVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", owner);
        if (charterVersion != null) m.put("charter_version", charterVersion);
        return m;
    }

    private static void error(Context ctx, int status, String message, String param, String type, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", type != null ? type : status >= 500 ? "server_error" : "invalid_request_error");
        e.put("param", param);
        e.put("code", code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e);
        ctx.attribute(org.charter.server.CharterServer.ANSWERED, Boolean.TRUE);
        ctx.status(status).json(body);
    }
}
