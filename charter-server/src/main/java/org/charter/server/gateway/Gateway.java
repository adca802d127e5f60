package org.charter.server.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterCompiler;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Request;
import org.charter.core.charter.RequestContext;
import org.charter.core.charter.Resolution;
import org.charter.core.charter.Resolver;
import org.charter.core.charter.TextSimilarity;
import org.charter.core.judge.CandidateJudging;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.TextEncoder;
import org.charter.core.uncertainty.DecisionRule;
import org.charter.llm.ChatClient;
import org.charter.llm.ChatMessage;
import org.charter.llm.ChatRequest;
import org.charter.llm.ChatResponse;
import org.charter.llm.ModelException;

/**
 * The gateway's pipeline, free of HTTP: a chat request in OpenAI's shape goes through the charter it names —
 * resolution, compilation into the system prompt, n candidates from the upstream model, judging against the
 * applicable clauses, the decision rule with the charter's conformal threshold — and comes out as one answer
 * (the chosen candidate; the candidate with its uncertainty stated; a clarifying question; a refusal citing the
 * clauses; or word that the case was passed to people) with the decision's evidence. Every decision is handed to a
 * log (the hash-chained audit log in the server).
 */
public final class Gateway {
    /** A charter ready to serve: resolver and judge built, the charter's embeddings computed, lambda calibrated. */
    public record Bound(Charter charter, String hash, Resolver resolver, EmbeddingJudge judge, DecisionRule.Thresholds thresholds) {
        public static Bound of(Charter charter, TextSimilarity similarity, TextEncoder encoder, double alpha) {
            EmbeddingJudge judge = EmbeddingJudge.of(charter, encoder);
            return new Bound(charter, CanonicalForm.hash(charter), new Resolver(charter, similarity), judge,
                    CandidateJudging.thresholds(charter, judge, true, "embedding", alpha, 0.8, 0.5));
        }
    }

    /** A chat request: the messages (role, text), the requested model name, how many candidates, metadata. */
    public record ChatIn(String model, List<Request.Message> messages, Map<String, String> metadata, Double temperature, Integer maxTokens) { }

    /**
     * The outcome.
     *
     * @param content   the text the client gets
     * @param upstreamModel the upstream model that produced the candidates (or null when none was asked)
     * @param evidence  the {@code charter} object added to OpenAI's response
     * @param usage     upstream token usage, if any
     */
    public record ChatOut(String content, String upstreamModel, Map<String, Object> evidence, Optional<ChatResponse.Usage> usage) { }

    private final Map<String, Bound> charters;
    private final ChatClient upstream;
    private final int candidates;
    private final Consumer<Map<String, Object>> decisionLog;
    private final Consumer<org.charter.core.charter.OpenCase> cases;

    /**
     * @param charters    by id
     * @param upstream    the OpenAI-compatible server that writes candidates (null: every request is "unreachable")
     * @param candidates  how many candidates to ask for (n)
     * @param decisionLog receives every decision (the audit log)
     * @param cases       receives every gap, conflict and escalation as an open case
     */
    public Gateway(Map<String, Bound> charters, ChatClient upstream, int candidates, Consumer<Map<String, Object>> decisionLog,
                   Consumer<org.charter.core.charter.OpenCase> cases) {
        if (candidates < 1 || candidates > 16) throw new IllegalArgumentException("candidates must be 1 to 16, not " + candidates);
        this.charters = Map.copyOf(charters);
        this.upstream = upstream;
        this.candidates = candidates;
        this.decisionLog = decisionLog;
        this.cases = cases;
    }

    public Map<String, Bound> charters() {
        return charters;
    }

    public ChatClient upstream() {
        return upstream;
    }

