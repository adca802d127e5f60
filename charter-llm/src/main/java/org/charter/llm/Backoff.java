package org.charter.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code k} (1-based) wait a uniform random time in
 * {@code [0, min(max, initial * 2^(k-1))]}, the random numbers drawn from a generator the caller seeds.
 */
public record Backoff(Duration initial, Duration max) {
    /*
     * [1] M. Brooker. "Exponential Backoff And Jitter." AWS Architecture Blog, 2015 ("full jitter").
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative()) throw new IllegalArgumentException("backoff durations must not be negative");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("the maximum backoff " + max + " is below the initial " + initial);
    }

    /** The longest wait before retry {@code retry} (1-based): {@code min(max, initial * 2^(retry-1))}. */
    public Duration ceiling(int retry) {
        if (retry < 1) throw new IllegalArgumentException("retries count from 1");
        long initialNanos = initial.toNanos();
        int shift = Math.min(retry - 1, 62);
        long grown = initialNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialNanos << shift;
        return Duration.ofNanos(Math.min(grown, max.toNanos()));
    }

    /** The wait before retry {@code retry}: uniform in {@code [0, ceiling(retry)]}, drawn from {@code random}. */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toNanos();
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }
}
