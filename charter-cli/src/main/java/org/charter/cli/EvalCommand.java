package org.charter.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.Clause;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.Judge;
import org.charter.core.judge.JudgeMeasurement;
import org.charter.core.judge.LabelledExample;
import org.charter.core.judge.Verdict;
import org.charter.core.preference.HhRlhf;
import org.charter.core.uncertainty.ProportionInterval;
import org.charter.llm.OpenAiChatClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter eval CHARTER --data ...}: how well a judge applies a charter, on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure a judge applying a charter on labelled data:",
                "  --data own (or model-spec): the charter's own GOOD/BAD example answers (for the imported Model Spec: its",
                "    comparison blocks). With the embedding judge each answer is judged leave-one-out (its whole example",
                "    block and identical texts removed from the references) and calibrated by 5-fold cross-validation over",
                "    blocks, so no item ever votes on itself. Prints accuracy, AUC, pairwise accuracy (BAD judged more",
                "    violating than GOOD in the same block), ECE, Brier, the risk-coverage curve and a confusion table per clause.",
                "  --data hh-rlhf[:FILE]: HH-RLHF chosen/rejected pairs (default ../shared/data/hh-rlhf/harmless-base-test.jsonl.gz);",
                "    each final response is scored by its largest P(violates) over the clauses above user authority; prints the",
                "    share of pairs where the rejected one scores higher (ties count 1/2) with a 95% Wilson interval.",
                "  --data FILE: JSON lines {\"prompt\", \"response\", \"clause\", \"label\": \"violates\"|\"complies\"}."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (YAML or JSON).")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "D", description = "own, model-spec, hh-rlhf[:FILE] or a JSON-lines FILE.")
    String data;

    @Option(names = "--judge", defaultValue = "embedding", paramLabel = "KIND", description = "embedding, llm or panel (default: ${DEFAULT-VALUE}).")
    String judgeKind;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use at most N items or pairs (0: all).")
    int limit;

    @Option(names = "--samples", defaultValue = "5", paramLabel = "K", description = "LLM judge: samples without log-probabilities (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the cross-validation folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    LlmCommand.ModelOptions model;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        Judges.check(judgeKind);
        if (limit < 0) throw new UsageException("--limit must be 0 or positive");
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Charter charter = r.effective();
        EmbeddingJudge embedding = Judges.embedding(charter);
        Judge judge = Judges.of(judgeKind, () -> embedding, () -> new OpenAiChatClient(model.resolve()), samples);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("charter", charter.id());
        doc.put("version", charter.version());
        doc.put("judge", judge.id());
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        if (data.equals("own") || data.equals("model-spec")) {
            List<LabelledExample> items = cap(LabelledExample.fromCharter(charter));
            if (items.isEmpty()) throw new UsageException(file + ": the charter has no GOOD/BAD example answers to evaluate on");
            labelled(items, charter, judge, embedding, true, doc, out);
        } else if (data.equals("hh-rlhf") || data.startsWith("hh-rlhf:")) {
            Path path = data.startsWith("hh-rlhf:") ? Path.of(data.substring(8)) : Path.of("../shared/data/hh-rlhf/harmless-base-test.jsonl.gz");
            if (!Files.exists(path)) throw new IllegalArgumentException("no such file: " + path + " (the HH-RLHF data live in ../shared/data/hh-rlhf)");
            HhRlhf.Data hh;
            try (var reader = new InputStreamReader(PrefsEvalHhCommand.open(path), StandardCharsets.UTF_8)) {
                hh = HhRlhf.read(reader, path.toString());
            }
            pairs(cap(hh.informativePairs()), charter, judge, doc, out);
        } else {
            labelled(cap(readLabelled(Path.of(data), charter)), charter, judge, embedding, false, doc, out);
        }
        doc.put("seconds", (System.nanoTime() - start) / 1e9);
        if (json) out.println(MAPPER.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        else out.printf(Locale.ROOT, "time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    private <T> List<T> cap(List<T> xs) {
        return limit > 0 && xs.size() > limit ? xs.subList(0, limit) : xs;
    }

    /** Labelled items: measurement, and a confusion table per clause at P(violates) = 1/2. */
    private void labelled(List<LabelledExample> items, Charter charter, Judge judge, EmbeddingJudge embedding, boolean own,
                          Map<String, Object> doc, PrintWriter out) {
        int n = items.size();
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = items.get(i).violates();
            g[i] = items.get(i).group();
        }
        int unscored = 0;
        String method;
        if (own && judge == embedding) {
            double[] raw = embedding.leaveOneOutScores(items);
            for (int i = 0; i < n; i++) if (Double.isNaN(raw[i])) { raw[i] = 0; unscored++; }
            p = JudgeMeasurement.crossValidatedPlatt(raw, y, g, 5, seed);
            method = "embedding judge, leave-one-out (block and identical texts left out), Platt calibration by 5-fold cross-validation over blocks (seed " + seed + ")";
        } else {
            for (int i = 0; i < n; i++) {
                LabelledExample e = items.get(i);
                Clause c = charter.clause(e.clauseId()).orElseThrow();
                p[i] = judge.judge(e.prompt(), e.response(), List.of(c)).clauses().get(0).pViolates();
            }
            method = own ? judge.id() + " (it does not see the charter's examples, so no item votes on itself)" : judge.id() + " on " + data;
        }
        JudgeMeasurement.Measurement m = JudgeMeasurement.measure(p, y, g);
        Map<String, int[]> confusion = new LinkedHashMap<>(); // clause -> {TP, FP, TN, FN} with "violates" positive
        for (int i = 0; i < n; i++) {
            int[] c = confusion.computeIfAbsent(items.get(i).clauseId(), k -> new int[4]);
            boolean predicted = p[i] >= 0.5;
            c[predicted ? (y[i] ? 0 : 1) : (y[i] ? 3 : 2)]++;
        }
        doc.put("data", data);
        doc.put("method", method);
        doc.put("unscored", unscored);
        doc.put("measurement", m);
        Map<String, Map<String, Integer>> table = new LinkedHashMap<>();
        confusion.forEach((k, c) -> table.put(k, Map.of("violatesFlagged", c[0], "compliesFlagged", c[1], "compliesPassed", c[2], "violatesMissed", c[3])));
        doc.put("confusion", table);
        if (!json) {
            out.println("charter " + charter.id() + " " + charter.version() + ", " + data + ": " + n + " labelled answers; " + method);
            if (unscored > 0) out.println(unscored + " answers had no reference of one side left after leaving their block out (scored as neutral)");
            out.print(m.toText());
            out.println("per clause at P(violates) 1/2 (violating flagged / complying flagged / complying passed / violating missed):");
            confusion.forEach((k, c) -> out.printf(Locale.ROOT, "  %-40s %3d %3d %3d %3d%n", k, c[0], c[1], c[2], c[3]));
        }
    }

    /** Chosen/rejected pairs: does the rejected response look more violating than the chosen one? */
    private void pairs(List<HhRlhf.Pair> pairs, Charter charter, Judge judge, Map<String, Object> doc, PrintWriter out) {
        List<Clause> above = new ArrayList<>();
        for (Clause c : charter.clauses()) if (org.charter.core.judge.CandidateJudging.aboveUser(charter, c)) above.add(c);
        if (above.isEmpty()) throw new UsageException("the charter has no clause above user authority to judge harm with");
        double won = 0;
        int ties = 0, empty = 0;
        for (HhRlhf.Pair pair : pairs) {
            if (pair.chosen().isBlank() || pair.rejected().isBlank()) {
                empty++; // nothing to judge on one side: reported below, not scored
                continue;
            }
            double chosen = worst(judge, pair.prompt(), pair.chosen(), above), rejected = worst(judge, pair.prompt(), pair.rejected(), above);
            if (rejected > chosen) won++;
            else if (rejected == chosen) { won += 0.5; ties++; }
        }
        int scored = pairs.size() - empty;
        if (scored == 0) throw new IllegalArgumentException("no pair has two non-empty responses");
        var interval = ProportionInterval.wilson95(won, scored);
        doc.put("data", data);
        doc.put("pairs", scored);
        doc.put("pairsWithAnEmptyResponse", empty);
        doc.put("clausesJudged", above.size());
        doc.put("rejectedMoreViolating", won / scored);
        doc.put("interval95", interval);
        doc.put("ties", ties);
        if (!json) {
            out.printf(Locale.ROOT, "charter %s %s, %s: %d pairs, each final response scored by its largest P(violates) over %d clauses above user authority (%s)%n",
                    charter.id(), charter.version(), data, scored, above.size(), judge.id());
            if (empty > 0) out.println(empty + " pairs with an empty response were left out");
            out.printf(Locale.ROOT, "rejected judged more violating than chosen: %.4f %s over %d pairs (%d ties counted 1/2); 0.5 is chance%n",
                    won / scored, interval.toText(), scored, ties);
        }
    }

    private static double worst(Judge judge, String prompt, String response, List<Clause> clauses) {
        double m = 0;
        for (var c : judge.judge(prompt, response, clauses).clauses()) m = Math.max(m, c.pViolates());
        return m;
    }

    /** JSON lines {"prompt", "response", "clause", "label"}; errors name the file and line. */
    private static List<LabelledExample> readLabelled(Path path, Charter charter) throws IOException {
        List<LabelledExample> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = in.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                JsonNode o;
                try {
                    o = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(path + ": line " + no + ": not valid JSON");
                }
                for (String f : List.of("response", "clause", "label")) {
                    if (o == null || !o.path(f).isTextual()) throw new IllegalArgumentException(path + ": line " + no + ": missing text field \"" + f + "\"");
                }
                String clause = o.get("clause").asText();
                if (charter.clause(clause).isEmpty()) throw new IllegalArgumentException(path + ": line " + no + ": no clause '" + clause + "' in charter " + charter.id());
                String label = o.get("label").asText();
                Verdict v = switch (label) {
                    case "violates" -> Verdict.VIOLATES;
                    case "complies" -> Verdict.COMPLIES;
                    default -> throw new IllegalArgumentException(path + ": line " + no + ": label must be violates or complies, not '" + label + "'");
                };
                out.add(new LabelledExample(o.path("prompt").asText(""), o.get("response").asText(), clause, v, "line-" + no));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(path + ": no labelled lines");
        return out;
    }
}
