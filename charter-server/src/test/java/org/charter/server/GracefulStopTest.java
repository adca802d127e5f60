package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.Test;

class GracefulStopTest {
    @Test
    void aRequestInFlightFinishesBeforeTheStoreCloses() throws Exception {
        Database db = TestDatabases.open(StoreKind.SQLITE);
        var server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 100, Duration.ofSeconds(10)), db, Clock.systemUTC());
        var entered = new CountDownLatch(1);
        server.testHook("/test/slow", () -> {
            entered.countDown();
            Thread.sleep(1500);
            return db.read(h -> h.createQuery("SELECT COUNT(*) FROM assembly").mapTo(Long.class).one()).toString();
        });
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/test/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        server.stop(); // what SIGTERM's shutdown hook calls
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0"); // the store was still open when the request ran its query
        assertThat(waitedMs).as("stop waited for the request").isGreaterThan(500);
    }
}
