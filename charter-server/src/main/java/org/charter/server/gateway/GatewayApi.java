package org.charter.server.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.charter.core.charter.Request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The OpenAI-compatible edge of the gateway: {@code POST /v1/chat/completions} (without streaming: a streamed answer
 * cannot be judged before it is sent, see API.md) and {@code GET /v1/models}. Errors use OpenAI's shape,
 * {@code {"error": {"message", "type", "param", "code"}}}, so existing clients show them as they would OpenAI's.
 */
public final class GatewayApi {
    private final Gateway gateway;
    private final ObjectMapper mapper;
    private final String upstreamModelsUrl;
    private final String upstreamKey;

    public GatewayApi(Gateway gateway, ObjectMapper mapper, String upstreamBaseUrl, String upstreamKey) {
        this.gateway = gateway;
        this.mapper = mapper;
        this.upstreamModelsUrl = upstreamBaseUrl == null ? null : upstreamBaseUrl.replaceAll("/+$", "") + "/models";
        this.upstreamKey = upstreamKey;
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
            if (body.path("stream").asBoolean(false)) {
                throw new Gateway.GatewayException(400, "streaming is not offered yet: a streamed answer cannot be judged before it is sent (see API.md); send \"stream\": false", "stream");
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
            Integer maxTokens = body.has("max_tokens") && body.get("max_tokens").canConvertToInt() ? body.get("max_tokens").asInt() : null;
            Gateway.Bound bound = gateway.select(ctx.header("X-Charter"), model);
            Gateway.ChatOut out = gateway.chat(bound, new Gateway.ChatIn(model, in, metadata, temperature, maxTokens));
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", "chatcmpl-charter-" + UUID.randomUUID());
            response.put("object", "chat.completion");
            response.put("created", Instant.now().getEpochSecond());
            response.put("model", model != null ? model : bound.charter().id() + (out.upstreamModel() == null ? "" : "@" + out.upstreamModel()));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", out.content());
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("message", message);
            choice.put("finish_reason", "stop");
            response.put("choices", List.of(choice));
            out.usage().ifPresent(u -> response.put("usage", Map.of("prompt_tokens", u.promptTokens(), "completion_tokens", u.completionTokens(),
                    "total_tokens", u.totalTokens())));
            response.put("charter", out.evidence());
            ctx.status(200).json(response);
        } catch (Gateway.GatewayException e) {
            error(ctx, e.status(), e.getMessage(), e.param());
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

    /** The upstream's models (when it answers) and the charter-bound virtual models. */
    private void models(Context ctx) {
        List<String> upstreamModels = new ArrayList<>();
        if (upstreamModelsUrl != null) {
            try {
                var req = HttpRequest.newBuilder(URI.create(upstreamModelsUrl)).timeout(Duration.ofSeconds(5)).GET();
                if (upstreamKey != null) req.header("Authorization", "Bearer " + upstreamKey);
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) for (JsonNode m : mapper.readTree(r.body()).path("data")) upstreamModels.add(m.path("id").asText());
            } catch (Exception e) {
                // the upstream's list is a courtesy: the charter-bound models are listed anyway
            }
        }
        if (upstreamModels.isEmpty() && gateway.upstream() != null) upstreamModels.add(gateway.upstream().model());
        List<Map<String, Object>> data = new ArrayList<>();
        long created = Instant.now().getEpochSecond();
        for (String m : upstreamModels) data.add(Map.of("id", m, "object", "model", "created", created, "owned_by", "upstream"));
        for (String charter : gateway.charters().keySet()) {
            data.add(Map.of("id", charter, "object", "model", "created", created, "owned_by", "charter"));
            for (String m : upstreamModels) data.add(Map.of("id", charter + "@" + m, "object", "model", "created", created, "owned_by", "charter"));
        }
        ctx.json(Map.of("object", "list", "data", data));
    }

    private static void error(Context ctx, int status, String message, String param) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", status >= 500 ? "server_error" : "invalid_request_error");
        e.put("param", param);
        e.put("code", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e);
        ctx.attribute(org.charter.server.CharterServer.ANSWERED, Boolean.TRUE);
        ctx.status(status).json(body);
    }
}
