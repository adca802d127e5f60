package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.RequestContext;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.Judge;
import org.charter.core.uncertainty.DecisionRule;
import org.charter.llm.ModelException;
import org.charter.llm.OpenAiChatClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter decide CHARTER --prompt TEXT --candidate TEXT ...}: answer, hedge, ask, refuse or escalate. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Decide what to do with candidate responses to a prompt under a charter: answer (the best admissible",
                "candidate), hedge (answer, stating the uncertainty), ask, refuse (citing the clause) or escalate (an open",
                "case). The request is resolved as `charter resolve` does (scope, retrieval, authority, overrides, conflicts,",
                "gaps); each candidate is judged against the applicable clauses; a candidate is admissible when",
                "every clause above user authority is complied with at confidence >= lambda, and lambda is set by conformal",
                "risk control at --alpha on the charter's own GOOD/BAD examples judged leave-one-out (embedding judge), which",
                "bounds the expected rate of answered violations by alpha if those examples and future requests are",
                "exchangeable. Among admissible candidates the highest reward wins; the reward here is the mean P(complies)",
                "over the clauses judged. Gaps and unsettled conflicts follow the charter's policy (onGap, onConflict), and so does",
                "an unreachable model (onUnreachable)."})
final class DecideCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (YAML or JSON).")
    java.nio.file.Path file;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The user's request (or --transcript FILE).")
    String prompt;

    @Option(names = "--candidate", required = true, paramLabel = "TEXT", description = "A candidate response (repeatable).")
    List<String> candidates;

    @Mixin
    RequestOptions requestOptions;

    @Option(names = "--judge", defaultValue = "embedding", paramLabel = "KIND", description = "embedding, llm or panel (default: ${DEFAULT-VALUE}).")
    String judgeKind;

    @Option(names = "--alpha", defaultValue = "0.1", paramLabel = "A", description = "Risk level of the acceptance threshold (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--refusal", defaultValue = "0.8", paramLabel = "P", description = "P(violation) from which a refusal is sure (default: ${DEFAULT-VALUE}).")
    double refusal;

    @Option(names = "--hedge", defaultValue = "0.5", paramLabel = "P",
            description = "P(violation) of a clause at user level or below from which the answer states its uncertainty (default: ${DEFAULT-VALUE}).")
    double hedge;

    @Option(names = "--samples", defaultValue = "5", paramLabel = "K", description = "LLM judge: samples without log-probabilities (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--cases", paramLabel = "DIR",
            description = "Keep gaps, conflicts and escalations as open cases in this folder (one JSON file each; see `charter case`).")
    java.nio.file.Path casesDir;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    @Mixin
    LlmCommand.ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Judges.check(judgeKind);
        if (!(alpha > 0 && alpha < 1)) throw new UsageException("--alpha must be in (0, 1)");
        org.charter.core.charter.Request request = requestOptions.request(prompt);
        RequestContext ctx = request.context();
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Charter charter = r.effective();
        // the clauses that apply: scope, retrieval, the top rules, minus what instructions override (see charter resolve)
        org.charter.core.charter.Resolution resolution = requestOptions.resolver(charter).resolve(request);
        List<Clause> clauses = resolution.applicableClauses();
        String userText = request.messages().get(request.messages().size() - 1).text();
        EmbeddingJudge embedding = Judges.embedding(charter); // the embedder resolution already loaded
        Judge judge = Judges.of(judgeKind, () -> embedding, () -> new OpenAiChatClient(model.resolve()), samples);
        DecisionRule.Thresholds thresholds = thresholds(charter, embedding);
        String version = charter.id() + " " + charter.version();
        boolean unreachable = false;
        String unreachableReason = null;
        List<DecisionRule.Candidate> judged;
        try {
            judged = judgeCandidates(charter, clauses, userText, candidates, judge);
        } catch (ModelException e) {
            unreachable = true;
            unreachableReason = e.getMessage();
            judged = List.of();
        }
        List<String> conflicts = new ArrayList<>();
        for (var c : resolution.conflicts()) if (!c.settledByAuthority()) conflicts.add(c.kind().wireName() + " " + String.join(" / ", c.clauses()) + ": " + c.detail());
        boolean gap = resolution.gap() || clauses.isEmpty();
        var situation = new DecisionRule.Situation(gap, gap ? resolution.gapReason().orElse("no clause applies") : null, conflicts,
                unreachable, charter.policyOrDefault(), version);
        DecisionRule.Decision d = DecisionRule.decide(judged, situation, thresholds);
        String caseId = null;
        OpenCase.Kind kind = situation.gap() ? OpenCase.Kind.GAP : !situation.conflicts().isEmpty() ? OpenCase.Kind.CONFLICT
                : d.action() == DecisionRule.Action.ESCALATE ? OpenCase.Kind.ESCALATION : null;
        if (casesDir != null && kind != null) {
            List<OpenCase.Risk> risks = new ArrayList<>();
            for (int i = 0; i < judged.size(); i++) {
                for (DecisionRule.ClauseRisk cr : judged.get(i).risks()) risks.add(new OpenCase.Risk(i, cr.clauseId(), cr.violation()));
            }
            java.time.Instant now = java.time.Instant.now();
            caseId = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now) + "-"
                    + Integer.toHexString((prompt + candidates + now.getNano()).hashCode() & 0xfffffff);
            Map<String, String> ctxPairs = new java.util.TreeMap<>(requestOptions.context);
            CaseFiles.write(casesDir, new OpenCase(caseId, kind, now, charter.id(), charter.version(),
                    org.charter.core.charter.CanonicalForm.hash(charter), ctxPairs, userText, candidates, d.action().wireName(), d.reasons(), risks, List.of()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("charter", charter.id());
            doc.put("version", charter.version());
            doc.put("decision", d.action().wireName());
            doc.put("chosen", d.chosen() >= 0 ? d.chosen() : null);
            doc.put("response", d.chosen() >= 0 ? candidates.get(d.chosen()) : null);
            doc.put("applicable", clauses.stream().map(Clause::id).toList());
            doc.put("cited", d.cited());
            doc.put("reasons", d.reasons());
            doc.put("thresholds", d.thresholds());
            doc.put("candidates", d.assessments());
            doc.put("pViolates", judged.stream().map(DecisionRule.Candidate::violationByClause).toList()); // per candidate, per clause
            doc.put("judge", judge.id());
            if (unreachableReason != null) doc.put("error", unreachableReason);
            if (caseId != null) doc.put("case", caseId);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.println("applicable clauses: " + (clauses.isEmpty() ? "none" : String.join(", ", clauses.stream().map(Clause::id).toList())));
            out.println("decision: " + d.action().wireName() + (d.chosen() >= 0 ? " with candidate " + d.chosen() : "")
                    + (d.cited().isEmpty() ? "" : ", citing " + String.join(", ", d.cited())) + "  (" + version + ", judge " + judge.id() + ")");
            for (String reason : d.reasons()) out.println("  because " + reason);
            if (unreachableReason != null) out.println("  model error: " + unreachableReason);
            if (caseId != null) out.println("  open case " + caseId + " in " + casesDir);
            out.printf(Locale.ROOT, "  thresholds: lambda %s, refusal %.2f, hedge %.2f (%s)%n",
                    Double.isInfinite(thresholds.acceptance()) ? "never" : String.format(Locale.ROOT, "%.4f", thresholds.acceptance()),
                    thresholds.refusal(), thresholds.hedge(), thresholds.source());
            for (DecisionRule.Assessment a : d.assessments()) {
                out.printf(Locale.ROOT, "  candidate %d: %s, reward %.3f, least compliance above user %.3f%s%n", a.candidate(),
                        a.admissible() ? "admissible" : "not admissible", a.reward(), a.leastCompliance(),
                        a.failing().isEmpty() ? "" : ", fails " + String.join(", ", a.failing()));
            }
        }
        out.flush();
        return 0;
    }

    static List<DecisionRule.Candidate> judgeCandidates(Charter charter, List<Clause> clauses, String prompt, List<String> candidates, Judge judge) {
        return org.charter.core.judge.CandidateJudging.judge(charter, clauses, prompt, candidates, judge);
    }

    private DecisionRule.Thresholds thresholds(Charter charter, EmbeddingJudge embedding) {
        return thresholds(charter, embedding, judgeKind, alpha, refusal, hedge);
    }

    static DecisionRule.Thresholds thresholds(Charter charter, EmbeddingJudge embedding, String judgeKind, double alpha, double refusal, double hedge) {
        return org.charter.core.judge.CandidateJudging.thresholds(charter, embedding, judgeKind.equals("embedding"), judgeKind, alpha, refusal, hedge);
    }
}
