package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Full-jitter backoff stays under its exponential ceiling, which never passes the maximum, and is reproducible from its seed. */
class BackoffProperties {
    @Property
    void delaysStayUnderTheCeiling(@ForAll @LongRange(min = 0, max = 10_000) long initialMs, @ForAll @LongRange(min = 0, max = 100_000) long extraMs,
            @ForAll @IntRange(min = 1, max = 80) int retry, @ForAll long seed) {
        var b = new Backoff(Duration.ofMillis(initialMs), Duration.ofMillis(initialMs + extraMs));
        Duration ceiling = b.ceiling(retry);
        assertThat(ceiling).isLessThanOrEqualTo(b.max());
        if (retry > 1) assertThat(ceiling).isGreaterThanOrEqualTo(b.ceiling(retry - 1));
        Duration d = b.delay(retry, new SplittableRandom(seed));
        assertThat(d).isBetween(Duration.ZERO, ceiling);
        assertThat(b.delay(retry, new SplittableRandom(seed))).isEqualTo(d);
    }

    @Property
    void ceilingsDoubleUntilTheMaximum(@ForAll @IntRange(min = 1, max = 10) int retry) {
        var b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20));
        assertThat(b.ceiling(retry)).isEqualTo(Duration.ofMillis(Math.min(20_000, 500L << (retry - 1))));
    }
}
