package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.polis.PolisJsonReader;
import org.charter.core.assembly.polis.PolisReader;
import org.charter.core.opinion.AdjustedRand;
import org.charter.core.opinion.OpinionEngine;
import org.charter.core.opinion.OpinionInput;
import org.charter.core.opinion.OpinionJson;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
import org.charter.core.opinion.PolisGroups;
import org.charter.server.OpinionService;
import org.charter.store.Database;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter opinion}: the opinion map of a Polis export or of a stored assembly. */
@Command(name = "opinion", mixinStandardHelpOptions = true,
        description = {"The opinion map: groups, what each stands for, consensus, division, stability.",
                "TARGET is a Polis export directory (comments.csv, votes.csv), a directory with Polis's votes.json and",
                "comments.json, or 'assembly ID' for a stored assembly (its map is saved, and the next run warm-starts)."})
final class OpinionCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "TARGET", description = "DIR, or: assembly ID")
    List<String> target;

    @Option(names = "--json", description = "Print the map as JSON.")
    boolean json;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the stability bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--groups", paramLabel = "K", description = "Use K groups instead of choosing k by silhouette.")
    Integer groups;

    @Option(names = "--groups-from", paramLabel = "FILE",
            description = "Take group membership from a Polis math-pca2.json or participants-votes.csv instead of clustering.")
    Path groupsFrom;

    @Option(names = "--compare", paramLabel = "FILE",
            description = "Also print the adjusted Rand index of our groups against those in a Polis math-pca2.json or participants-votes.csv.")
    Path compare;

    @Option(names = "--imputation", defaultValue = "column-mean",
            description = "How unseen statements are filled before PCA: column-mean (Polis) or nearest (OSCCAI). Default: ${DEFAULT-VALUE}.")
    String imputation;

    @Option(names = "--components", defaultValue = "2", description = "Principal components (default: ${DEFAULT-VALUE}, as Polis).")
    int components;

    @Option(names = "--bootstrap", defaultValue = "50", description = "Resamples for group stability, 0 to skip (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OpinionOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        OpinionMap map;
        AssemblySnapshot snapshot;
        if (target.get(0).equals("assembly")) {
            if (target.size() != 2) throw new UsageException("expected: charter opinion assembly ID");
            long id;
            try {
                id = Long.parseLong(target.get(1));
            } catch (NumberFormatException e) {
                throw new UsageException("the assembly id must be a number, not \"" + target.get(1) + "\"");
            }
            try (Database db = storeOptions.open()) {
                OpinionService.Computed computed = new OpinionService(db, Clock.systemUTC()).compute(id, options);
                map = computed.map();
                snapshot = computed.snapshot();
                if (!json && computed.warmStarted()) out.println("(warm-started from the map saved last time)");
            }
        } else {
            if (target.size() != 1) throw new UsageException("expected one directory, or: assembly ID");
            Path dir = Path.of(target.get(0));
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a directory");
            snapshot = PolisJsonReader.applies(dir) ? PolisJsonReader.read(dir).snapshot() : PolisReader.read(dir).snapshot();
            map = OpinionEngine.compute(OpinionInput.of(snapshot), options);
        }
        if (json) out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(OpinionJson.toJson(map)));
        else print(out, map, snapshot);
        if (compare != null) {
            Map<Integer, Integer> theirs = PolisGroups.read(compare);
            var ours = new HashMap<Integer, Integer>();
            map.groups().forEach(g -> g.members().forEach(pid -> ours.put(pid, g.id())));
            long both = ours.keySet().stream().filter(theirs::containsKey).count();
            (json ? spec.commandLine().getErr() : out).printf("adjusted Rand index against %s: %.3f (%d participants grouped by both; %d groups here, %d there)%n",
                    compare, AdjustedRand.index(ours, theirs), both, map.groups().size(), new java.util.TreeSet<>(theirs.values()).size());
        }
        return 0;
    }

    private OpinionOptions options() {
        if (components < 1 || components > 10) throw new UsageException("--components must be 1 to 10");
        OpinionOptions o = new OpinionOptions(components, null, null, OpinionOptions.Imputation.COLUMN_MEAN, seed, 50, null);
        if (bootstrap < 0) throw new UsageException("--bootstrap must not be negative");
        o = o.withBootstrap(bootstrap);
        if (groups != null) {
            if (groups < 1 || groups > 20) throw new UsageException("--groups must be 1 to 20");
            o = o.withGroups(groups);
        }
        o = switch (imputation.toLowerCase(Locale.ROOT)) {
            case "column-mean" -> o.withImputation(OpinionOptions.Imputation.COLUMN_MEAN);
            case "nearest" -> o.withImputation(OpinionOptions.Imputation.NEAREST);
            default -> throw new UsageException("--imputation must be column-mean or nearest, not " + imputation);
        };
        if (groupsFrom != null) o = o.withGivenGroups(PolisGroups.read(groupsFrom));
        return o;
    }

    private static void print(PrintWriter out, OpinionMap map, AssemblySnapshot snapshot) {
        Map<Integer, String> text = new HashMap<>();
        for (Statement s : snapshot.statements()) text.put(s.tid(), s.text().replaceAll("\\s+", " "));
        out.printf("%s%n%d participants, %d statements voted on, %d clustered (in-conv).%n", snapshot.topic(),
                map.participants(), map.comments(), map.inConv().size());
        var choice = map.groupChoice();
        out.printf("%nGroups: %d (%s)%n", choice.chosen(), choice.reason());
        choice.silhouetteByK().forEach((k, s) -> out.printf("  silhouette with %d groups: %.3f%n", k, s));
        if (map.stability() != null) {
            out.printf("  stability: mean adjusted Rand index %.3f over %d bootstrap resamples (seed %d)%n",
                    map.stability().meanAdjustedRand(), map.stability().resamples(), map.stability().seed());
        }
        for (OpinionMap.Group g : map.groups()) {
            var subs = map.subgroups().getOrDefault(g.id(), List.of());
            out.printf("%nGroup %d: %d participants%s. Stands for:%n", g.id(), g.members().size(), subs.isEmpty() ? ""
                    : " (subgroups of " + subs.stream().map(sg -> Integer.toString(sg.members().size())).collect(java.util.stream.Collectors.joining(", ")) + ")");
            for (OpinionMap.Repness r : map.repness().getOrDefault(g.id(), List.of())) {
                out.printf("  %-8s %3.0f%% of %d  [%d] %s%n", r.repfulFor(), 100 * (double) r.nSuccess() / Math.max(1, r.nTrials()),
                        r.nTrials(), r.tid(), shorten(text.get(r.tid())));
            }
        }
        out.printf("%nConsensus (agree):%n");
        for (OpinionMap.ConsensusStatement c : map.consensus().agree()) {
            out.printf("  %3.0f%% of %d  [%d] %s%n", 100 * (double) c.nSuccess() / Math.max(1, c.nTrials()), c.nTrials(), c.tid(), shorten(text.get(c.tid())));
        }
        out.printf("Consensus (disagree):%n");
        for (OpinionMap.ConsensusStatement c : map.consensus().disagree()) {
            out.printf("  %3.0f%% of %d  [%d] %s%n", 100 * (double) c.nSuccess() / Math.max(1, c.nTrials()), c.nTrials(), c.tid(), shorten(text.get(c.tid())));
        }
        if (!map.groupAwareConsensus().isEmpty()) {
            var ranked = map.groupAwareConsensus().entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()).toList();
            out.printf("%nShared across groups (group-aware consensus):%n");
            ranked.stream().limit(3).forEach(e -> out.printf("  %.3f  [%d] %s%n", e.getValue(), e.getKey(), shorten(text.get(e.getKey()))));
            out.printf("Most divisive:%n");
            ranked.stream().skip(Math.max(3, ranked.size() - 3)).forEach(e -> out.printf("  %.3f  [%d] %s%n", e.getValue(), e.getKey(), shorten(text.get(e.getKey()))));
        }
        if (!map.uncertain().isEmpty()) {
            out.printf("%nUncertain (many passes):%n");
            map.uncertain().stream().limit(3).forEach(u -> out.printf("  %3.0f%% passed of %d  [%d] %s%n", 100 * u.passRate(), u.seen(), u.tid(), shorten(text.get(u.tid()))));
        }
        out.printf("%nConstitution candidates (OSCCAI rule): %d%n", map.constitution().size());
        map.constitution().stream().limit(10).forEach(c -> out.printf("  %.3f >= %.3f  [%d] %s%n", c.score(), c.threshold(), c.tid(), shorten(text.get(c.tid()))));
    }

    private static String shorten(String s) {
        if (s == null) return "";
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
