package org.charter.server.web;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code perSecond}, and an action takes one token
 * or is refused. Pure: the caller passes the time, so tests need no clock. Not thread-safe; {@link RateLimiter}
 * synchronises on each bucket.
 */
public final class TokenBucket {
    /*
     * [1] J. Turner. "New directions in communications (or which way to the information age?)." IEEE Communications
     *     Magazine 24(10), 1986 (the leaky/token bucket as a traffic contract).
     */
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    /** A full bucket at time {@code nowNanos}. */
    public TokenBucket(double capacity, double perSecond, long nowNanos) {
        if (!(capacity >= 1)) throw new IllegalArgumentException("a bucket holds at least 1 token, not " + capacity);
        if (!(perSecond > 0)) throw new IllegalArgumentException("the refill rate must be positive, not " + perSecond);
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes a token if there is one at {@code nowNanos}; returns whether it did. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until a token is available at {@code nowNanos} (0 if one is). */
    public long secondsUntilToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) return 0;
        return (long) Math.ceil((1 - tokens) / perNano / 1e9);
    }

    /** Whether the bucket is full at {@code nowNanos} (then it can be forgotten: a new one would be the same). */
    public boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = nowNanos;
        }
    }
}
