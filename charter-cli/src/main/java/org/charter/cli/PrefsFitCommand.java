package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.preference.LuceFitter;
import org.charter.core.preference.PreferenceJson;
import org.charter.core.preference.StrengthFit;
import org.charter.core.preference.TieModels;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter prefs fit FILE}: strengths of Bradley-Terry, Plackett-Luce or top-1 choice models. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit item strengths to comparisons (Bradley-Terry), rankings (Plackett-Luce) or choices from",
                "menus (multinomial logit). FILE is JSON: {\"items\": N or [\"name\", ...], then one of",
                "\"comparisons\": [[winner, loser], ...] (optional \"ties\": [[a, b], ...]),",
                "\"rankings\": [[best, ..., worst], ...] or \"choices\": [[chosen, [other, ...]], ...]};",
                "items by index or name; objects such as {\"winner\": w, \"loser\": l, \"count\": 3} also work.",
                "Strengths are mean-centred log-strengths; the objective is alpha * sum(theta^2) minus the",
                "log-likelihood (choix's convention). When the maximum-likelihood estimate does not exist (an item",
                "never wins, a group never beats another) alpha = 0.01 is used and the output says so."})
final class PrefsFitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The preference data (JSON).")
    Path file;

    @Option(names = "--model", paramLabel = "M", description = "bt, pl or top1; must match the file's data (default: from the file).")
    String model;

    @Option(names = "--alpha", defaultValue = "0", paramLabel = "A", description = "L2 penalty (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--algorithm", defaultValue = "mm", paramLabel = "ALG",
            description = "mm (Hunter 2004), ilsr (Maystre & Grossglauser 2015; alpha must be 0) or newton (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--ties", paramLabel = "T", description = "Model the file's ties: rao-kupper or davidson (fitted by Newton).")
    String ties;

    @Option(names = "--tol", defaultValue = "1e-8", paramLabel = "T", description = "Stop when no strength moves by more than this (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iter", defaultValue = "100000", paramLabel = "N", description = "At most this many iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B", description = "Percentile intervals from B bootstrap replicates (default: none).")
    int bootstrap;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "L", description = "Interval level (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print {\"model\",\"strengths\",\"stderr\",\"logLikelihood\",\"iterations\",...} as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LuceFitter.Options options;
        try {
            options = LuceFitter.Options.defaults().with(LuceFitter.Algorithm.parse(algorithm)).withAlpha(alpha).withTolerance(tolerance)
                    .withMaxIterations(maxIterations);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (bootstrap == 1 || bootstrap < 0) throw new UsageException("--bootstrap needs at least 2 replicates");
        String name = file.toString();
        PreferenceJson.Input input = PreferenceJson.read(WelfareCommand.readUtf8(file), name);
        if (model != null) {
            String wanted;
            try {
                wanted = PreferenceJson.model(model);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--model: " + e.getMessage());
            }
            if (!wanted.equals(input.model())) {
                throw new UsageException("--model " + wanted + " needs \"" + field(wanted) + "\" but " + name + " holds \"" + field(input.model()) + "\"");
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        PrintWriter out = spec.commandLine().getOut();
        if (input.tiesA().length > 0 || ties != null) {
            if (ties == null) throw new UsageException(name + " has " + input.tiesA().length + " ties: choose --ties rao-kupper or --ties davidson");
            if (!input.model().equals("bt")) throw new UsageException("--ties goes with pairwise comparisons");
            return fitTies(input, name, doc, out);
        }
        StrengthFit fit;
        try {
            fit = LuceFitter.fit(input.model(), input.items(), input.choices(), options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LuceFitter.BootstrapIntervals intervals = bootstrap >= 2 ? LuceFitter.bootstrap(fit, input.choices(), options, bootstrap, level, seed) : null;
        if (json) {
            doc.put("model", fit.model());
            doc.put("algorithm", fit.algorithm());
            doc.put("items", fit.items());
            doc.put("strengths", fit.strengths());
            doc.put("stderr", fit.stderr());
            doc.put("logLikelihood", fit.logLikelihood());
            doc.put("objective", fit.objective());
            doc.put("alpha", fit.alpha());
            doc.put("iterations", fit.iterations());
            doc.put("converged", fit.converged());
            doc.put("passes", fit.passes());
            doc.put("gradientNorm", fit.gradientNorm());
            doc.put("observations", input.choices().observations());
            if (intervals != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("level", intervals.level());
                b.put("replicates", intervals.replicates());
                b.put("seed", intervals.seed());
                b.put("lower", intervals.lower());
                b.put("upper", intervals.upper());
                b.put("penalisedReplicates", intervals.penalisedReplicates());
                doc.put("bootstrap", b);
            }
            doc.put("notes", fit.notes());
            out.println(new ObjectMapper().writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "%s by %s: %d items, %d observations (%d choices), log-likelihood %.6f, %d iterations%s, largest gradient %.2e%s%n",
                    title(fit.model()), fit.algorithm(), fit.items().size(), input.choices().observations(), input.choices().size(), fit.logLikelihood(),
                    fit.iterations(), fit.converged() ? "" : " (not converged)", fit.gradientNorm(), fit.alpha() > 0 ? ", alpha " + fit.alpha() : "");
            int width = Math.max(4, fit.items().stream().mapToInt(String::length).max().orElse(4));
            out.printf(Locale.ROOT, "  %-" + width + "s  %10s  %8s%s%n", "item", "strength", "stderr",
                    intervals == null ? "" : String.format(Locale.ROOT, "  %s", (int) Math.round(level * 100) + "% bootstrap interval"));
            double[] se = fit.stderr();
            for (int i : fit.ranking()) {
                String interval = intervals == null ? "" : String.format(Locale.ROOT, "  [%.4f, %.4f]", intervals.lower()[i], intervals.upper()[i]);
                out.printf(Locale.ROOT, "  %-" + width + "s  %10.6f  %8s%s%n", fit.items().get(i), fit.strength(i),
                        se == null ? "-" : String.format(Locale.ROOT, "%.4f", se[i]), interval);
            }
            for (String note : fit.notes()) out.println("note: " + note);
            if (intervals != null && intervals.penalisedReplicates() > 0) {
                out.println("note: " + intervals.penalisedReplicates() + " of " + intervals.replicates()
                        + " bootstrap replicates had no maximum-likelihood estimate and were fitted with alpha " + LuceFitter.AUTOMATIC_ALPHA + ".");
            }
        }
        out.flush();
        return 0;
    }

    private int fitTies(PreferenceJson.Input input, String name, Map<String, Object> doc, PrintWriter out) throws IOException {
        TieModels.Kind kind;
        try {
            kind = TieModels.Kind.parse(ties);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ties: " + e.getMessage());
        }
        if (bootstrap > 0) throw new UsageException("--bootstrap is not offered with --ties (standard errors are printed)");
        var data = input.choices();
        List<Integer> w = new ArrayList<>(), l = new ArrayList<>();
        for (int c = 0; c < data.size(); c++) {
            for (long k = 0; k < Math.round(data.weight(c)); k++) {
                w.add(data.chosen(c));
                l.add(data.other(c, 0));
            }
        }
        TieModels.TieFit fit;
        try {
            fit = TieModels.fit(kind, input.items(), w.stream().mapToInt(Integer::intValue).toArray(), l.stream().mapToInt(Integer::intValue).toArray(),
                    input.tiesA(), input.tiesB(), alpha, tolerance, Math.min(maxIterations, 1000));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
        if (json) {
            doc.put("model", "bt");
            doc.put("ties", kind.id());
            doc.put("algorithm", "newton");
            doc.put("items", fit.items());
            doc.put("strengths", fit.strengths());
            doc.put("stderr", fit.stderr());
            doc.put(kind.parameter(), fit.tieParameter());
            doc.put(kind.parameter() + "Stderr", Double.isNaN(fit.tieStderr()) ? null : fit.tieStderr());
            doc.put("logLikelihood", fit.logLikelihood());
            doc.put("alpha", fit.alpha());
            doc.put("iterations", fit.iterations());
            doc.put("converged", fit.converged());
            doc.put("notes", fit.notes());
            out.println(new ObjectMapper().writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "Bradley-Terry with ties (%s) by newton: %d items, %d wins, %d ties, log-likelihood %.6f, %d iterations%s; %s = %.6f%s%n",
                    kind.id(), fit.items().size(), w.size(), input.tiesA().length, fit.logLikelihood(), fit.iterations(),
                    fit.converged() ? "" : " (not converged)", kind.parameter(), fit.tieParameter(),
                    Double.isNaN(fit.tieStderr()) ? "" : String.format(Locale.ROOT, " (stderr %.4f)", fit.tieStderr()));
            double[] s = fit.strengths(), se = fit.stderr();
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < s.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
            int width = Math.max(4, fit.items().stream().mapToInt(String::length).max().orElse(4));
            out.printf(Locale.ROOT, "  %-" + width + "s  %10s  %8s%n", "item", "strength", "stderr");
            for (int i : order) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %10.6f  %8s%n", fit.items().get(i), s[i], se == null ? "-" : String.format(Locale.ROOT, "%.4f", se[i]));
            }
            for (String note : fit.notes()) out.println("note: " + note);
        }
        out.flush();
        return 0;
    }

    static String field(String model) {
        return switch (model) {
            case "bt" -> "comparisons";
            case "pl" -> "rankings";
            default -> "choices";
        };
    }

    static String title(String model) {
        return switch (model) {
            case "bt" -> "Bradley-Terry";
            case "pl" -> "Plackett-Luce";
            default -> "Multinomial logit (top-1 choices)";
        };
    }
}
