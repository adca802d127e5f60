package org.charter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.InvalidFieldException;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The assembly store's contract, on SQLite and on a real PostgreSQL server. */
class AssemblyStoreTest {
    /** A clock that moves one millisecond per reading, so every event has its own time unless a test says otherwise. */
    static final class TickingClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.getAndIncrement()); }
        @Override public long millis() { return millis.getAndIncrement(); }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void createsAndReadsAnAssemblyWithParticipantsStatementsAndVotes(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            assertThat(store.isEmpty()).isTrue();
            var a = store.createAssembly("Helpdesk rules", "How should it answer?", new AssemblySettings(false, true));
            assertThat(store.assembly(a.id())).isEqualTo(a);

            var alice = store.addParticipant(a.id(), "alice@example", Map.of("region", "north", "age", "30-39"));
            var bob = store.addParticipant(a.id(), null, null);
            assertThat(alice.created()).isTrue();
            assertThat(alice.participant().pid()).isZero();
            assertThat(bob.participant().pid()).isEqualTo(1);
            var again = store.addParticipant(a.id(), "alice@example", Map.of());
            assertThat(again.created()).isFalse();
            assertThat(again.participant().attributes()).containsEntry("region", "north");
            assertThat(store.participant(a.id(), 0).attributes()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("age", "30-39", "region", "north"))); // sorted by key

            Statement s0 = store.addStatement(a.id(), "Cite sources.", null, false, true, Moderation.ACCEPTED, 2000);
            Statement s1 = store.addStatement(a.id(), "Refuse medical advice.", 1, false, false, Moderation.ACCEPTED, 2000);
            assertThat(s1.moderation()).as("a participant's statement starts unmoderated").isEqualTo(Moderation.UNMODERATED);
            assertThat(store.statements(a.id())).extracting(Statement::tid).containsExactly(0, 1);

            store.castVote(a.id(), 0, 0, VoteValue.AGREE, null);
            store.castVote(a.id(), 0, 0, VoteValue.DISAGREE, null); // changes their mind: latest counts
            store.castVote(a.id(), 1, 0, VoteValue.PASS, null);
            store.castVote(a.id(), 1, 1, VoteValue.AGREE, null);
            var m = store.matrix(a.id());
            assertThat(m.vote(0, 0)).isEqualTo(VoteValue.DISAGREE);
            assertThat(m.vote(1, 0)).isEqualTo(VoteValue.PASS);
            assertThat(m.cellCount()).isEqualTo(3);
            assertThat(store.counts(a.id())).isEqualTo(new AssemblyStore.Counts(2, 2, 4, 3));
            assertThat(store.voteEvents(a.id(), 0, 10)).hasSize(4);
            assertThat(store.snapshot(a.id()).matrix()).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRetriedVoteIsRecordedOnceAndAReusedIdForAnotherVoteIsAConflict(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            long id = store.createAssembly("t", "", AssemblySettings.DEFAULT).id();
            store.addParticipant(id, null, null);
            store.addStatement(id, "s", null, false, true, Moderation.ACCEPTED, 2000);
            var first = store.castVote(id, 0, 0, VoteValue.AGREE, "req-1");
            var retry = store.castVote(id, 0, 0, VoteValue.AGREE, "req-1");
            assertThat(first.replayed()).isFalse();
            assertThat(retry.replayed()).isTrue();
            assertThat(retry.eventId()).isEqualTo(first.eventId());
            assertThat(store.counts(id).voteEvents()).isEqualTo(1);
            assertThatThrownBy(() -> store.castVote(id, 0, 0, VoteValue.DISAGREE, "req-1"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("req-1");
            assertThat(store.matrix(id).vote(0, 0)).isEqualTo(VoteValue.AGREE);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void refusesWhatBreaksTheRules(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            assertThatThrownBy(() -> store.assembly(99)).isInstanceOf(NotFoundException.class).hasMessage("assembly 99 does not exist");
            long strict = store.createAssembly("strict", "", new AssemblySettings(true, false)).id();
            store.addParticipant(strict, null, null);
            assertThatThrownBy(() -> store.addStatement(strict, "mine", 0, false, false, null, 2000))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("does not accept statements");
            store.addStatement(strict, "seed", null, false, true, Moderation.UNMODERATED, 2000);
            assertThatThrownBy(() -> store.castVote(strict, 0, 0, VoteValue.AGREE, null))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("strictly moderated");
            store.moderate(strict, 0, Moderation.ACCEPTED);
            store.castVote(strict, 0, 0, VoteValue.AGREE, null);
            store.moderate(strict, 0, Moderation.REJECTED);
            assertThatThrownBy(() -> store.castVote(strict, 0, 0, VoteValue.PASS, null))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("rejected");
            assertThatThrownBy(() -> store.castVote(strict, 5, 0, VoteValue.PASS, null))
                    .isInstanceOf(NotFoundException.class).hasMessage("participant 5 of assembly " + strict + " does not exist");
            assertThatThrownBy(() -> store.addStatement(strict, "x".repeat(2001), null, false, false, null, 2000))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("limit is 2000");
            assertThatThrownBy(() -> store.createAssembly(" ", "", AssemblySettings.DEFAULT))
                    .isInstanceOf(InvalidFieldException.class).extracting("field").isEqualTo("topic");
            assertThat(store.assemblies()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anImportThatFailsHalfwayStoresNothing(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            Instant t = Instant.ofEpochMilli(1);
            // Two participants with one external id: the second insert breaks a unique constraint, after the
            // assembly row and the first participant were written in the same transaction.
            var broken = new AssemblySnapshot("t", "", AssemblySettings.DEFAULT,
                    List.of(new Participant(0, "same", Map.of(), null, t), new Participant(1, "same", Map.of(), null, t)),
                    List.of(new Statement(0, "s", 0, t, Moderation.ACCEPTED, false, false)),
                    List.of(new VoteEvent(0, 0, VoteValue.AGREE, t)));
            assertThatThrownBy(() -> store.importSnapshot(broken)).isInstanceOf(RuntimeException.class);
            assertThat(store.isEmpty()).isTrue();
            long participants = db.read(h -> h.createQuery("SELECT COUNT(*) FROM participant").mapTo(Long.class).one());
            assertThat(participants).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aVoteThatFailsAmongManyConcurrentOnesFailsAlone(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            long id = store.createAssembly("t", "", AssemblySettings.DEFAULT).id();
            for (int p = 0; p < 8; p++) store.addParticipant(id, null, null);
            for (int s = 0; s < 10; s++) store.addStatement(id, "s" + s, null, false, true, Moderation.ACCEPTED, 100);
            var refused = new java.util.concurrent.atomic.AtomicInteger();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 8; t++) {
                int pid = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        int tid = i % 5 == 0 ? 99 : i % 10; // every fifth names a statement that does not exist
                        try {
                            store.castVote(id, pid, tid, VoteValue.AGREE, "r-" + pid + "-" + i);
                        } catch (NotFoundException e) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (var f : futures) f.get();
            pool.shutdown();
            assertThat(refused.get()).isEqualTo(8 * 20);
            assertThat(store.counts(id).voteEvents()).isEqualTo(8 * 80);
            assertThat(store.matrix(id)).isEqualTo(store.snapshot(id).matrix());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void seedStatementsAreAddedAllOrNone(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, new TickingClock());
            long id = store.createAssembly("Seeds", "", AssemblySettings.DEFAULT).id();
            var tooLong = List.of(new AssemblyStore.NewSeed("fine", false), new AssemblyStore.NewSeed("x".repeat(11), false));
            assertThatThrownBy(() -> store.addSeedStatements(id, tooLong, 10))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("statements[1].text");
            assertThat(store.statements(id)).isEmpty();

            var stored = store.addSeedStatements(id, List.of(new AssemblyStore.NewSeed("cite sources", false),
                    new AssemblyStore.NewSeed("about this conversation", true)), 100);
            assertThat(stored).extracting(Statement::tid).containsExactly(0, 1);
            assertThat(store.statements(id)).allSatisfy(st -> {
                assertThat(st.moderation()).isEqualTo(Moderation.ACCEPTED);
                assertThat(st.seed()).isTrue();
            });
            assertThat(store.statement(id, 1).meta()).isTrue();
            assertThatThrownBy(() -> store.addSeedStatements(999, List.of(new AssemblyStore.NewSeed("s", false)), 100))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
