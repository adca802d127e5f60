package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.ModelSpecImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter import-spec FILE.md -o OUT.yaml}: the OpenAI Model Spec as a charter. */
@Command(name = "import-spec", mixinStandardHelpOptions = true,
        description = {"Import the OpenAI Model Spec (Markdown, CC0) as a charter: headings tagged {#id authority=LEVEL} become",
                "clauses of that authority (root, system, developer, user, guideline), <comparison> blocks become GOOD/BAD/OK",
                "examples of the clause they sit under. Writes canonical YAML (JSON when OUT ends in .json) and prints the",
                "counts per authority level."})
final class ImportSpecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.md", description = "The Model Spec's model_spec.md.")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the charter (.yaml or .json).")
    Path output;

    @Option(names = "--release", defaultValue = "2025-12-18", paramLabel = "VERSION",
            description = "The charter's version: the Spec's release date (default: ${DEFAULT-VALUE}).")
    String release;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String text = CharterFiles.read(file);
        ModelSpecImporter.Result r = ModelSpecImporter.importSpec(text, file.toString(), release);
        String out = output.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? CanonicalForm.toJson(r.charter()) : CanonicalForm.toYaml(r.charter());
        Files.writeString(output, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%s: %d clauses from %d tagged headings (%d headings without an authority only group or explain: not clauses)%n",
                file, r.charter().clauses().size(), r.taggedHeadings(), r.groupingHeadings());
        for (Map.Entry<String, Integer> e : r.clausesPerAuthority().entrySet()) {
            w.printf("  %-10s %3d clauses (%s, override %s)%n", e.getKey(), e.getValue(), ModelSpecImporter.kindOf(e.getKey()).wireName(),
                    ModelSpecImporter.overrideOf(e.getKey()).wireName());
        }
        w.printf("examples: %d comparison blocks with %d GOOD, %d BAD and %d OK answers%n", r.examples(), r.good(), r.bad(), r.ok());
        w.printf("wrote %s (%s)%n", output, CanonicalForm.hash(r.charter()));
        w.println("Source: OpenAI Model Spec " + release + ", dedicated to the public domain (CC0 1.0).");
        w.flush();
        return 0;
    }
}
