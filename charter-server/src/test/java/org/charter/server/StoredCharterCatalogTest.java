package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.charter.core.charter.Charter;
import org.charter.server.gateway.CharterCatalog;
import org.charter.server.gateway.Gateway;
import org.charter.server.gateway.StoredCharterCatalog;
import org.charter.store.CharterStore;
import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.Test;

/** Stored charter versions served by the gateway in front of the files, a ratified version picked up without a restart. */
class StoredCharterCatalogTest {
    private static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    }

    @Test
    void theLatestStoredVersionIsServedAndANewOneWithinTheRecheckTime() {
        try (Database db = TestDatabases.open(StoreKind.SQLITE)) {
            var clock = new ManualClock();
            var store = new CharterStore(db, clock);
            store.save(GatewayTest.PRIVACY, "privacy.yaml", Optional.empty(), "ada", "import");
            var bound = new AtomicInteger();
            java.util.function.Function<Charter, Gateway.Bound> binder = c -> {
                bound.incrementAndGet();
                return GatewayFixtures.privacy();
            };
            CharterCatalog files = CharterCatalog.of(Map.of("library-desk", GatewayFixtures.library()));
            var catalog = new StoredCharterCatalog(store, files, binder, clock, Duration.ofSeconds(5));

            assertThat(catalog.names()).containsExactly("library-desk", "privacy-desk");
            assertThat(catalog.current("privacy-desk").orElseThrow().version()).isEqualTo("1 (7)");
            assertThat(catalog.current("privacy-desk").orElseThrow().version()).isEqualTo("1 (7)");
            assertThat(bound.get()).as("bound once, then kept").isEqualTo(1);
            assertThat(catalog.current("library-desk").orElseThrow().version()).isEqualTo("2");
            assertThat(catalog.current("tax-desk")).isEmpty();

            store.save(GatewayTest.PRIVACY.replace("version: 7", "version: 8"), "privacy.yaml", Optional.of(1), "ada", "ratified");
            clock.millis.addAndGet(1_000);
            assertThat(catalog.current("privacy-desk").orElseThrow().version()).as("not re-checked yet").isEqualTo("1 (7)");
            clock.millis.addAndGet(5_000);
            assertThat(catalog.current("privacy-desk").orElseThrow().version()).isEqualTo("2 (8)");
            assertThat(bound.get()).isEqualTo(2);
            clock.millis.addAndGet(6_000);
            assertThat(catalog.current("privacy-desk").orElseThrow().version()).isEqualTo("2 (8)");
            assertThat(bound.get()).as("the same version is not bound again").isEqualTo(2);
        }
    }
}
