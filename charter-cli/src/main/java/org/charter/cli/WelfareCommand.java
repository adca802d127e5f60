package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.welfare.Pareto;
import org.charter.core.welfare.UtilityCsv;
import org.charter.core.welfare.UtilityProfile;
import org.charter.core.welfare.WelfareFunction;
import org.charter.core.welfare.WelfareFunctions;
import org.charter.core.welfare.WelfareResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter welfare FILE --swf F}: the best options of a utility table under a social welfare function. */
@Command(name = "welfare", mixinStandardHelpOptions = true,
        description = {"Rank options by social welfare over a CSV of utilities: a header line (option column, then one column per",
                "group), then one line per option: its name and each group's utility (3, -3/4, 0.25). An optional line",
                "'#weights,w1,w2,...' right after the header gives each group's weight (its size; default 1).",
                "Prints the best option(s) (all ties, sorted) and every option's welfare."})
final class WelfareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV of utilities (rows: options; columns: groups).")
    Path file;

    @Option(names = "--swf", required = true, paramLabel = "F",
            description = {"Welfare function (repeatable): utilitarian, nash, egalitarian (maximin), leximin, atkinson:EPS",
                    "(EPS >= 0: 0 the mean, 1 the geometric mean, inf the minimum)."})
    List<String> swfs;

    @Option(names = "--pareto", description = "Also print the Pareto frontier and which options are dominated by which.")
    boolean pareto;

    @Option(names = "--json", description = "Print one JSON object: {\"file\", \"results\": [...], \"pareto\": {...}}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<WelfareFunction> functions = new ArrayList<>();
        for (String s : swfs) {
            try {
                functions.add(WelfareFunctions.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--swf: " + e.getMessage());
            }
        }
        String name = file.toString();
        UtilityProfile profile = UtilityCsv.read(new StringReader(readUtf8(file)), name);
        List<WelfareResult> results = new ArrayList<>();
        for (WelfareFunction f : functions) {
            try {
                results.add(f.rank(profile));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        Pareto.Frontier frontier = pareto ? Pareto.frontier(profile) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", name);
            doc.put("options", profile.optionCount());
            doc.put("groups", profile.groups());
            doc.put("weights", profile.weights().stream().map(Object::toString).toList());
            doc.put("results", results);
            if (frontier != null) doc.put("pareto", frontier);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            for (int i = 0; i < results.size(); i++) {
                if (i > 0) out.println();
                out.print(results.get(i).toText());
            }
            if (frontier != null) {
                out.println();
                out.println("Pareto frontier (no option is at least as good for every group and better for one): "
                        + String.join(", ", frontier.efficient()));
                if (!frontier.weaklyEfficient().equals(frontier.efficient())) {
                    out.println("weakly efficient (no option is better for every group): " + String.join(", ", frontier.weaklyEfficient()));
                }
                for (Pareto.Dominated d : frontier.dominated()) {
                    Pareto.Domination w = d.witness();
                    out.printf("%s is %sdominated by %s (%s is better for %s%s)%n", d.option(), d.strictly() ? "strictly " : "",
                            String.join(", ", d.by()) + (d.dominatorCount() > d.by().size()
                                    ? " and " + (d.dominatorCount() - d.by().size()) + " more" : ""), w.a(), String.join(", ", w.aBetter()),
                            w.equal().isEmpty() ? "" : ", equal for " + String.join(", ", w.equal()));
                }
                out.println("(Pareto efficiency says nothing about fairness: an unfair status quo is usually on the frontier.)");
            }
        }
        out.flush();
        return 0;
    }

    /** The file as UTF-8 text; bytes that are not UTF-8 are an error naming the file. */
    static String readUtf8(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
    }
}
