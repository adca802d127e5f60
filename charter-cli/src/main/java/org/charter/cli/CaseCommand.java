package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter case list | show | rule}: open cases kept in a folder ({@code charter decide --cases DIR} writes them). */
@Command(name = "case", mixinStandardHelpOptions = true, description = "Open cases: list them, show one, rule on one.",
        subcommands = {CaseCommand.ListCases.class, CaseCommand.Show.class, CaseCommand.Rule.class})
final class CaseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases of a folder: id, kind, status, charter version, prompt.")
    static final class ListCases implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The case folder.")
        Path dir;

        @Option(names = "--open", description = "Only cases nobody has ruled on.")
        boolean onlyOpen;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int n = 0;
            for (OpenCase c : CaseFiles.all(dir)) {
                if (onlyOpen && !c.open()) continue;
                n++;
                String prompt = c.prompt().lines().findFirst().orElse("");
                out.printf(Locale.ROOT, "%s  %-10s %-6s %s %s  %s%n", c.id(), c.kind().wireName(), c.open() ? "open" : "ruled " + c.rulings().size(),
                        c.charterId(), c.charterVersion(), prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt);
            }
            out.println(n + " case(s)");
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one case as JSON.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The case folder.")
        Path dir;

        @Parameters(index = "1", paramLabel = "ID", description = "The case id.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            spec.commandLine().getOut().println(CaseFiles.MAPPER.writeValueAsString(CaseFiles.read(dir, id)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "rule", mixinStandardHelpOptions = true,
            description = {"Rule on a case: a response (a candidate by number, or one written with --response) complies with or",
                    "violates the cited clauses (none: a ruling on a gap), with a rationale, by someone. The ruling is added to",
                    "the case file; `charter amend` turns rulings into precedents of the next charter version."})
    static final class Rule implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The case folder.")
        Path dir;

        @Parameters(index = "1", paramLabel = "ID", description = "The case id.")
        String id;

        @Option(names = "--charter", required = true, paramLabel = "FILE", description = "The charter (its clauses are checked).")
        Path charterFile;

        @Option(names = "--candidate", defaultValue = "-1", paramLabel = "N", description = "The candidate ruled on (0-based).")
        int candidate;

        @Option(names = "--response", paramLabel = "TEXT", description = "A response written by the panel instead of a candidate.")
        String response;

        @Option(names = "--ruling", required = true, paramLabel = "R", description = "complies or violates.")
        String ruling;

        @Option(names = "--clause", paramLabel = "ID", description = "A clause the ruling cites (repeatable).")
        List<String> clauses = new ArrayList<>();

        @Option(names = "--rationale", required = true, paramLabel = "TEXT", description = "Why.")
        String rationale;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decided (a panel, a moderator).")
        String by;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date of the ruling (default: today).")
        LocalDate date;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if ((candidate >= 0) == (response != null)) throw new UsageException("give exactly one of --candidate N and --response TEXT");
            Precedent.Ruling r;
            try {
                r = Precedent.Ruling.parse(ruling);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--ruling: " + e.getMessage());
            }
            CharterResolver.Resolved charter;
            try {
                charter = CharterFiles.load(charterFile);
            } catch (InvalidCharterException e) {
                return CharterFiles.report(e, spec.commandLine().getErr());
            }
            OpenCase c = CaseFiles.read(dir, id);
            OpenCase ruled = c.rule(charter.effective(), candidate, response, r, clauses, rationale, by, date == null ? LocalDate.now() : date);
            CaseFiles.write(dir, ruled);
            spec.commandLine().getOut().println("case " + id + ": ruling " + ruled.rulings().size() + " recorded (" + r.wireName()
                    + (clauses.isEmpty() ? "" : " " + String.join(", ", clauses)) + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
