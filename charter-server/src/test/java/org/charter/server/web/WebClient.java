package org.charter.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser, for security tests: plain HTTP with a cookie jar, no redirects followed, and the
 * CSRF token read from the last page's {@code _csrf} field.
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

    public record Response(int status, String body, HttpResponse<String> raw) {
        public String location() {
            return raw.headers().firstValue("Location").orElse(null);
        }
    }

    private final String base;
    private final HttpClient client;
    private String csrf;

    public WebClient(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Response get(String path) {
        Response r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) csrf = m.group(1);
        return r;
    }

    /** The CSRF token of the last page that had a form. */
    public String csrf() {
        return csrf;
    }

    /** Posts a form with the session's CSRF token added. */
    public Response post(String path, Map<String, String> fields) {
        var all = new LinkedHashMap<>(fields);
        if (csrf != null) all.put("_csrf", csrf);
        return postRaw(path, all);
    }

    /** Posts a form exactly as given (no token added). */
    public Response postRaw(String path, Map<String, String> fields) {
        var body = new StringBuilder();
        fields.forEach((k, v) -> {
            if (body.length() > 0) body.append('&');
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in with the test password; returns the response to the login POST. */
    public Response login(String name) {
        get("/login");
        Response r = post("/login", Map.of("name", name, "password", WebTestServer.PASSWORD, "next", "/"));
        get("/"); // the new session's token
        return r;
    }
}