    /** Which charter a request names: the header, the part of the model name before '@', or the only one loaded. */
    public Bound select(String header, String model) {
        String id = header != null && !header.isBlank() ? header.strip() : model != null && model.contains("@") ? model.substring(0, model.indexOf('@')) : null;
        if (id == null) {
            if (charters.size() == 1) return charters.values().iterator().next();
            throw new GatewayException(400, "name a charter: the X-Charter header or a model name such as charter-id@model (loaded: "
                    + String.join(", ", charters.keySet()) + ")", "model");
        }
        Bound b = charters.get(id);
        if (b == null) throw new GatewayException(404, "no charter '" + id + "' is loaded (loaded: " + String.join(", ", charters.keySet()) + ")", "model");
        return b;
    }

    /** The upstream model a request names: after '@', else the whole name unless it is a charter id, else the default. */
    public String upstreamModel(String model) {
        if (model == null || model.isBlank()) return upstream == null ? null : upstream.model();
        if (model.contains("@")) return model.substring(model.indexOf('@') + 1);
        return charters.containsKey(model) ? (upstream == null ? null : upstream.model()) : model;
    }

    public ChatOut chat(Bound bound, ChatIn in) {
        Charter charter = bound.charter();
        RequestContext ctx;
        try {
            Map<String, String> known = new LinkedHashMap<>();
            for (var e : in.metadata().entrySet()) {
                if (List.of("locale", "region", "domain", "audience", "channel", "tags").contains(e.getKey())) known.put(e.getKey(), e.getValue());
            }
            ctx = RequestContext.of(known);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(400, "metadata: " + e.getMessage(), "metadata");
        }
        Request request = new Request(in.messages(), ctx);
        Resolution resolution = bound.resolver().resolve(request);
        List<Clause> applicable = resolution.applicableClauses();
        var compiled = CharterCompiler.compile(charter, applicable, ctx);
        String userText = "";
        for (Request.Message m : in.messages()) if (m.role() == Request.Role.USER) userText = m.text();

        // candidates from the upstream model, the charter's instructions first
        List<String> texts = new ArrayList<>();
        String upstreamModel = upstreamModel(in.model());
        Optional<ChatResponse.Usage> usage = Optional.empty();
        String modelError = null;
        if (upstream == null) {
            modelError = "no upstream model is configured (charter serve --upstream URL)";
        } else {
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.system(compiled.text()));
            for (Request.Message m : in.messages()) messages.add(toChat(m));
            ChatRequest req = ChatRequest.of(messages).withN(candidates).withTemperature(in.temperature() != null ? in.temperature() : candidates > 1 ? 0.7 : 0);
            if (in.maxTokens() != null) req = req.withMaxTokens(in.maxTokens());
            if (upstreamModel != null) req = req.withModel(upstreamModel);
            try {
                ChatResponse r = upstream.chat(req);
                for (ChatResponse.Choice c : r.choices()) texts.add(c.text());
                usage = r.usage();
                upstreamModel = r.model();
            } catch (ModelException e) {
                modelError = e.getMessage();
            }
        }
        List<DecisionRule.Candidate> judged = modelError != null ? List.of()
                : CandidateJudging.judge(charter, applicable, userText, texts, bound.judge());
        List<String> conflicts = new ArrayList<>();
        for (var c : resolution.conflicts()) if (!c.settledByAuthority()) conflicts.add(c.kind().wireName() + " " + String.join(" / ", c.clauses()));
        boolean gap = resolution.gap() || applicable.isEmpty();
        var situation = new DecisionRule.Situation(gap, gap ? resolution.gapReason().orElse("no clause applies") : null, conflicts, modelError != null,
                charter.policyOrDefault(), charter.version());
        DecisionRule.Decision d = DecisionRule.decide(judged, situation, bound.thresholds());
        String content = content(d, judged, charter, gap ? resolution.gapReason().orElse(null) : null);

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("decision", d.action().wireName());
        evidence.put("charter", charter.id());
        evidence.put("version", charter.version());
        evidence.put("hash", bound.hash());
        evidence.put("clauses", applicable.stream().map(Clause::id).toList());
        evidence.put("cited", d.cited());
        evidence.put("chosen", d.chosen() >= 0 ? d.chosen() : null);
        evidence.put("candidates", texts.size());
        evidence.put("pViolates", judged.stream().map(DecisionRule.Candidate::violationByClause).toList());
        evidence.put("threshold", Map.of("alpha", d.thresholds().alpha(), "lambda", Double.isInfinite(d.thresholds().acceptance()) ? "never" : d.thresholds().acceptance(),
                "source", d.thresholds().source()));
        evidence.put("reasons", d.reasons());
        evidence.put("gap", gap);
        if (modelError != null) evidence.put("modelError", modelError);
        org.charter.core.charter.OpenCase.Kind kind = gap ? org.charter.core.charter.OpenCase.Kind.GAP
                : !conflicts.isEmpty() ? org.charter.core.charter.OpenCase.Kind.CONFLICT
                : d.action() == DecisionRule.Action.ESCALATE ? org.charter.core.charter.OpenCase.Kind.ESCALATION : null;
        if (kind != null) {
            Instant now = Instant.now();
            String id = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            List<org.charter.core.charter.OpenCase.Risk> caseRisks = new ArrayList<>();
            for (int i = 0; i < judged.size(); i++) {
                for (DecisionRule.ClauseRisk r : judged.get(i).risks()) caseRisks.add(new org.charter.core.charter.OpenCase.Risk(i, r.clauseId(), r.violation()));
            }
            Map<String, String> context = new LinkedHashMap<>();
            for (String k : List.of("locale", "region", "domain", "audience", "channel")) ctx.value(k).ifPresent(v -> context.put(k, v));
            if (!ctx.tags().isEmpty()) context.put("tags", String.join(",", ctx.tags()));
            cases.accept(new org.charter.core.charter.OpenCase(id, kind, now, charter.id(), charter.version(), bound.hash(), context,
                    userText.isBlank() ? "(no user message)" : userText, texts, d.action().wireName(), d.reasons(), caseRisks, List.of()));
            evidence.put("case", id);
        }

