package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.charter.core.charter.CharterDiff;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.governance.Panel;
import org.charter.core.governance.Ratification;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.Database;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter charters list | show | import | import-cases | amend}: charter versions and cases kept in the store
 * (the file-based {@code charter case} and {@code charter amend} work on folders and files).
 */
@Command(name = "charters", mixinStandardHelpOptions = true,
        description = "Stored charter versions: list them, show one with its history and diff, import a file, import the gateway's case "
                + "files, amend with the decided cases, ratify an assembly's statements.",
        subcommands = {ChartersCommand.ListCharters.class, ChartersCommand.Show.class, ChartersCommand.Import.class, ChartersCommand.ImportCases.class,
                ChartersCommand.Amend.class, ChartersCommand.Ratify.class})
final class ChartersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every stored charter: name, latest version number and label, hash, when and by which rule.")
    static final class ListCharters implements Callable<Integer> {
        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                CharterStore store = new CharterStore(db, Clock.systemUTC());
                List<String> names = store.names();
                for (String n : names) {
                    CharterStore.StoredVersion v = store.latest(n).orElseThrow();
                    out.printf(Locale.ROOT, "%s  version %d (%s)  %s  %s by %s: %s%n", n, v.number(), v.label(), v.hash(), v.madeAt(), v.madeBy(), v.rule());
                }
                out.println(names.size() + " charter(s)");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a stored version's canonical YAML (default: the latest), or its history, or its diff against its parent.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The charter's name (its id).")
        String name;

        @Option(names = "--version", paramLabel = "N", description = "The version number (1, 2, ...).")
        Integer number;

        @Option(names = "--history", description = "List every version: number, parent, label, hash, who, when, rule.")
        boolean history;

        @Option(names = "--diff", description = "The diff of the version against the one it was made from.")
        boolean diff;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (history && diff) throw new UsageException("give at most one of --history and --diff");
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                CharterStore store = new CharterStore(db, Clock.systemUTC());
                if (history) {
                    List<CharterStore.StoredVersion> vs = store.versions(name);
                    if (vs.isEmpty()) throw new IllegalArgumentException("no charter '" + name + "' in the store");
                    for (CharterStore.StoredVersion v : vs) {
                        out.printf(Locale.ROOT, "%d  parent %s  label %s  %s  %s by %s: %s%n", v.number(), v.parent().map(String::valueOf).orElse("-"),
                                v.label(), v.hash(), v.madeAt(), v.madeBy(), v.rule());
                    }
                } else {
                    CharterStore.StoredVersion v = number == null
                            ? store.latest(name).orElseThrow(() -> new IllegalArgumentException("no charter '" + name + "' in the store"))
                            : store.version(name, number);
                    if (diff) {
                        if (v.parent().isEmpty()) throw new IllegalArgumentException("version " + v.number() + " of " + name + " is the first; it has no parent to diff against");
                        out.print(CharterDiff.between(store.version(name, v.parent().get()).charter(), v.charter()).toText());
                    } else {
                        out.print(v.yaml());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Store a charter file as the next version of the charter its id names. It is validated (with its parent, looked",
                    "up by name among the stored charters) before anything is stored."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The charter file (YAML or JSON).")
        Path file;

        @Option(names = "--by", defaultValue = "${sys:user.name}", paramLabel = "NAME", description = "Who stores it (default: the user name).")
        String by;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String text = CharterFiles.read(file);
            try (Database db = storeOptions.open()) {
                CharterStore store = new CharterStore(db, Clock.systemUTC());
                String id;
                try {
                    id = org.charter.core.charter.CharterReader.read(text, CharterFiles.display(file)).id();
                    Optional<Integer> parent = store.latest(id).map(CharterStore.StoredVersion::number);
                    CharterStore.StoredVersion v = store.save(text, CharterFiles.display(file), parent, by, "import " + file.getFileName());
                    spec.commandLine().getOut().println(v.name() + ": stored as version " + v.number() + " (label " + v.label() + ", " + v.hash() + ")");
                } catch (InvalidCharterException e) {
                    return CharterFiles.report(e, spec.commandLine().getErr());
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "import-cases", mixinStandardHelpOptions = true,
            description = "Store the case files of a folder (as `charter decide --cases` and the gateway write them); cases already stored are left as they are.")
    static final class ImportCases implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The case folder.")
        Path dir;

        @Option(names = "--panel", defaultValue = "majority:3", paramLabel = "RULE",
                description = "The panel's rule for the imported cases: majority:N, a strict majority of at least N rulings (default: ${DEFAULT-VALUE}).")
        String panel;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Panel.Rule rule;
            try {
                rule = Panel.Rule.parse(panel);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--panel: " + e.getMessage());
            }
            var all = CaseFiles.all(dir);
            try (Database db = storeOptions.open()) {
                CaseStore.ImportReport r = new CaseStore(db, Clock.systemUTC()).importCases(all, rule);
                spec.commandLine().getOut().println(r.imported().size() + " case(s) imported, " + r.alreadyStored().size() + " already stored"
                        + (r.alreadyStored().isEmpty() ? "" : " (" + String.join(", ", r.alreadyStored()) + ")"));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "amend", mixinStandardHelpOptions = true,
            description = "Store the next version of a stored charter with its decided cases as precedents, and print the diff.")
    static final class Amend implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The charter's name.")
        String name;

        @Option(names = "--label", paramLabel = "V", description = "The new version's label (default: the next version number).")
        String label;

        @Option(names = "--by", defaultValue = "${sys:user.name}", paramLabel = "NAME", description = "Who stores it (default: the user name).")
        String by;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                CharterStore store = new CharterStore(db, Clock.systemUTC());
                CharterStore.StoredVersion v = store.latest(name).orElseThrow(() -> new IllegalArgumentException("no charter '" + name + "' in the store"));
                var resolved = store.resolve(v);
                var own = resolved.chain().get(0).charter();
                Ratification.Ratified r = Ratification.precedents(own, resolved.effective(), new CaseStore(db, Clock.systemUTC()).decided(name),
                        label == null ? String.valueOf(v.number() + 1) : label);
                if (r.precedentsAdded().isEmpty()) {
                    out.println(name + ": no decided case adds a precedent; nothing stored (" + r.casesStillOpen() + " case(s) still open)");
                } else {
                    CharterStore.StoredVersion next = store.save(r.charter(), Optional.of(v.number()), by, r.rule());
                    out.print(r.diff().toText());
                    out.println(name + ": stored as version " + next.number() + " (" + r.precedentsAdded().size() + " precedent(s) added)");
                }
            } catch (InvalidCharterException e) {
                return CharterFiles.report(e, spec.commandLine().getErr());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "ratify", mixinStandardHelpOptions = true,
            description = {"Ratify a stored assembly's statements into the next version of a stored charter (a new one when NAME is not",
                    "stored yet) by a rule: consensus (group-aware consensus >= --threshold), osccai (the opinion map's constitution",
                    "candidates) or committee (a slate of --size statements by --committee-rule). Prints every statement's support",
                    "per group and the diff; decided cases of the charter become precedents. --dry-run stores nothing."})
    static final class Ratify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The charter's name (its id).")
        String name;

        @Option(names = "--assembly", required = true, paramLabel = "ID", description = "The stored assembly.")
        long assembly;

        @Option(names = "--rule", required = true, paramLabel = "RULE", description = "consensus, osccai or committee.")
        String rule;

        @Option(names = "--threshold", paramLabel = "T", description = "For consensus: a fraction (3/5) or a decimal (0.6).")
        String threshold;

        @Option(names = "--committee-rule", defaultValue = "seq-phragmen", paramLabel = "R", description = "For committee: a committee rule id (default: ${DEFAULT-VALUE}).")
        String committeeRule;

        @Option(names = "--size", paramLabel = "K", description = "For committee: how many statements.")
        String size;

        @Option(names = "--label", paramLabel = "V", description = "The new version's label (default: the next version number).")
        String label;

        @Option(names = "--by", defaultValue = "${sys:user.name}", paramLabel = "NAME", description = "Who stores it (default: the user name).")
        String by;

        @Option(names = "--dry-run", description = "Print what would be stored; store nothing.")
        boolean dryRun;

        @Mixin StoreOptions storeOptions;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                Clock clock = Clock.systemUTC();
                var opinions = new org.charter.server.OpinionService(db, clock);
                java.util.function.LongFunction<Optional<org.charter.core.opinion.OpinionMap>> maps = id -> {
                    try {
                        var map = opinions.compute(id, org.charter.core.opinion.OpinionOptions.polis()).map();
                        return map.pca() == null ? Optional.empty() : Optional.of(map);
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        return Optional.empty(); // too few votes for a map: the consensus rule counts everyone as one group
                    }
                };
                var gov = new org.charter.server.web.Governance(new org.charter.store.AssemblyStore(db, clock), new CharterStore(db, clock),
                        new CaseStore(db, clock), maps, clock);
                org.charter.core.governance.RatificationRule r;
                org.charter.server.web.Governance.Preview p;
                try {
                    r = org.charter.server.web.Governance.rule(rule, threshold, committeeRule, size, "osccai".equals(rule) ? maps.apply(assembly) : Optional.empty());
                    p = gov.preview(assembly, name, r, label);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                out.print(p.ratified().toText());
                if (dryRun) {
                    out.println(name + ": dry run, nothing stored");
                } else {
                    CharterStore.StoredVersion v = gov.charters().save(p.ratified().charter(), p.parent(), by,
                            "ratify " + org.charter.server.web.Governance.assemblyName(assembly) + ": " + p.ratified().rule());
                    out.println(name + ": stored as version " + v.number() + " (" + v.hash() + ")");
                }
            } catch (InvalidCharterException e) {
                return CharterFiles.report(e, spec.commandLine().getErr());
            }
            out.flush();
            return 0;
        }
    }
}
