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

import org.charter.core.preference.MixtureModel;
import org.charter.core.preference.PreferenceJson;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter prefs mixture FILE --k K --seed S}: latent groups of annotators by EM over Bradley-Terry models. */
@Command(name = "mixture", mixinStandardHelpOptions = true,
        description = {"Find latent groups of annotators: a mixture of Bradley-Terry (or Plackett-Luce) models fitted by EM,",
                "each annotator belonging to one unknown group (as in MaxMin-RLHF). Every comparison, ranking or choice",
                "in FILE must name its annotator: {\"winner\": w, \"loser\": l, \"annotator\": \"p1\"}.",
                "Prints each group's weight and strengths and each annotator's posterior membership. With --max-k the",
                "number of groups is chosen by held-out likelihood (a share of every annotator's data held out)."})
final class PrefsMixtureCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Annotated preference data (JSON).")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Count count;

    static final class Count {
        @Option(names = "--k", paramLabel = "K", description = "Exactly K groups.")
        Integer k;

        @Option(names = "--max-k", paramLabel = "M", description = "Choose the number of groups in 1..M by held-out likelihood.")
        Integer maxK;
    }

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of the starts and the held-out split.")
    long seed;

    @Option(names = "--held-out", defaultValue = "0.2", paramLabel = "F", description = "Share of each annotator's data held out with --max-k (default: ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--restarts", defaultValue = "5", paramLabel = "R", description = "Seeded starts; the best likelihood wins (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "A", description = "L2 penalty of each group's model (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print the mixture as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = file.toString();
        PreferenceJson.Input input = PreferenceJson.read(WelfareCommand.readUtf8(file), name);
        MixtureModel.Annotated annotated = annotated(input, name);
        MixtureModel.Options options;
        try {
            options = new MixtureModel.Options(alpha, restarts, 500, 1e-7, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MixtureModel.Fit fit;
        List<MixtureModel.Selection> selection = List.of();
        try {
            if (count.k != null) {
                fit = MixtureModel.fit(annotated, input.items(), count.k, options);
            } else {
                var chosen = MixtureModel.choose(annotated, input.items(), count.maxK, heldOut, options);
                fit = chosen.fit();
                selection = chosen.selection();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", input.model());
            doc.put("k", fit.k());
            doc.put("seed", seed);
            doc.put("items", fit.items());
            doc.put("weights", fit.weights());
            doc.put("strengths", fit.strengths());
            doc.put("logLikelihood", fit.logLikelihood());
            doc.put("iterations", fit.iterations());
            doc.put("posterior", fit.posterior());
            doc.put("assignment", fit.assignment());
            if (!selection.isEmpty()) doc.put("selection", selection);
            out.println(new ObjectMapper().writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "%d group(s) of %d annotators, log-likelihood %.4f, %d EM iterations, seed %d%n", fit.k(),
                    annotated.annotators().size(), fit.logLikelihood(), fit.iterations(), seed);
            for (var row : selection) {
                out.printf(Locale.ROOT, "  k = %d: held-out log-likelihood %.4f over %d choices%s%n", row.k(), row.heldOutLogLikelihood(),
                        row.heldOutChoices(), row.k() == fit.k() ? "  <- chosen" : "");
            }
            var assignment = fit.assignment();
            for (int c = 0; c < fit.k(); c++) {
                int group = c;
                long members = assignment.values().stream().filter(v -> v == group).count();
                out.printf(Locale.ROOT, "group %d: weight %.3f, %d annotators most likely in it%n", c, fit.weights()[c], members);
                double[] s = fit.strengths()[c];
                Integer[] order = new Integer[s.length];
                for (int i = 0; i < s.length; i++) order[i] = i;
                java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
                List<String> ranked = new ArrayList<>();
                for (int i : order) ranked.add(String.format(Locale.ROOT, "%s %.3f", fit.items().get(i), s[i]));
                out.println("  " + String.join(", ", ranked));
            }
            out.println("annotators (posterior of each group):");
            fit.posterior().forEach((a, p) -> {
                List<String> ps = new ArrayList<>();
                for (double v : p) ps.add(String.format(Locale.ROOT, "%.3f", v));
                out.println("  " + a + ": group " + assignment.get(a) + " [" + String.join(", ", ps) + "]");
            });
        }
        out.flush();
        return 0;
    }

    /** The file's choices with their annotators; every choice must name one. */
    static MixtureModel.Annotated annotated(PreferenceJson.Input input, String name) {
        if (input.tiesA().length > 0) throw new UsageException(name + ": mixtures take wins only; the file has ties");
        if (!input.annotated()) throw new UsageException(name + ": every comparison must name its \"annotator\" for a mixture");
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] who = new int[input.annotator().length];
        for (int c = 0; c < who.length; c++) who[c] = index.computeIfAbsent(input.annotator()[c], a -> index.size());
        return new MixtureModel.Annotated(input.choices(), who, new ArrayList<>(index.keySet()));
    }
}
