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
import org.charter.core.charter.CharterCompiler;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.Clause;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.RequestContext;
import org.charter.core.judge.ClauseJudgement;
import org.charter.core.judge.CritiqueAndRevision;
import org.charter.core.judge.Judge;
import org.charter.llm.ChatReviser;
import org.charter.llm.OpenAiChatClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter revise CHARTER --prompt TEXT --response TEXT}: critique citing the clause, revision, re-judging. */
@Command(name = "revise", mixinStandardHelpOptions = true,
        description = {"Critique and revise a response, as in Constitutional AI: judge it against the clauses (named, or in scope",
                "of --context); for those judged violated (P >= --threshold), send the model a critique citing each clause",
                "and a revision request; judge the revision; at most --rounds revisions. Prints every round and whether the",
                "last response is judged compliant. The model is any OpenAI-compatible server (--base-url, --model or",
                "CHARTER_LLM_BASE_URL, CHARTER_LLM_MODEL); the compiled charter is its system prompt."})
final class ReviseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (YAML or JSON).")
    java.nio.file.Path file;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The user's request.")
    String prompt;

    @Option(names = "--response", required = true, paramLabel = "TEXT", description = "The response to revise.")
    String response;

    @Option(names = "--clause", paramLabel = "ID", description = "A clause to check (repeatable; default: all in scope).")
    List<String> clauseIds = new ArrayList<>();

    @Option(names = "--context", arity = "1..*", paramLabel = "K=V", description = "Request metadata, as for compile.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--rounds", defaultValue = "2", paramLabel = "N", description = "At most N revisions (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "P", description = "P(violates) from which a clause is critiqued (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--judge", defaultValue = "embedding", paramLabel = "KIND", description = "embedding, llm or panel (default: ${DEFAULT-VALUE}).")
    String judgeKind;

    @Option(names = "--json", description = "Print every round as JSON.")
    boolean json;

    @Mixin
    LlmCommand.ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Judges.check(judgeKind);
        if (rounds < 0 || rounds > 10) throw new UsageException("--rounds must be in [0, 10]");
        if (!(threshold > 0 && threshold <= 1)) throw new UsageException("--threshold must be in (0, 1]");
        RequestContext ctx;
        try {
            ctx = RequestContext.of(context);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--context: " + e.getMessage());
        }
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Charter charter = r.effective();
        List<Clause> clauses = new ArrayList<>();
        if (clauseIds.isEmpty()) clauses.addAll(CharterCompiler.inScope(charter, ctx));
        for (String id : clauseIds) clauses.add(charter.clause(id).orElseThrow(() -> new UsageException("--clause: no clause '" + id + "' in charter " + charter.id())));
        if (clauses.isEmpty()) throw new UsageException("no clause of " + charter.id() + " is in scope for " + ctx.describe());
        var client = new OpenAiChatClient(model.resolve());
        Judge judge = Judges.of(judgeKind, () -> Judges.embedding(charter), () -> client, 5);
        String system = CharterCompiler.compile(charter, clauses, ctx).text();
        CritiqueAndRevision.Result result = CritiqueAndRevision.run(prompt, response, clauses, judge, new ChatReviser(client, system), rounds, threshold);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rs = new ArrayList<>();
            for (var round : result.rounds()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("round", round.round());
                m.put("response", round.response());
                m.put("violated", round.violated());
                Map<String, Double> p = new LinkedHashMap<>();
                for (ClauseJudgement c : round.judgement().clauses()) p.put(c.clauseId(), c.pViolates());
                m.put("pViolates", p);
                m.put("critique", round.critique());
                rs.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("charter", charter.id());
            doc.put("version", charter.version());
            doc.put("judge", judge.id());
            doc.put("compliant", result.compliant());
            doc.put("revisions", result.revisions());
            doc.put("response", result.response());
            doc.put("rounds", rs);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            for (var round : result.rounds()) {
                out.printf(Locale.ROOT, "round %d: %s%n", round.round(), round.violated().isEmpty() ? "no clause judged violated"
                        : "judged to violate " + String.join(", ", round.violated()));
                out.println("  response: " + round.response().replace("\n", "\n            "));
            }
            out.println(result.compliant() ? "compliant after " + result.revisions() + " revision(s)"
                    : "still judged to violate " + String.join(", ", result.rounds().get(result.rounds().size() - 1).violated())
                            + " after " + result.revisions() + " revision(s): do not send it; escalate");
        }
        out.flush();
        return 0;
    }
}
