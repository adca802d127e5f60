package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.charter.core.preference.GroupRewards;
import org.charter.core.preference.LuceFitter;
import org.charter.core.preference.MixtureModel;
import org.charter.core.preference.PreferenceJson;
import org.charter.core.preference.StrengthFit;
import org.charter.core.welfare.WelfareFunction;
import org.charter.core.welfare.WelfareFunctions;
import org.charter.core.welfare.WelfareResult;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter prefs groups FILE --candidates a,b,c}: one model per group, a choice by a welfare function. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = {"Fit one preference model per group and choose among candidates by a social welfare function over",
                "the groups, rather than by one model of everyone. Groups come from each comparison's \"group\", from the",
                "file's \"groups\" object (annotator -> group), or with --latent K from a mixture fitted by EM.",
                "A group's utility for a candidate is its probability of choosing that candidate from the candidates",
                "(the distributional view, printed for every group); each group weighs its number of annotators",
                "(or of observations when the data name no annotators). The pooled model's choice is shown beside."})
final class PrefsGroupsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Preference data (JSON) with groups or annotators.")
    Path file;

    @Option(names = "--candidates", required = true, split = ",", paramLabel = "ITEM", description = "The candidates to choose among (names or indices).")
    List<String> candidates;

    @Option(names = "--swf", defaultValue = "egalitarian", paramLabel = "F",
            description = "Welfare function (repeatable): utilitarian, nash, egalitarian, leximin, atkinson:EPS (default: ${DEFAULT-VALUE}).")
    List<String> swfs;

    @Option(names = "--latent", paramLabel = "K", description = "Use K latent groups found by EM instead of the file's groups.")
    Integer latent;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the mixture with --latent (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--alpha", defaultValue = "0", paramLabel = "A", description = "L2 penalty of each group's model (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print the groups' probabilities and every welfare result as JSON.")
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
        PreferenceJson.Input input = PreferenceJson.read(WelfareCommand.readUtf8(file), name);
        if (input.tiesA().length > 0) throw new UsageException(name + ": group models take wins only; the file has ties");
        int[] cands = new int[candidates.size()];
        for (int i = 0; i < cands.length; i++) {
            String c = candidates.get(i).trim();
            int idx = input.items().indexOf(c);
            if (idx < 0 && c.matches("\\d+") && Integer.parseInt(c) < input.items().size()) idx = Integer.parseInt(c);
            if (idx < 0) throw new UsageException("--candidates: unknown item \"" + c + "\"");
            cands[i] = idx;
        }
        if (new HashSet<>(candidates).size() != candidates.size()) throw new UsageException("--candidates: an item is listed twice");
        LuceFitter.Options options = LuceFitter.Options.defaults().withAlpha(alpha).withStandardErrors(false);
        GroupRewards.Fitted fitted;
        String source;
        try {
            if (latent != null) {
                var annotated = PrefsMixtureCommand.annotated(input, name);
                var mixture = MixtureModel.fit(annotated, input.items(), latent, MixtureModel.Options.defaults(seed));
                Map<String, StrengthFit> groups = new LinkedHashMap<>();
                Map<String, Long> sizes = new LinkedHashMap<>();
                var assignment = mixture.assignment();
                for (int k = 0; k < mixture.k(); k++) {
                    int group = k;
                    long members = assignment.values().stream().filter(v -> v == group).count();
                    if (members == 0) continue; // a component no annotator is most likely in has no one to speak for
                    groups.put("latent-" + k, new StrengthFit("bt", "em", input.items(), mixture.strengths()[k], null, Double.NaN, Double.NaN,
                            0.01, mixture.iterations(), true, 0, 0, List.of()));
                    sizes.put("latent-" + k, members);
                }
                fitted = new GroupRewards.Fitted(input.items(), groups, sizes, LuceFitter.fit(input.model(), input.items(), input.choices(), options));
                source = "latent groups from a mixture of " + latent + " (seed " + seed + "), sized by annotators most likely in each";
            } else {
                if (!input.grouped()) {
                    throw new UsageException(name + ": every comparison needs a \"group\" (or an annotator listed in \"groups\"); or use --latent K");
                }
                Map<String, Integer> index = new LinkedHashMap<>();
                int[] group = new int[input.group().length];
                for (int c = 0; c < group.length; c++) group[c] = index.computeIfAbsent(input.group()[c], g -> index.size());
                List<Long> sizes = new ArrayList<>();
                boolean byAnnotator = input.annotated();
                for (String g : index.keySet()) {
                    Set<String> members = new HashSet<>();
                    Set<Integer> observations = new HashSet<>();
                    for (int c = 0; c < group.length; c++) {
                        if (!input.group()[c].equals(g)) continue;
                        if (byAnnotator) members.add(input.annotator()[c]); else observations.add(input.choices().observation(c));
                    }
                    sizes.add((long) (byAnnotator ? members.size() : observations.size()));
                }
                fitted = GroupRewards.fit(input.items(), input.choices(), group, new ArrayList<>(index.keySet()), sizes, options);
                source = "groups from the file, sized by " + (byAnnotator ? "distinct annotators" : "observations");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
        List<GroupRewards.Decision> decisions = new ArrayList<>();
        for (WelfareFunction f : functions) decisions.add(fitted.choose(cands, f));
        PrintWriter out = spec.commandLine().getOut();
        GroupRewards.Decision first = decisions.get(0);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("candidates", first.candidates());
            doc.put("groups", source);
            doc.put("sizes", fitted.sizes());
            doc.put("distribution", first.distribution());
            doc.put("pooled", first.pooled());
            doc.put("pooledChoice", first.pooledChoice());
            doc.put("notes", fitted.groups().entrySet().stream().flatMap(e -> e.getValue().notes().stream().map(n -> e.getKey() + ": " + n)).toList());
            List<WelfareResult> results = new ArrayList<>();
            for (var d : decisions) results.add(d.welfare());
            doc.put("results", results);
            out.println(new ObjectMapper().writeValueAsString(doc));
        } else {
            out.println("candidates: " + String.join(", ", first.candidates()) + " (" + source + ")");
            out.println("probability that each group picks each candidate:");
            int width = Math.max(6, fitted.groups().keySet().stream().mapToInt(String::length).max().orElse(6));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %6s", "group", "size"));
            for (String c : first.candidates()) header.append(String.format(Locale.ROOT, " %10s", c));
            out.println(header);
            first.distribution().forEach((g, p) -> {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %6d", g, fitted.sizes().get(g)));
                for (double v : p) row.append(String.format(Locale.ROOT, " %10.4f", v));
                out.println(row);
            });
            StringBuilder pooled = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %6s", "pooled", "all"));
            for (double v : first.pooled()) pooled.append(String.format(Locale.ROOT, " %10.4f", v));
            out.println(pooled);
            for (var d : decisions) {
                WelfareResult r = d.welfare();
                out.println(r.swf() + ": best " + String.join(", ", r.best()) + " (" + r.definition() + ")");
            }
            out.println("one model of everyone would pick: " + first.pooledChoice());
            fitted.groups().forEach((g, f) -> f.notes().forEach(n -> out.println("note (" + g + "): " + n)));
        }
        out.flush();
        return 0;
    }
}
