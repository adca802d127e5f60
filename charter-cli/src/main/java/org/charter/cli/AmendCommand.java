package org.charter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.charter.core.charter.Adjudication;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.CharterReader;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter amend CHARTER --cases DIR --version V -o OUT}: rulings become precedents of the next version. */
@Command(name = "amend", mixinStandardHelpOptions = true,
        description = {"Write the next version of a charter with the rulings of a case folder as precedents (id case-ID-N). Only",
                "cases of this charter that have been ruled on are used; open ones are counted. The new version is",
                "validated with its parents before it is written; `charter diff OLD NEW` shows what changed."})
final class AmendCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (YAML or JSON).")
    Path file;

    @Option(names = "--cases", required = true, paramLabel = "DIR", description = "The case folder.")
    Path cases;

    @Option(names = "--version", required = true, paramLabel = "V", description = "The new version label.")
    String version;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the new version (.yaml or .json).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Adjudication.Amended amended;
        try {
            var own = r.chain().get(0).charter();
            amended = Adjudication.amend(own, r.effective(), CaseFiles.all(cases).stream().filter(c -> c.charterId().equals(own.id())).toList(), version);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String text = output.toString().endsWith(".json") ? CanonicalForm.toJson(amended.charter()) : CanonicalForm.toYaml(amended.charter());
        // the new version must read back and resolve with its parents (relative to where it is written)
        try {
            CharterResolver.resolve(CharterReader.load(text, output.toString()), CharterFiles::findParent);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(amended.charter().id() + " " + version + ": " + amended.added().size() + " precedent(s) added"
                + (amended.added().isEmpty() ? "" : " (" + String.join(", ", amended.added()) + ")") + "; " + amended.stillOpen()
                + " case(s) still open; wrote " + output + " (" + CanonicalForm.hash(amended.charter()) + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
