package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterCompiler;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.Clause;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.RequestContext;
import org.charter.core.judge.ClauseJudgement;
import org.charter.core.judge.Judge;
import org.charter.core.judge.JudgePanel;
import org.charter.core.judge.Judgement;
import org.charter.llm.OpenAiChatClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter judge CHARTER --prompt TEXT --response TEXT [--clause ID ...] [--judge embedding|llm|panel] [--json]}. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = {"Judge whether a response complies with the charter's clauses: for each clause",
                "a verdict (complies, violates, not_applicable), its probabilities, the method",
                "that produced them and the evidence. Clauses: those named by --clause, else",
                "every clause whose scope matches the request context (--context).",
                "Judges: embedding (nearest GOOD/BAD examples and precedents of the clause, in",
                "process, no model server), llm (a chat model over the OpenAI-compatible API:",
                "first-token log-probabilities, else agreement over --samples answers), panel",
                "(both, probabilities averaged, with their disagreement)."})
final class JudgeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (its parents are included).")
    java.nio.file.Path file;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The user's prompt.")
    String prompt;

    @Option(names = "--response", required = true, paramLabel = "TEXT", description = "The response to judge.")
    String response;

    @Option(names = "--clause", paramLabel = "ID", description = "A clause to check (repeatable; default: all clauses in scope).")
    List<String> clauseIds = new ArrayList<>();

    @Option(names = "--context", arity = "1..*", paramLabel = "K=V",
            description = "Request metadata: locale, region, domain, audience, channel, tags (comma-separated). Repeatable.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--judge", defaultValue = "embedding", paramLabel = "KIND", description = "embedding, llm or panel (default: ${DEFAULT-VALUE}).")
    String judgeKind;

    @Option(names = "--samples", defaultValue = "5", paramLabel = "K",
            description = "LLM judge: answers sampled when the server returns no log-probabilities (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    LlmCommand.ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Judges.check(judgeKind);
        if (response.isBlank()) throw new UsageException("--response must not be blank");
        if (samples < 1 || samples > 128) throw new UsageException("--samples must be in [1, 128]");
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
        if (clauseIds.isEmpty()) {
            clauses.addAll(CharterCompiler.inScope(charter, ctx));
        } else {
            for (String id : clauseIds) {
                Clause c = charter.clause(id).orElseThrow(() -> new UsageException("--clause: no clause '" + id + "' in charter " + charter.id()
                        + " (clauses: " + String.join(", ", charter.clauses().stream().map(Clause::id).toList()) + ")"));
                if (!clauses.contains(c)) clauses.add(c);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (clauses.isEmpty()) {
            if (json) out.println(CanonicalForm.pretty(header(charter, ctx).putArray("clauses")));
            else out.println("no clause of " + charter.id() + " is in scope for context " + ctx.describe());
            out.flush();
            return 0;
        }
        Judge judge = Judges.of(judgeKind, () -> Judges.embedding(charter), () -> new OpenAiChatClient(model.resolve()), samples);
        Judgement combined;
        JudgePanel.PanelJudgement panel = null;
        if (judge instanceof JudgePanel p) {
            panel = p.judgeAll(prompt, response, clauses);
            combined = panel.combined();
        } else {
            combined = judge.judge(prompt, response, clauses);
        }
        if (json) {
            ObjectNode root = header(charter, ctx);
            root.put("judge", combined.judgeId());
            root.set("clauses", clausesJson(combined));
            if (panel != null) {
                ArrayNode members = root.putArray("members");
                for (Judgement m : panel.members()) members.addObject().put("judge", m.judgeId()).set("clauses", clausesJson(m));
                ArrayNode dis = root.putArray("disagreement");
                for (JudgePanel.Disagreement d : panel.disagreement()) dis.add(MAPPER.valueToTree(d));
            }
            out.print(CanonicalForm.pretty(root));
        } else {
            out.printf(Locale.ROOT, "charter %s %s, context %s%n", charter.id(), charter.version(), ctx.describe());
            out.print(combined.toText());
            if (panel != null) for (Judgement m : panel.members()) out.print(m.toText());
        }
        out.flush();
        return 0;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObjectNode header(Charter charter, RequestContext ctx) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("charter", charter.id()).put("version", charter.version()).put("context", ctx.describe());
        return root;
    }

    private static ArrayNode clausesJson(Judgement j) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (ClauseJudgement c : j.clauses()) {
            ObjectNode o = arr.addObject();
            o.put("clause", c.clauseId()).put("verdict", c.verdict().wireName());
            o.putObject("probabilities").put("complies", c.probabilities().complies()).put("violates", c.probabilities().violates())
                    .put("not_applicable", c.probabilities().notApplicable());
            o.put("method", c.method()).put("evidence", c.evidence());
        }
        return arr;
    }

}
