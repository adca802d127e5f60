package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.polis.PolisImport;
import org.charter.core.assembly.polis.PolisReader;
import org.charter.core.assembly.polis.PolisWriter;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter assembly ...}: assemblies in the store, and Polis interoperability. */
@Command(name = "assembly", mixinStandardHelpOptions = true,
        description = "Assemblies in the store: list them, import and export Polis conversations.",
        subcommands = {AssemblyCommand.ListAssemblies.class, AssemblyCommand.ImportPolis.class, AssemblyCommand.ExportPolis.class})
final class AssemblyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (list, import-polis, export-polis)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored assemblies with their sizes.")
    static final class ListAssemblies implements Callable<Integer> {
        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                var store = new AssemblyStore(db, Clock.systemUTC());
                for (Assembly a : store.assemblies()) {
                    var c = store.counts(a.id());
                    out.printf("%d\t%s\t%d participants, %d statements, %d votes (%d events)%n",
                            a.id(), a.topic(), c.participants(), c.statements(), c.votes(), c.voteEvents());
                }
            }
            return 0;
        }
    }

    @Command(name = "import-polis", mixinStandardHelpOptions = true,
            description = {"Import a Polis export directory (comments.csv, votes.csv; participants-votes.csv and summary.csv when present).",
                    "The whole import is one transaction: on any error nothing is stored. The last line printed is the new assembly's id."})
    static final class ImportPolis implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The Polis export directory.")
        Path dir;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PolisImport read = PolisReader.read(dir); // every error names file, line and column; nothing is stored yet
            for (String note : read.notes()) err.println("charter: note: " + note);
            AssemblySnapshot s = read.snapshot();
            try (Database db = storeOptions.open()) {
                Assembly a = new AssemblyStore(db, Clock.systemUTC()).importSnapshot(s);
                var matrix = s.matrix();
                out.printf("Imported \"%s\": %d participants (%d voted), %d statements, %d vote events (%d latest votes).%n",
                        a.topic(), s.participants().size(), matrix.participants().size(), s.statements().size(),
                        s.votes().size(), matrix.cellCount());
                out.println(a.id());
            }
            return 0;
        }
    }

    @Command(name = "export-polis", mixinStandardHelpOptions = true,
            description = "Write an assembly as a Polis export: comments.csv, votes.csv, participants-votes.csv and summary.csv.")
    static final class ExportPolis implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The assembly's id.")
        long id;

        @Parameters(index = "1", paramLabel = "DIR", description = "The directory to write (created when missing).")
        Path dir;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = storeOptions.open()) {
                AssemblySnapshot s = new AssemblyStore(db, Clock.systemUTC()).snapshot(id);
                PolisWriter.write(s, dir);
                spec.commandLine().getOut().printf("Wrote assembly %d (%d statements, %d vote events) to %s%n",
                        id, s.statements().size(), s.votes().size(), dir);
            }
            return 0;
        }
    }
}
