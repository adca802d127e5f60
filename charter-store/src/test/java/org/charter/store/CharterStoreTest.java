package org.charter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.charter.core.SharedData;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;
import org.charter.core.governance.Panel;
import org.charter.core.governance.Ratification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored charter versions and cases with their panels, on SQLite and on a real PostgreSQL server. */
class CharterStoreTest {
    static String city() throws Exception {
        return Files.readString(SharedData.root().resolve("examples/charters/city-helpdesk.yaml"));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void versionsAreNumberedFromOne_keepCanonicalText_andRefuseAStaleParent(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var store = new CharterStore(db, new AssemblyStoreTest.TickingClock());
            assertThat(store.latest("city-helpdesk")).isEmpty();
            var v1 = store.save(city(), "city-helpdesk.yaml", Optional.empty(), "admin", "import");
            assertThat(v1.number()).isEqualTo(1);
            assertThat(v1.parent()).isEmpty();
            assertThat(v1.label()).isEqualTo("3");
            Charter c1 = v1.charter();
            assertThat(v1.yaml()).isEqualTo(CanonicalForm.toYaml(c1));
            assertThat(v1.hash()).isEqualTo(CanonicalForm.hash(c1));

            Charter next = Ratification.precedents(c1, c1, List.of(), "4").charter();
            var v2 = store.save(next, Optional.of(1), "moderator", "ratify: consensus >= 1/2");
            assertThat(v2.number()).isEqualTo(2);
            assertThat(v2.parent()).contains(1);
            assertThat(store.latest("city-helpdesk").orElseThrow().number()).isEqualTo(2);
            assertThat(store.version("city-helpdesk", 1)).isEqualTo(v1);
            assertThat(store.versions("city-helpdesk")).extracting(CharterStore.StoredVersion::number).containsExactly(1, 2);
            assertThat(store.versions("city-helpdesk").get(1).rule()).isEqualTo("ratify: consensus >= 1/2");
            assertThat(store.names()).containsExactly("city-helpdesk");

            // prepared from version 1, stored after version 2: refused, nothing changes
            assertThatThrownBy(() -> store.save(next, Optional.of(1), "moderator", "again")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("is at version 2, not 1");
            assertThatThrownBy(() -> store.save(city(), "again.yaml", Optional.empty(), "admin", "import")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> store.version("city-helpdesk", 9)).isInstanceOf(NotFoundException.class).hasMessageContaining("version 9");
            assertThat(store.versions("city-helpdesk")).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anInvalidCharter_changesNothing(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var store = new CharterStore(db, new AssemblyStoreTest.TickingClock());
            String bad = city().replace("kind: rule", "kind: whatever");
            assertThatThrownBy(() -> store.save(bad, "bad.yaml", Optional.empty(), "admin", "import")).isInstanceOf(InvalidCharterException.class)
                    .hasMessageContaining("bad.yaml").hasMessageContaining("whatever");
            assertThat(store.names()).isEmpty();
            String orphan = "id: child\nversion: '1'\nparent: nowhere\nclauses: []\n";
            assertThatThrownBy(() -> store.save(orphan, "child.yaml", Optional.empty(), "admin", "import")).isInstanceOf(InvalidCharterException.class);
            assertThat(store.names()).isEmpty();
        }
    }

    /** Two ratifications racing from the same version: exactly one is stored, the other gets a conflict. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void racingRatifications_oneWinsOneConflicts(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var store = new CharterStore(db, new AssemblyStoreTest.TickingClock());
            Charter c1 = store.save(city(), "city.yaml", Optional.empty(), "admin", "import").charter();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> fs = new ArrayList<>();
            for (String label : List.of("4a", "4b")) {
                fs.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.save(Ratification.precedents(c1, c1, List.of(), label).charter(), Optional.of(1), "m-" + label, "ratify");
                        return "stored";
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : fs) outcomes.add(f.get());
            pool.shutdown();
            assertThat(outcomes).containsExactlyInAnyOrder("stored", "conflict");
            assertThat(store.versions("city-helpdesk")).hasSize(2);
        }
    }

    static OpenCase gap(String id) {
        return new OpenCase(id, OpenCase.Kind.GAP, Instant.parse("2026-11-28T00:00:00Z"), "city-helpdesk", "3", "sha256:x", Map.of("channel", "sms"),
                "Can I bring my dog to the town hall?", List.of("Yes.", "Only guide dogs."), "ask", List.of("the charter is silent here"), List.of(), List.of());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aPanelOfThree_decidesByMajority_andTheRulingBecomesAPrecedent(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var cases = new CaseStore(db, new AssemblyStoreTest.TickingClock());
            var charters = new CharterStore(db, new AssemblyStoreTest.TickingClock());
            Charter city = charters.save(city(), "city.yaml", Optional.empty(), "admin", "import").charter();
            var report = cases.importCases(List.of(gap("c1"), gap("c2")), Panel.Rule.parse("majority:3"));
            assertThat(report.imported()).containsExactly("c1", "c2");
            assertThat(cases.importCases(List.of(gap("c1")), new Panel.Rule(3)).alreadyStored()).containsExactly("c1");
            assertThat(cases.list(true)).hasSize(2);
            assertThat(cases.get("c1").openCase()).isEqualTo(gap("c1"));

            LocalDate day = LocalDate.parse("2026-11-28");
            OpenCase c = cases.get("c1").openCase();
            cases.addVerdict("c1", Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "Assistance dogs only.", "alice", day));
            var two = cases.addVerdict("c1", Panel.Verdict.on(c, city, 0, null, Precedent.Ruling.COMPLIES, List.of(), "Dogs are fine.", "bob", day));
            assertThat(two.decided()).isFalse();
            assertThat(two.outcome().explain()).contains("2 ruling(s) in");
            assertThatThrownBy(() -> cases.addVerdict("c1", Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "again", "alice", day)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("alice has already ruled");
            var three = cases.addVerdict("c1", Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "Guide dogs.", "carol", day));
            assertThat(three.decided()).isTrue();
            assertThat(three.openCase().rulings()).hasSize(1);
            assertThat(three.openCase().rulings().get(0).decidedBy()).isEqualTo("panel (2 of 3: alice, carol)");
            assertThatThrownBy(() -> cases.addVerdict("c1", Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "late", "dan", day)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already decided");
            assertThat(cases.list(true)).extracting(s -> s.openCase().id()).containsExactly("c2");
            assertThat(cases.decided("city-helpdesk")).extracting(OpenCase::id).containsExactly("c1");

            var next = Ratification.precedents(city, city, cases.decided("city-helpdesk"), "4");
            assertThat(next.precedentsAdded()).containsExactly("case-c1-1");
            var v2 = charters.save(next.charter(), Optional.of(1), "moderator", next.rule());
            assertThat(v2.charter().precedents()).extracting(Precedent::id).contains("case-c1-1");

            assertThatThrownBy(() -> cases.setPanelRule("c1", new Panel.Rule(1))).isInstanceOf(ConflictException.class);
            assertThat(cases.setPanelRule("c2", new Panel.Rule(1)).panelRule()).isEqualTo(new Panel.Rule(1));
            assertThatThrownBy(() -> cases.get("nope")).isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aParticipantsSeat_rulesOnce(StoreKind kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            var cases = new CaseStore(db, new AssemblyStoreTest.TickingClock());
            Charter city = new CharterStore(db, new AssemblyStoreTest.TickingClock()).save(city(), "city.yaml", Optional.empty(), "admin", "import").charter();
            cases.importCases(List.of(gap("c1")), new Panel.Rule(2));
            String t1 = cases.addSeat("c1"), t2 = cases.addSeat("c1");
            assertThat(t1).isNotEqualTo(t2).hasSizeGreaterThan(40);
            assertThat(cases.seat(t2)).contains(new CaseStore.Seat("c1", 2, false));
            assertThat(cases.seat("made-up")).isEmpty();
            LocalDate day = LocalDate.parse("2026-11-28");
            OpenCase c = cases.get("c1").openCase();
            var one = cases.addSeatVerdict(t1, seat -> Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "Guide dogs.", seat.panellist(), day));
            assertThat(one.verdicts()).extracting(Panel.Verdict::panellist).containsExactly("panel seat 1");
            assertThat(cases.seat(t1).orElseThrow().used()).isTrue();
            assertThatThrownBy(() -> cases.addSeatVerdict(t1, seat -> Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "again",
                    seat.panellist(), day))).isInstanceOf(ConflictException.class);
            var two = cases.addSeatVerdict(t2, seat -> Panel.Verdict.on(c, city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "Same.", seat.panellist(), day));
            assertThat(two.decided()).isTrue();
            assertThat(two.openCase().rulings().get(0).decidedBy()).isEqualTo("panel (2 of 2: panel seat 1, panel seat 2)");
            assertThatThrownBy(() -> cases.addSeat("c1")).isInstanceOf(ConflictException.class).hasMessageContaining("already decided");
        }
    }
}
