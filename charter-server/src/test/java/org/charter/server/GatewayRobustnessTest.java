package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charter.server.GatewayFixtures.JSON;
import static org.charter.server.GatewayFixtures.userMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.charter.core.charter.OpenCase;
import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.GatewayApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An upstream that sleeps, fails, answers garbage or is down leads to the charter's fallback (escalate) within the
 * timeout, never a hang; load beyond the gateway's limit is refused at once with 429 (503 when the upstream is
 * failing) and Retry-After.
 */
class GatewayRobustnessTest {
    static final String ASK = "Where does my neighbour Jan live?";
    FakeOpenAiServer upstream;
    final GatewayFixtures.Records records = new GatewayFixtures.Records();

    @BeforeEach
    void start() {
        upstream = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    CharterServer serve(String url, Duration timeout, int retries, GatewayApi.Limits limits) {
        return GatewayFixtures.serve(CharterCatalog.of(Map.of("privacy-desk", GatewayFixtures.privacy())), GatewayFixtures.client(url, timeout, retries),
                url, limits, records);
    }

    /** One request; asserts it was decided by the fallback (escalate, an open case) and returns the charter object. */
    JsonNode escalated(CharterServer server) {
        long t0 = System.nanoTime();
        var r = new Http(server.baseUrl()).post("/v1/chat/completions", userMessage("privacy-desk@m", ASK));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json();
        JsonNode charter = d.get("charter");
        assertThat(charter.get("decision").asText()).isEqualTo("escalate");
        assertThat(d.get("choices").get(0).get("message").get("content").asText()).contains("passed on to the people");
        assertThat(records.cases).isNotEmpty();
        assertThat(records.cases.get(records.cases.size() - 1).kind()).isEqualTo(OpenCase.Kind.ESCALATION);
        assertThat(charter.get("case").asText()).isEqualTo(records.cases.get(records.cases.size() - 1).id());
        assertThat(records.log.get(records.log.size() - 1).get("decision")).isEqualTo("escalate");
        return charter;
    }

    @Test
    void anUpstreamThatSleeps_timesOut_andTheCharterEscalates() {
        upstream.reply(Reply.text("too late").delayed(Duration.ofSeconds(10)));
        try (CharterServer server = serve(upstream.baseUrl(), Duration.ofMillis(400), 1, GatewayApi.Limits.DEFAULT)) {
            JsonNode charter = escalated(server);
            assertThat(charter.get("modelError").asText()).contains("no answer within 400 ms (timeout)").contains("after 2 attempts");
        }
    }

    @Test
    void anUpstream500_escalatesWithTheUpstreamsMessage() {
        upstream.reply(Reply.status(500, "the GPU caught fire"));
        try (CharterServer server = serve(upstream.baseUrl(), Duration.ofSeconds(2), 0, GatewayApi.Limits.DEFAULT)) {
            JsonNode charter = escalated(server);
            assertThat(charter.get("modelError").asText()).contains("HTTP 500: the GPU caught fire");
        }
    }

    @Test
    void anUpstreamAnsweringGarbage_escalates() {
        upstream.reply(Reply.raw(200, "<html><body>502 Bad Gateway</body></html>"));
        try (CharterServer server = serve(upstream.baseUrl(), Duration.ofSeconds(2), 0, GatewayApi.Limits.DEFAULT)) {
            JsonNode charter = escalated(server);
            assertThat(charter.get("modelError").asText()).contains("the body is not JSON");
        }
    }

    @Test
    void anUpstreamThatIsDown_escalates() {
        try (CharterServer server = serve("http://127.0.0.1:9/v1", Duration.ofSeconds(2), 0, GatewayApi.Limits.DEFAULT)) {
            JsonNode charter = escalated(server);
            assertThat(charter.get("modelError").asText()).contains("connection refused");
        }
    }

    /** Sends {@code n} requests at once and returns the responses. */
    static List<Http.Response> burst(CharterServer server, int n) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Http.Response> call = () -> new Http(server.baseUrl()).post("/v1/chat/completions", userMessage("privacy-desk@m", ASK));
                fs.add(pool.submit(call));
            }
            List<Http.Response> out = new ArrayList<>();
            for (var f : fs) out.add(f.get());
            return out;
        }
    }

    @Test
    void aBurstOverTheLimit_getsTooManyRequestsWithRetryAfter_notAQueue() throws Exception {
        upstream.reply(Reply.text("I can't share where someone lives.").delayed(Duration.ofMillis(1500)));
        var limits = new GatewayApi.Limits(2, Duration.ofMillis(50), GatewayApi.StreamMode.JUDGE_FIRST);
        try (CharterServer server = serve(upstream.baseUrl(), Duration.ofSeconds(5), 0, limits)) {
            long t0 = System.nanoTime();
            List<Http.Response> rs = burst(server, 8);
            long ok = rs.stream().filter(r -> r.status() == 200).count();
            List<Http.Response> refused = rs.stream().filter(r -> r.status() == 429).toList();
            assertThat(ok + refused.size()).isEqualTo(8);
            assertThat(ok).isEqualTo(2);
            for (Http.Response r : refused) {
                assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
                JsonNode e = r.json().get("error");
                assertThat(e.get("code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(e.get("message").asText()).contains("at capacity (2 requests in flight)");
            }
            assertThat(upstream.requests()).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void aBurstWhileTheUpstreamIsFailing_getsServiceUnavailable() throws Exception {
        upstream.reply(Reply.status(500, "down for maintenance").delayed(Duration.ofMillis(600)));
        var limits = new GatewayApi.Limits(1, Duration.ofMillis(20), GatewayApi.StreamMode.JUDGE_FIRST);
        try (CharterServer server = serve(upstream.baseUrl(), Duration.ofSeconds(5), 0, limits)) {
            for (int i = 0; i < 3; i++) escalated(server); // three failures in a row: the upstream is failing
            List<Http.Response> rs = burst(server, 4);
            List<Http.Response> unavailable = rs.stream().filter(r -> r.status() == 503).toList();
            assertThat(unavailable).hasSize(3);
            assertThat(unavailable.get(0).raw().headers().firstValue("Retry-After")).hasValue("5");
            assertThat(unavailable.get(0).json().get("error").get("message").asText()).contains("upstream model is failing");
            assertThat(rs.stream().filter(r -> r.status() == 200)).hasSize(1);
        }
    }
}
