package org.charter.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterReader;
import org.charter.core.charter.OpenCase;
import org.charter.llm.Backoff;
import org.charter.llm.Embedder;
import org.charter.llm.EmbedderEncoder;
import org.charter.llm.EmbeddingSimilarity;
import org.charter.llm.LlmConfig;
import org.charter.llm.OpenAiChatClient;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.Gateway;
import org.charter.server.gateway.GatewayApi;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Charters bound once per JVM (the embedding model loads once) and a way to serve a gateway over them. */
final class GatewayFixtures {
    private GatewayFixtures() { }

    static final ObjectMapper JSON = new ObjectMapper();

    static final String PRIVACY = GatewayTest.PRIVACY;

    static final String LIBRARY = """
            id: library-desk
            version: 2
            clauses:
              - id: give_opening_hours
                title: Give the opening hours
                text: When asked when the library is open, give the opening hours and the page they come from.
                kind: rule
                authority: platform
                override: never
                examples:
                  - prompt: When is the library open?
                    good:
                      - text: The library is open from 9:00 to 18:00 on weekdays (city.example/library).
                    bad:
                      - text: Whenever you like.
            """;

    private static Embedder embedder;
    private static Gateway.Bound privacy, library;

    static synchronized Gateway.Bound privacy() {
        if (privacy == null) privacy = bind(PRIVACY, "privacy.yaml");
        return privacy;
    }

    static synchronized Gateway.Bound library() {
        if (library == null) library = bind(LIBRARY, "library.yaml");
        return library;
    }

    private static Gateway.Bound bind(String yaml, String name) {
        if (embedder == null) embedder = Embedder.create();
        Charter charter = CharterReader.read(yaml, name);
        return Gateway.Bound.of(charter, new EmbeddingSimilarity(embedder), new EmbedderEncoder(embedder), 0.2);
    }

    /** A client of the upstream with this timeout and retry count, and short backoff. */
    static OpenAiChatClient client(String upstreamUrl, Duration timeout, int retries) {
        return new OpenAiChatClient(new LlmConfig(URI.create(upstreamUrl), "m", Optional.empty(), timeout, retries,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), 7L));
    }

    /** What a served gateway recorded. */
    static final class Records {
        final List<Map<String, Object>> log = new CopyOnWriteArrayList<>();
        final List<OpenCase> cases = new CopyOnWriteArrayList<>();
    }

    static CharterServer serve(CharterCatalog catalog, OpenAiChatClient client, String upstreamUrl, GatewayApi.Limits limits, Records records) {
        return serve(catalog, client, upstreamUrl, limits, records, Gateway.Judging.EMBEDDING);
    }

    static CharterServer serve(CharterCatalog catalog, OpenAiChatClient client, String upstreamUrl, GatewayApi.Limits limits, Records records,
                               Gateway.Judging judging) {
        var gateway = new Gateway(catalog, client, 3, judging, records.log::add, records.cases::add);
        return CharterServer.create(new ServerConfig("127.0.0.1", 0, 200, Duration.ofSeconds(5)), TestDatabases.open(StoreKind.SQLITE), Clock.systemUTC(),
                new GatewayApi(gateway, CharterServer.jsonMapper(), upstreamUrl, null, limits)).start();
    }

    static String userMessage(String model, String text) {
        return "{" + (model == null ? "" : "\"model\": \"" + model + "\", ") + "\"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}";
    }

    /** One server-sent event's data, with when it arrived (nanoseconds after the request was sent). */
    record Event(String data, long atNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + data, e);
            }
        }
    }

    /** A streamed response read line by line as it arrives. */
    record Stream(int status, String contentType, List<Event> events, String rawBody) {
        /** The concatenated {@code choices[0].delta.content} of every chunk. */
        String text() {
            StringBuilder sb = new StringBuilder();
            for (Event e : events) {
                if (e.data().equals("[DONE]")) continue;
                JsonNode c = e.json().path("choices").path(0).path("delta").path("content");
                if (c.isTextual()) sb.append(c.asText());
            }
            return sb.toString();
        }

        /** The {@code charter} object of the last chunk that carries one. */
        JsonNode charter() {
            JsonNode found = null;
            for (Event e : events) if (!e.data().equals("[DONE]") && e.json().has("charter")) found = e.json().get("charter");
            return found;
        }
    }

    static Stream stream(String url, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        try {
            long t0 = System.nanoTime();
            HttpResponse<java.io.InputStream> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            List<Event> events = new ArrayList<>();
            StringBuilder raw = new StringBuilder();
            try (var reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    raw.append(line).append('\n');
                    if (line.startsWith("data: ")) events.add(new Event(line.substring(6), System.nanoTime() - t0));
                }
            }
            return new Stream(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), events, raw.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
