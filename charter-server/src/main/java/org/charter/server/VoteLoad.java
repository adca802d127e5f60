package org.charter.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load of votes sent to a running server over HTTP by parallel clients, each waiting for its answer before the
 * next request, as real clients do. Used by the concurrency test and by {@code charter bench ingest}. Votes pick a
 * participant, statement and value at random from a seed; each carries a client request id, so that a load can
 * also be replayed to check that retries are recorded once.
 */
public final class VoteLoad {
    /**
     * What a run did: how many requests the server acknowledged (201 created, 200 replayed or, for plain GETs, answered),
     * how many failed, and how long it took.
     */
    public record Result(int sent, int created, int replayed, int failed, Duration elapsed, List<String> firstFailures) {
        public double perSecond() {
            return (created + replayed) / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private final URI votesUri;
    private final int participants;
    private final int statements;
    private final HttpClient http;

    public VoteLoad(String baseUrl, long assemblyId, int participants, int statements) {
        this.votesUri = URI.create(baseUrl + "/api/assemblies/" + assemblyId + "/votes");
        this.participants = participants;
        this.statements = statements;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Sends {@code votes} votes from {@code clients} threads. Vote i has client request id {@code prefix + i}, so two
     * runs with the same prefix and seed send the same requests.
     */
    public Result run(int votes, int clients, long seed, String prefix) throws InterruptedException {
        String[] values = {"agree", "disagree", "pass"};
        return send(votes, clients, i -> {
            var random = new SplittableRandom(seed * 1_000_003L + i);
            String body = "{\"participantId\":" + random.nextInt(participants) + ",\"statementId\":" + random.nextInt(statements)
                    + ",\"vote\":\"" + values[random.nextInt(3)] + "\",\"clientRequestId\":\"" + prefix + i + "\"}";
            return HttpRequest.newBuilder(votesUri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        });
    }

    /** The baseline: the same number of GET requests for a path that touches no store (such as /health). */
    public Result gets(URI uri, int requests, int clients) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        return send(requests, clients, i -> request);
    }

    private Result send(int count, int clients, java.util.function.IntFunction<HttpRequest> requestFor) throws InterruptedException {
        var next = new AtomicInteger();
        var created = new AtomicInteger();
        var replayed = new AtomicInteger();
        var failed = new AtomicInteger();
        var failures = java.util.Collections.synchronizedList(new ArrayList<String>());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest request = requestFor.apply(i);
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            switch (response.statusCode()) {
                                case 201 -> created.incrementAndGet();
                                case 200 -> replayed.incrementAndGet();
                                default -> {
                                    failed.incrementAndGet();
                                    if (failures.size() < 5) failures.add(response.statusCode() + " " + response.body());
                                }
                            }
                        } catch (java.io.IOException e) {
                            failed.incrementAndGet();
                            if (failures.size() < 5) failures.add(e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(count, created.get(), replayed.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start),
                List.copyOf(failures));
    }
}
