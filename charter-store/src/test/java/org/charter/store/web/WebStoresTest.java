package org.charter.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySettings.Access;
import org.charter.core.assembly.InvalidFieldException;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.store.AssemblyStore;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.ComparisonStore.Choice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The web's stores (migration V3) on SQLite and PostgreSQL alike. */
class WebStoresTest {
    /** A clock the test sets. */
    static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
        @Override public long millis() { return millis.get(); }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void assemblyAccess_isStoredAndUpdated(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var store = new AssemblyStore(db, Clock.systemUTC());
            var open = store.createAssembly("Open", "", AssemblySettings.DEFAULT);
            var closed = store.createAssembly("Closed", "", new AssemblySettings(true, false, Access.INVITATION));
            assertThat(store.assembly(open.id()).settings().access()).isEqualTo(Access.OPEN);
            assertThat(store.assembly(closed.id()).settings()).isEqualTo(new AssemblySettings(true, false, Access.INVITATION));
            assertThat(store.updateSettings(open.id(), open.settings().withAccess(Access.INVITATION)).settings().access()).isEqualTo(Access.INVITATION);
            assertThat(store.snapshot(closed.id()).settings().access()).as("a snapshot keeps the access").isEqualTo(Access.INVITATION);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void accounts_andSessions(StoreKind kind) {
        var clock = new ManualClock();
        try (Database db = TestDatabases.open(kind)) {
            var store = new AccountStore(db, clock);
            var ada = store.addAccount("ada", Role.ADMIN, "$argon2id$hash");
            assertThatThrownBy(() -> store.addAccount("ada", Role.MODERATOR, "x")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.addAccount("bad name", Role.MODERATOR, "x")).isInstanceOf(InvalidFieldException.class);
            store.addAccount("mo", Role.MODERATOR, "h2");
            assertThat(store.accounts()).extracting(AccountStore.Account::name).containsExactly("ada", "mo");
            assertThat(store.findAccount("ada")).get().extracting(AccountStore.Account::role).isEqualTo(Role.ADMIN);
            assertThat(store.findAccount(ada.id())).get().extracting(AccountStore.Account::passwordHash).isEqualTo("$argon2id$hash");
            store.setPassword("mo", "h3");
            assertThat(store.findAccount("mo").orElseThrow().passwordHash()).isEqualTo("h3");
            assertThatThrownBy(() -> store.setPassword("nobody", "h")).isInstanceOf(NotFoundException.class);

            store.createSession("hash1", "visitor1", "csrf1", null, clock.instant().plusSeconds(60));
            store.createSession("hash2", "visitor2", "csrf2", ada.id(), clock.instant().plusSeconds(3600));
            assertThat(store.findSession("hash1")).get().extracting(AccountStore.Session::visitor).isEqualTo("visitor1");
            assertThat(store.findSession("hash2").orElseThrow().accountId()).isEqualTo(ada.id());
            clock.millis.addAndGet(61_000);
            assertThat(store.findSession("hash1")).as("expired").isEmpty();
            assertThat(store.deleteExpiredSessions()).isEqualTo(1);
            store.deleteSession("hash2");
            assertThat(store.findSession("hash2")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void invitations_areUsedOnce(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var assemblies = new AssemblyStore(db, Clock.systemUTC());
            long id = assemblies.createAssembly("Board", "", AssemblySettings.DEFAULT.withAccess(Access.INVITATION)).id();
            var store = new InvitationStore(db, Clock.systemUTC());
            store.create(id, "tokenhash", "for Ann", null);
            assertThatThrownBy(() -> store.create(999, "t2", "", null)).isInstanceOf(NotFoundException.class);
            assertThat(store.find(id, "tokenhash")).get().extracting(InvitationStore.Invitation::usedByPid).isNull();
            int ann = assemblies.addParticipant(id, "web:ann", Map.of()).participant().pid();
            int bob = assemblies.addParticipant(id, "web:bob", Map.of()).participant().pid();
            store.redeem(id, "tokenhash", ann);
            store.redeem(id, "tokenhash", ann); // the same person again: harmless
            assertThatThrownBy(() -> store.redeem(id, "tokenhash", bob)).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.redeem(id, "other", bob)).isInstanceOf(NotFoundException.class);
            var listed = store.list(id);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).usedByPid()).isEqualTo(ann);
            assertThat(listed.get(0).label()).isEqualTo("for Ann");
            assertThat(listed.get(0).usedAt()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void participation_votedStatements_andConsentGatedAttributes(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var assemblies = new AssemblyStore(db, Clock.systemUTC());
            long id = assemblies.createAssembly("Parks", "", AssemblySettings.DEFAULT).id();
            for (String s : new String[] {"a", "b", "c"}) assemblies.addStatement(id, s, null, false, true, Moderation.ACCEPTED, 100);
            int pid = assemblies.addParticipant(id, "web:v", Map.of()).participant().pid();
            var store = new ParticipationStore(db, Clock.systemUTC());
            assertThat(store.findPid(id, "web:v")).hasValue(pid);
            assertThat(store.findPid(id, "web:w")).isEmpty();
            assemblies.castVote(id, pid, 0, VoteValue.AGREE, null);
            assemblies.castVote(id, pid, 2, VoteValue.PASS, null);
            assertThat(store.votedTids(id, pid)).containsExactlyInAnyOrder(0, 2);

            store.describe(id, pid, Map.of("region", "north"), false);
            assertThat(assemblies.participant(id, pid).attributes()).isEmpty();
            assertThat(store.consent(id, pid)).isEmpty();
            store.describe(id, pid, Map.of("region", "north", "ageGroup", "30to44"), true);
            assertThat(assemblies.participant(id, pid).attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("region", "north", "ageGroup", "30to44"));
            assertThat(store.consent(id, pid)).isPresent();
            store.describe(id, pid, Map.of(), false);
            assertThat(assemblies.participant(id, pid).attributes()).as("withdrawn consent deletes").isEmpty();
            assertThatThrownBy(() -> store.describe(id, 99, Map.of(), true)).isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void comparisons_onePerParticipantAndTask(StoreKind kind) {
        try (Database db = TestDatabases.open(kind)) {
            var assemblies = new AssemblyStore(db, Clock.systemUTC());
            long id = assemblies.createAssembly("Helpdesk", "", AssemblySettings.DEFAULT).id();
            int pid = assemblies.addParticipant(id, "p", Map.of()).participant().pid();
            var store = new ComparisonStore(db, Clock.systemUTC());
            var t1 = store.addTask(id, " Q1 ", "A1", "B1", "x", "y");
            assertThat(t1.prompt()).isEqualTo("Q1");
            var t2 = store.addTask(id, "Q2", "A2", "B2", "x", "y");
            assertThatThrownBy(() -> store.addTask(id, "Q", "A", "B", "x", "x")).isInstanceOf(InvalidFieldException.class).hasMessageContaining("labelB");
            assertThatThrownBy(() -> store.addTask(id, "", "A", "B", "x", "y")).isInstanceOf(InvalidFieldException.class).hasMessageContaining("prompt");
            assertThatThrownBy(() -> store.addTask(999, "Q", "A", "B", "x", "y")).isInstanceOf(NotFoundException.class);
            assertThat(store.nextTask(id, pid)).get().extracting(ComparisonStore.Task::id).isEqualTo(t1.id());
            store.compare(id, t1.id(), pid, Choice.A, "  clearer ");
            assertThat(store.nextTask(id, pid)).get().extracting(ComparisonStore.Task::id).isEqualTo(t2.id());
            store.compare(id, t1.id(), pid, Choice.B, null); // a change of mind replaces the first
            store.compare(id, t2.id(), pid, Choice.TIE, "");
            assertThat(store.nextTask(id, pid)).isEmpty();
            var all = store.comparisons(id);
            assertThat(all).extracting(ComparisonStore.Comparison::choice).containsExactly(Choice.B, Choice.TIE);
            assertThat(all.get(1).reason()).isNull();
            assertThatThrownBy(() -> store.compare(id, 12345, pid, Choice.A, null)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.compare(id, t1.id(), 77, Choice.A, null)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.compare(id, t1.id(), pid, Choice.A, "x".repeat(2001))).isInstanceOf(InvalidFieldException.class);
            assertThatThrownBy(() -> Choice.fromApiName("c")).isInstanceOf(InvalidFieldException.class);
        }
    }
}
