package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Token buckets with a clock the test moves by hand. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucket_allowsItsBurst_thenRefusesUntilItRefills() {
        var b = new TokenBucket(3, 1, 0); // 3 tokens, one a second
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.secondsUntilToken(0)).isEqualTo(1);
        assertThat(b.tryTake(SECOND / 2)).isFalse();
        assertThat(b.tryTake(SECOND)).isTrue();
        assertThat(b.tryTake(SECOND)).isFalse();
        assertThat(b.full(10 * SECOND)).as("refills up to capacity only").isTrue();
        assertThat(b.tryTake(10 * SECOND) && b.tryTake(10 * SECOND) && b.tryTake(10 * SECOND)).isTrue();
        assertThat(b.tryTake(10 * SECOND)).isFalse();
    }

    @Test
    void aClockGoingBackwards_neitherAddsNorRemovesTokens() {
        var b = new TokenBucket(1, 1, 5 * SECOND);
        assertThat(b.tryTake(5 * SECOND)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.tryTake(6 * SECOND)).isTrue();
    }

    @Test
    void invalidLimits_areRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimiter.Limit.parse("ten")).hasMessageContaining("BURST/PER_MINUTE");
        assertThat(RateLimiter.Limit.parse("30/60")).isEqualTo(new RateLimiter.Limit(30, 60));
    }

    /** Over any span, a bucket allows at most its capacity plus what refilled in the span. */
    @Property(tries = 200)
    void neverAllowsMoreThanBurstPlusRefill(@ForAll @IntRange(min = 1, max = 20) int capacity, @ForAll @IntRange(min = 1, max = 50) int perSecond,
                                            @ForAll @LongRange(min = 1, max = 50_000_000) long step, @ForAll @IntRange(min = 1, max = 400) int attempts) {
        var b = new TokenBucket(capacity, perSecond, 0);
        long now = 0;
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (b.tryTake(now)) allowed++;
            now += step;
        }
        double span = (double) (now - step) / SECOND;
        assertThat(allowed).isLessThanOrEqualTo((int) Math.floor(capacity + span * perSecond + 1e-9));
    }

    @Test
    void limiter_keepsOneBucketPerKey_andSaysHowLongToWait() {
        var clock = new AtomicLong();
        var limiter = new RateLimiter(new RateLimiter.Limit(2, 60), clock::get); // 2 at once, one a second
        assertThat(limiter.acquire("p1")).isZero();
        assertThat(limiter.acquire("p1")).isZero();
        assertThat(limiter.acquire("p1")).isEqualTo(1);
        assertThat(limiter.acquire("p2")).as("another participant has their own bucket").isZero();
        clock.addAndGet(SECOND);
        assertThat(limiter.acquire("p1")).isZero();
        clock.addAndGet(120 * SECOND);
        limiter.acquire("p3");
        assertThat(limiter.size()).as("refilled buckets are forgotten").isEqualTo(1);
    }
}
