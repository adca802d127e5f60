package org.charter.server.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a participant, a client address), all with one limit. Buckets that have refilled are
 * dropped now and then, so that memory stays bounded by the keys active in the last refill period.
 */
public final class RateLimiter {
    /** A limit: a burst of {@code burst} actions, refilled at {@code perMinute} per minute. */
    public record Limit(int burst, double perMinute) {
        public Limit {
            if (burst < 1) throw new IllegalArgumentException("a burst is at least 1, not " + burst);
            if (!(perMinute > 0)) throw new IllegalArgumentException("a rate must be positive, not " + perMinute);
        }

        /** A limit no test or benchmark will reach. */
        public static Limit unlimited() {
            return new Limit(Integer.MAX_VALUE, 1e12);
        }

        /** Parses "BURST/PER_MINUTE", e.g. "30/60". */
        public static Limit parse(String s) {
            String[] p = s.split("/");
            try {
                if (p.length != 2) throw new NumberFormatException();
                return new Limit(Integer.parseInt(p[0].trim()), Double.parseDouble(p[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a limit is BURST/PER_MINUTE such as 30/60, not \"" + s + "\"");
            }
        }
    }

    private final Limit limit;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private long lastSweep;

    public RateLimiter(Limit limit, LongSupplier nanos) {
        this.limit = limit;
        this.nanos = nanos;
        this.lastSweep = nanos.getAsLong();
    }

    /** Takes a token for {@code key}; returns 0 if allowed, else the seconds to wait before retrying (at least 1). */
    public long acquire(String key) {
        long now = nanos.getAsLong();
        sweep(now);
        TokenBucket b = buckets.computeIfAbsent(key, k -> new TokenBucket(limit.burst(), limit.perMinute() / 60.0, now));
        synchronized (b) {
            if (b.tryTake(now)) return 0;
            return Math.max(1, b.secondsUntilToken(now));
        }
    }

    /** How many keys have a bucket (for tests). */
    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        if (now - lastSweep < 60_000_000_000L) return;
        lastSweep = now;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().full(now);
            }
        });
    }
}
