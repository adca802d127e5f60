package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.choice.committee.AbcYaml;
import org.charter.core.choice.committee.ApprovalJson;
import org.charter.core.choice.committee.ApprovalProfile;
import org.charter.core.choice.committee.Committee;
import org.charter.core.choice.committee.CommitteeAxioms;
import org.charter.core.choice.committee.CommitteeResult;
import org.charter.core.choice.committee.CommitteeRule;
import org.charter.core.choice.committee.CommitteeRules;
import org.charter.core.choice.committee.PreflibCat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter committee FILE --rule R --size K}: approval-based committee elections. */
@Command(name = "committee", mixinStandardHelpOptions = true,
        description = {"Elect a committee of K candidates from approval ballots with one or more rules (as abcvoting defines them).",
                "FILE is abcvoting's .abc.yaml (its committeesize is the default for --size), a PrefLib .cat file (the first category is approved), or Charter's JSON approvals {\"candidates\": [...], \"approvals\": [[...], ...], \"weights\": [...]}.",
                "Irresolute by default: every tied winning committee, sorted.",
                "Exit 2 on usage errors, 1 on bad files or refusals."})
final class CommitteeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The profile: .abc.yaml, .cat or .json.")
    Path file;

    @Option(names = "--rule", paramLabel = "R", description = "A rule id (repeatable); see --list-rules.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--size", paramLabel = "K", description = "The committee size (default: the .abc.yaml file's committeesize).")
    Integer size;

    @Option(names = "--resolute", description = "One committee per rule, by the rule's stated tie-breaking.")
    boolean resolute;

    @Option(names = "--json", description = "Print one JSON object: {\"results\":[{\"rule\":...,\"committees\":[[names...]],\"explanation\":{...}}]}.")
    boolean json;

    @Option(names = "--axioms", description = "Also check JR, PJR, EJR and priceability of every returned committee.")
    boolean axioms;

    @Option(names = "--list-rules", description = "List every rule id with one line and its citation, and exit.")
    boolean listRules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (listRules) {
            for (CommitteeRule r : CommitteeRules.all()) {
                out.printf("%-27s %s [%s]%n", r.id(), r.description(), r.citation());
            }
            return 0;
        }
        if (file == null) throw new UsageException("committee: FILE is needed (or --list-rules)");
        if (rules.isEmpty()) throw new UsageException("committee: at least one --rule is needed (see 'charter committee --list-rules')");
        var chosen = new ArrayList<CommitteeRule>();
        for (String id : rules) {
            CommitteeRule r = CommitteeRules.find(id.toLowerCase(Locale.ROOT)).orElseThrow(() -> new UsageException(
                    "committee: unknown rule '" + id + "' (known: " + String.join(", ", CommitteeRules.all().stream().map(CommitteeRule::id).toList()) + ")"));
            if (!resolute && !r.supportsIrresolute()) {
                throw new UsageException("committee: rule '" + r.id() + "' is defined only as a resolute rule (as in abcvoting); add --resolute");
            }
            chosen.add(r);
        }
        if (size != null && size < 1) throw new UsageException("committee: --size must be a positive integer, is " + size);
        ApprovalProfile profile;
        Integer k = size;
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".cat") || lower.endsWith(".json"))) {
            throw new UsageException("committee: cannot tell the format of '" + name + "' (expected .abc.yaml, .cat or .json)");
        }
        try (Reader in = Files.newBufferedReader(file)) {
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                AbcYaml.Instance inst = AbcYaml.read(in, name);
                profile = inst.profile();
                if (k == null) k = inst.committeeSize();
            } else if (lower.endsWith(".cat")) {
                profile = PreflibCat.read(in, name);
            } else {
                profile = ApprovalJson.read(in, name);
            }
        }
        if (k == null) throw new UsageException("committee: --size is needed for " + name);
        if (k > profile.numCandidates()) {
            throw new UsageException("committee: --size " + k + " is larger than the number of candidates (" + profile.numCandidates() + ")");
        }
        var results = new ArrayList<Map<String, Object>>();
        for (CommitteeRule r : chosen) {
            CommitteeResult res = CommitteeRules.compute(r, profile, k, resolute);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("rule", r.id());
            entry.put("size", k);
            entry.put("resolute", resolute);
            var committees = new ArrayList<List<String>>();
            for (Committee w : res.committees()) committees.add(w.names(profile));
            entry.put("committees", committees);
            entry.put("explanation", res.explanation());
            if (axioms) {
                var checks = new ArrayList<Map<String, Object>>();
                for (Committee w : res.committees()) {
                    var c = new LinkedHashMap<String, Object>();
                    c.put("committee", w.names(profile));
                    c.put("axioms", CommitteeAxioms.checkAll(profile, w, k));
                    checks.add(c);
                }
                entry.put("axioms", checks);
            }
            results.add(entry);
        }
        if (json) {
            var mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
            out.println(mapper.writeValueAsString(Map.of("results", results)));
            return 0;
        }
        out.printf("%s: %d candidates, %d voters%s, committee size %d%n", name, profile.numCandidates(), profile.numVoters(),
                profile.hasUnitWeights() ? "" : " (weighted, total weight " + profile.totalWeight() + ")", k);
        for (var entry : results) printText(out, entry);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> entry) {
        var committees = (List<List<String>>) entry.get("committees");
        var ex = (CommitteeResult.Explanation) entry.get("explanation");
        out.printf("%n%s (%s): %d winning committee%s%n", entry.get("rule"), (boolean) entry.get("resolute") ? "resolute" : "irresolute",
                committees.size(), committees.size() == 1 ? "" : "s");
        for (var w : committees) out.println("  {" + String.join(", ", w) + "}");
        if (ex.objective() != null) out.println("  objective: " + ex.objective());
        if (ex.optimalScore() != null) out.println("  score: " + ex.optimalScore());
        out.println("  method: " + ex.method());
        out.println("  tie-breaking: " + ex.tieBreaking());
        if (ex.candidateScores() != null) out.println("  candidate scores: " + ex.candidateScores());
        if (ex.rounds() != null) {
            for (var r : ex.rounds()) {
                String values = r.values().size() <= 12 ? " " + r.values() : " (" + r.values().size() + " candidates)";
                out.printf("  round %d: %s %s; tied %s; chose %s%n", r.round(), r.measure(), values.strip(), r.tied(), r.chosen());
            }
        }
        if (ex.loads() != null) out.println("  final loads (value: weight): " + shares(ex.loads()));
        if (ex.budgets() != null) out.println("  budgets after phase 1 (value: weight): " + shares(ex.budgets()));
        if (ex.note() != null) out.println("  note: " + ex.note());
        var checks = (List<Map<String, Object>>) entry.get("axioms");
        if (checks != null) {
            for (var c : checks) {
                var parts = new ArrayList<String>();
                for (var a : (List<CommitteeAxioms.AxiomResult>) c.get("axioms")) {
                    if (a.holds() == null) {
                        parts.add(a.axiom().toUpperCase(Locale.ROOT) + " undecided (" + a.undecided() + ")");
                        continue;
                    }
                    String s = a.axiom().toUpperCase(Locale.ROOT) + " " + (a.holds() ? "holds" : "fails");
                    var cx = a.counterexample();
                    if (!a.holds() && cx != null && cx.voters() != null) {
                        s += " (voters " + cx.voters() + " approve " + cx.commonCandidates() + ", weight " + cx.groupWeight() + " >= "
                                + cx.requiredWeight() + ", owed " + cx.owed() + "; got: " + cx.got() + ")";
                    } else if (!a.holds() && cx != null) {
                        s += " (" + cx.got() + ")";
                    }
                    parts.add(s);
                }
                out.println("  axioms of {" + String.join(", ", (List<String>) c.get("committee")) + "}: " + String.join("; ", parts));
            }
        }
    }

    private static String shares(List<CommitteeResult.Share> shares) {
        var parts = new ArrayList<String>();
        for (var s : shares) parts.add(s.value() + ": " + s.weight());
        return String.join(", ", parts);
    }
}
