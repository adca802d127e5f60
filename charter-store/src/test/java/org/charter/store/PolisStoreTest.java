package org.charter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.stream.Stream;

import org.charter.core.SharedData;
import org.charter.core.assembly.polis.PolisImport;
import org.charter.core.assembly.polis.PolisReader;
import org.charter.core.assembly.polis.PolisWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The six public Polis conversations through the store: import, matrix, export, re-import, on both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolisStoreTest {
    private Database sqlite;
    private Database postgres;

    @BeforeAll
    void open() {
        sqlite = TestDatabases.open(StoreKind.SQLITE);
        postgres = TestDatabases.open(StoreKind.POSTGRESQL);
    }

    @AfterAll
    void close() {
        sqlite.close();
        postgres.close();
    }

    Stream<Arguments> cases() {
        return Stream.of(StoreKind.values())
                .flatMap(kind -> SharedData.POLIS_CONVERSATIONS.stream().map(name -> Arguments.of(kind, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void importedMatrixEqualsParticipantsVotesAndExportRoundTrips(StoreKind kind, String name) {
        var store = new AssemblyStore(kind == StoreKind.SQLITE ? sqlite : postgres, Clock.systemUTC());
        PolisImport read = PolisReader.read(SharedData.polis(name));
        long id = store.importSnapshot(read.snapshot()).id();

        var counts = store.counts(id);
        assertThat(counts.statements()).isEqualTo(read.snapshot().statements().size());
        assertThat(counts.voteEvents()).isEqualTo(read.snapshot().votes().size());
        assertThat(store.matrix(id)).isEqualTo(read.exportedMatrix()); // participants-votes.csv, as Polis wrote it

        var dir = TestDatabases.tempDir();
        PolisWriter.write(store.snapshot(id), dir);
        long again = store.importSnapshot(PolisReader.read(dir).snapshot()).id();
        assertThat(store.matrix(again)).isEqualTo(store.matrix(id));
        assertThat(store.statements(again)).isEqualTo(store.statements(id));
        assertThat(PolisWriter.render(store.snapshot(again))).isEqualTo(PolisWriter.render(store.snapshot(id)));
    }
}
