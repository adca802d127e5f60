package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.PreferencePairs;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter export ...}: a charter's content in forms other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a charter's content for other tools.",
        subcommands = {ExportCommand.Dpo.class})
final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    /** {@code charter export dpo CHARTER}: preference pairs from the charter's examples, as JSON lines. */
    @Command(name = "dpo", mixinStandardHelpOptions = true,
            description = {"Write the charter's worked examples as preference pairs for DPO-style tuning, one JSON object per",
                    "line in the form Hugging Face TRL reads: {\"prompt\", \"chosen\", \"rejected\"} plus \"clause_ids\",",
                    "\"authority\", \"charter_id\", \"charter_version\", \"charter_hash\" and \"example\". Every good response",
                    "of an example is preferred to every bad one. --format conversational writes the prompt as",
                    "[{\"role\", \"content\"}, ...] read from the example's role tags, and chosen / rejected as one assistant",
                    "message each. A child charter is exported in its effective form (its parents' examples included).",
                    "Prints how many examples gave pairs and how many did not, and why."})
    static final class Dpo implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (YAML or JSON).")
        Path file;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the JSON lines here (default: standard output).")
        Path output;

        @Option(names = "--format", defaultValue = "standard", paramLabel = "F", description = "standard or conversational (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--include-ok", description = "Also prefer responses marked ok to the bad ones.")
        boolean includeOk;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("standard") && !f.equals("conversational")) throw new UsageException("--format must be standard or conversational, got " + format);
            CharterResolver.Resolved r;
            try {
                r = CharterFiles.load(file);
            } catch (InvalidCharterException e) {
                return CharterFiles.report(e, spec.commandLine().getErr());
            }
            PreferencePairs.Export export = PreferencePairs.of(r.effective(), includeOk);
            ObjectMapper mapper = new ObjectMapper();
            StringWriter lines = new StringWriter();
            for (PreferencePairs.Pair p : export.pairs()) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (f.equals("standard")) {
                    row.put("prompt", p.prompt());
                    row.put("chosen", p.chosen());
                    row.put("rejected", p.rejected());
                } else {
                    List<Map<String, String>> messages = new ArrayList<>();
                    for (PreferencePairs.Message m : p.messages()) messages.add(Map.of("role", m.role(), "content", m.content()));
                    row.put("prompt", messages);
                    row.put("chosen", List.of(Map.of("role", "assistant", "content", p.chosen())));
                    row.put("rejected", List.of(Map.of("role", "assistant", "content", p.rejected())));
                }
                row.put("clause_ids", p.clauseIds());
                row.put("authority", p.authority());
                row.put("charter_id", p.charterId());
                row.put("charter_version", p.charterVersion());
                row.put("charter_hash", p.charterHash());
                row.put("example", p.example());
                lines.append(mapper.writeValueAsString(row)).append('\n');
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter summaryTo = output == null ? spec.commandLine().getErr() : out;
            if (output == null) {
                out.print(lines);
            } else {
                Files.writeString(output, lines.toString(), StandardCharsets.UTF_8);
            }
            int used = export.examples() - export.withoutPrompt() - export.withoutBothSides();
            summaryTo.printf(Locale.ROOT, "%d pairs from %d of %d examples (%s %s); %d examples without a prompt, %d without both a %s and a bad response%s%s%n",
                    export.pairs().size(), used, export.examples(), r.effective().id(), r.effective().version(), export.withoutPrompt(),
                    export.withoutBothSides(), includeOk ? "good/ok" : "good",
                    export.okResponsesLeftOut() > 0 ? "; " + export.okResponsesLeftOut() + " responses marked ok left out (--include-ok uses them)" : "",
                    output == null ? "" : "; wrote " + output);
            out.flush();
            summaryTo.flush();
            return 0;
        }
    }
}