        Map<String, Object> log = new LinkedHashMap<>(evidence);
        log.put("at", Instant.now().toString());
        log.put("prompt", userText);
        log.put("answer", content);
        log.put("upstreamModel", upstreamModel);
        decisionLog.accept(log);
        return new ChatOut(content, upstreamModel, evidence, usage);
    }

    private static ChatMessage toChat(Request.Message m) {
        return switch (m.role()) {
            case SYSTEM -> ChatMessage.system(m.text());
            case DEVELOPER -> ChatMessage.developer(m.text());
            case USER, TOOL -> ChatMessage.user(m.text());
            case ASSISTANT -> ChatMessage.assistant(m.text());
        };
    }

    /** What the client reads for each decision. */
    static String content(DecisionRule.Decision d, List<DecisionRule.Candidate> judged, Charter charter, String gapReason) {
        return switch (d.action()) {
            case ANSWER -> judged.get(d.chosen()).text();
            case HEDGE -> judged.get(d.chosen()).text() + "\n\n(I am not fully sure this answer follows every rule that applies here"
                    + (d.cited().isEmpty() ? "" : ": " + String.join(", ", d.cited())) + ".)";
            case ASK -> "Before I answer, could you tell me a little more about what you need and the situation you are in?";
            case REFUSE -> "I can't help with that: it would go against " + (d.cited().isEmpty() ? "the rules I follow" : String.join(", ", titles(charter, d.cited()))) + ".";
            case ESCALATE -> "I can't answer this on my own yet. It has been passed on to the people who decide these questions.";
        };
    }

    private static List<String> titles(Charter charter, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) out.add(charter.clause(id).flatMap(Clause::title).map(t -> "\"" + t + "\" (" + id + ")").orElse(id));
        return out;
    }

    /** A refusal of the request itself, with an HTTP status and the field at fault, in OpenAI's error shape. */
    public static final class GatewayException extends RuntimeException {
        private final int status;
        private final String param;

        public GatewayException(int status, String message, String param) {
            super(message);
            this.status = status;
            this.param = param;
        }

        public int status() {
            return status;
        }

        public String param() {
            return param;
        }
    }
}
