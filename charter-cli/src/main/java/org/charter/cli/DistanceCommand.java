package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Example;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.uncertainty.DecisionRule;
import org.charter.core.uncertainty.Distances;
import org.charter.llm.EmbedderEncoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter distance A B}: how much a change of the charter shifts verdicts and decisions on the same prompts. */
@Command(name = "distance", mixinStandardHelpOptions = true,
        description = {"How much two charter versions differ in behaviour on the same prompts: every example prompt of either",
                "version, with all its example responses as candidates, is judged (embedding judge, every clause of each",
                "version) and decided (`charter decide`'s rule, conformal lambda from each version's own examples) under",
                "both; prints the distributions of verdicts (per candidate and clause: violates above P 1/2, complies below, no",
                "evidence at 1/2) and of decisions (per prompt) under",
                "each version, their total variation and Jensen-Shannon divergence (bits), and the prompts whose decision",
                "changed."})
final class DistanceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "One charter version.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Another version.")
    Path b;

    @Option(names = "--alpha", defaultValue = "0.1", paramLabel = "A", description = "Risk level of the decisions (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    record Item(String prompt, List<String> candidates) { }

    @Override
    public Integer call() throws IOException {
        if (!(alpha > 0 && alpha < 1)) throw new UsageException("--alpha must be in (0, 1)");
        Charter ca, cb;
        try {
            ca = CharterFiles.load(a).effective();
            cb = CharterFiles.load(b).effective();
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Map<String, Item> items = new LinkedHashMap<>();
        for (Charter c : List.of(ca, cb)) {
            for (Clause clause : c.clauses()) {
                for (Example e : clause.examples()) {
                    if (e.prompt().isEmpty()) continue;
                    List<String> cands = new ArrayList<>();
                    for (var r : e.good()) cands.add(r.text());
                    for (var r : e.ok()) cands.add(r.text());
                    for (var r : e.bad()) cands.add(r.text());
                    items.putIfAbsent(e.prompt().get() + "\u0000" + cands, new Item(e.prompt().get(), cands));
                }
            }
        }
        if (items.isEmpty()) throw new UsageException("neither charter has an example with a prompt to compare on");
        var encoder = new EmbedderEncoder(RequestOptions.embedder());
        Map<String, Integer> verdictsA = new TreeMap<>(), verdictsB = new TreeMap<>(), decisionsA = new TreeMap<>(), decisionsB = new TreeMap<>();
        List<String> changed = new ArrayList<>();
        EmbeddingJudge ja = EmbeddingJudge.of(ca, encoder), jb = EmbeddingJudge.of(cb, encoder);
        var ta = DecideCommand.thresholds(ca, ja, "embedding", alpha, 0.8, 0.5);
        var tb = DecideCommand.thresholds(cb, jb, "embedding", alpha, 0.8, 0.5);
        for (Item item : items.values()) {
            String da = decide(ca, ja, ta, item, verdictsA), db = decide(cb, jb, tb, item, verdictsB);
            decisionsA.merge(da, 1, Integer::sum);
            decisionsB.merge(db, 1, Integer::sum);
            if (!da.equals(db)) {
                String first = item.prompt().lines().filter(l -> !l.isBlank() && !l.startsWith("<")).findFirst().orElse(item.prompt().lines().findFirst().orElse(""));
                changed.add(da + " -> " + db + ": " + (first.length() > 70 ? first.substring(0, 67) + "..." : first));
            }
        }
        double tvVerdicts = Distances.totalVariation(verdictsA, verdictsB), jsVerdicts = Distances.jensenShannon(verdictsA, verdictsB);
        double tvDecisions = Distances.totalVariation(decisionsA, decisionsB), jsDecisions = Distances.jensenShannon(decisionsA, decisionsB);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("a", Map.of("charter", ca.id(), "version", ca.version()));
            doc.put("b", Map.of("charter", cb.id(), "version", cb.version()));
            doc.put("prompts", items.size());
            doc.put("verdicts", Map.of("a", verdictsA, "b", verdictsB, "totalVariation", tvVerdicts, "jensenShannon", jsVerdicts));
            doc.put("decisions", Map.of("a", decisionsA, "b", decisionsB, "totalVariation", tvDecisions, "jensenShannon", jsDecisions));
            doc.put("changed", changed);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "%s %s vs %s %s on %d prompts (their example prompts, example responses as candidates)%n", ca.id(), ca.version(),
                    cb.id(), cb.version(), items.size());
            out.printf(Locale.ROOT, "verdicts:  %s vs %s; total variation %.4f, Jensen-Shannon %.4f bits%n", verdictsA, verdictsB, tvVerdicts, jsVerdicts);
            out.printf(Locale.ROOT, "decisions: %s vs %s; total variation %.4f, Jensen-Shannon %.4f bits%n", decisionsA, decisionsB, tvDecisions, jsDecisions);
            out.println(changed.size() + " prompt(s) decided differently" + (changed.isEmpty() ? "" : ":"));
            for (String c : changed.subList(0, Math.min(20, changed.size()))) out.println("  " + c);
        }
        out.flush();
        return 0;
    }

    private static String decide(Charter charter, EmbeddingJudge judge, DecisionRule.Thresholds t, Item item, Map<String, Integer> verdicts) {
        List<Clause> clauses = charter.clauses();
        var judged = DecideCommand.judgeCandidates(charter, clauses, item.prompt(), item.candidates(), judge);
        for (var cand : judged) {
            for (var r : cand.risks()) {
                verdicts.merge(r.violation() > 0.5 ? "violates" : r.violation() < 0.5 ? "complies" : "no evidence", 1, Integer::sum);
            }
        }
        var situation = new DecisionRule.Situation(clauses.isEmpty(), clauses.isEmpty() ? "the charter has no clause" : null, List.of(), false,
                charter.policyOrDefault(), charter.version());
        return DecisionRule.decide(judged, situation, t).action().wireName();
    }
}
