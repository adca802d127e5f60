package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing is lost under concurrency: every acknowledged vote is stored, once, on both databases. */
class ConcurrentVotesTest {
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void tenThousandVotesFromParallelClientsAreAllStoredOnce(StoreKind kind) throws InterruptedException {
        Database db = TestDatabases.open(kind);
        var store = new AssemblyStore(db, Clock.systemUTC());
        long id = store.createAssembly("load", "", AssemblySettings.DEFAULT).id();
        for (int p = 0; p < 200; p++) store.addParticipant(id, null, null);
        for (int s = 0; s < 50; s++) store.addStatement(id, "s" + s, null, false, true, Moderation.ACCEPTED, 100);

        try (var server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 100, Duration.ofSeconds(5)), db, Clock.systemUTC()).start()) {
            assertThat(new Http(server.baseUrl()).get("/health").json().get("store").asText()).isEqualTo(kind.id());
            var load = new VoteLoad(server.baseUrl(), id, 200, 50);
            VoteLoad.Result first = load.run(10_000, 24, 42, "v-");
            assertThat(first.failed()).as("failures: %s", first.firstFailures()).isZero();
            assertThat(first.created()).isEqualTo(10_000);
            var counts = store.counts(id);
            assertThat(counts.voteEvents()).isEqualTo(first.created());

            // The whole load again, as if every client retried: nothing new is recorded.
            VoteLoad.Result retry = load.run(10_000, 24, 42, "v-");
            assertThat(retry.replayed()).isEqualTo(10_000);
            assertThat(store.counts(id).voteEvents()).isEqualTo(10_000);

            // The stored latest-vote matrix is the one the event log implies.
            assertThat(store.matrix(id)).isEqualTo(store.snapshot(id).matrix());
        }
    }
}
