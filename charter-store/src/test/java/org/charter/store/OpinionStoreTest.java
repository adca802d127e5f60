package org.charter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.VoteValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a map kept in memory reads to catch up: the latest vote of each cell touched since, on both databases. */
class OpinionStoreTest {
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void cellsChangedSinceAnEventAreTheirLatestVotes(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var clock = new AssemblyStoreTest.TickingClock();
            var store = new AssemblyStore(db, clock);
            var maps = new OpinionStore(db, clock);
            long id = store.createAssembly("parks", "", AssemblySettings.DEFAULT).id();
            long other = store.createAssembly("roads", "", AssemblySettings.DEFAULT).id();
            for (long a : new long[] {id, other}) {
                for (int t = 0; t < 3; t++) store.addStatement(a, "s" + t, null, false, true, null, 1000);
                for (int p = 0; p < 3; p++) store.addParticipant(a, "p" + p, Map.of());
            }
            store.castVote(id, 0, 0, VoteValue.AGREE, null);
            store.castVote(id, 1, 1, VoteValue.AGREE, null);
            long seen = maps.lastEventId(id);
            assertThat(maps.cellsChangedBetween(id, 0, seen)).containsExactly(
                    new OpinionStore.Cell(0, 0, 1), new OpinionStore.Cell(1, 1, 1));

            store.castVote(id, 1, 1, VoteValue.PASS, null);     // changed
            store.castVote(id, 2, 0, VoteValue.DISAGREE, null); // new
            store.castVote(id, 1, 1, VoteValue.DISAGREE, null); // changed again: the latest counts
            store.castVote(other, 0, 0, VoteValue.AGREE, null); // another assembly
            long now = maps.lastEventId(id);

            assertThat(maps.cellsChangedBetween(id, seen, now)).containsExactly(
                    new OpinionStore.Cell(1, 1, -1), new OpinionStore.Cell(2, 0, -1));
            assertThat(maps.cellsChangedBetween(id, now, now)).isEmpty();
        }
    }
}
