package org.charter.server.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterCompiler;
import org.charter.core.charter.Clause;
import org.charter.core.charter.OpenCase;
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
 * log (the hash-chained audit log in the server). The streamed variant ({@link #chatFlagAfter}) hands one
 * candidate's text on as the upstream writes it and judges it once complete.
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

    /**
     * How candidates are judged: by the charter's embedding judge, or not at all ({@code none}: every candidate
     * counts as complying with every clause, so the first one is answered unless resolution found a gap or a conflict
     * — for measuring the gateway's own cost, or for a deployment that only wants resolution, compilation and the
     * audit trail).
     */
    public enum Judging {
        EMBEDDING, NONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Judging parse(String s) {
            for (Judging j : values()) if (j.wireName().equals(s)) return j;
            throw new IllegalArgumentException("the judge must be embedding or none, not '" + s + "'");
        }
    }

    /** A chat request: the messages (role, text), the requested model name, metadata, sampling options. */
    public record ChatIn(String model, List<Request.Message> messages, Map<String, String> metadata, Double temperature, Integer maxTokens) { }

    /**
     * The outcome.
     *
     * @param content   the text the client gets (in flag-after streaming: what is appended after the streamed text)
     * @param upstreamModel the upstream model that produced the candidates (or null when none was asked)
     * @param evidence  the {@code charter} object added to OpenAI's response
     * @param usage     upstream token usage, if any
     */
    public record ChatOut(String content, String upstreamModel, Map<String, Object> evidence, Optional<ChatResponse.Usage> usage) { }

    /** The charter a request named and the upstream model it asked for (null: the upstream client's default). */
    public record Selection(CharterCatalog.Entry entry, String upstreamModel) { }

    /** After this many upstream failures in a row the upstream counts as failing (excess load then gets 503, not 429). */
    public static final int FAILING_AFTER = 3;

    private final CharterCatalog catalog;
    private final ChatClient upstream;
    private final int candidates;
    private final Judging judging;
    private final Consumer<Map<String, Object>> decisionLog;
    private final Consumer<OpenCase> cases;
    private final AtomicInteger upstreamFailuresInARow = new AtomicInteger();

    /** The charter's hash, the applicable clauses and the context: all a compiled prompt depends on. */
    private record CompileKey(String charterHash, List<String> clauses, RequestContext ctx) { }

    /** Compiled prompts are pure in their key and the compiler re-hashes the whole charter each time: keep the last few thousand. */
    private static final int COMPILED_KEPT = 4096;

    private final Map<CompileKey, String> compiled = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CompileKey, String> eldest) {
            return size() > COMPILED_KEPT;
        }
    });

    /**
     * @param catalog     the charters served, by name
     * @param upstream    the OpenAI-compatible server that writes candidates (null: every request is "unreachable")
     * @param candidates  how many candidates to ask for (n)
     * @param judging     how candidates are judged
     * @param decisionLog receives every decision (the audit log)
     * @param cases       receives every gap, conflict and escalation as an open case
     */
    public Gateway(CharterCatalog catalog, ChatClient upstream, int candidates, Judging judging, Consumer<Map<String, Object>> decisionLog,
                   Consumer<OpenCase> cases) {
        if (candidates < 1 || candidates > 16) throw new IllegalArgumentException("candidates must be 1 to 16, not " + candidates);
        this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
        this.upstream = upstream;
        this.candidates = candidates;
        this.judging = java.util.Objects.requireNonNull(judging, "judging");
        this.decisionLog = decisionLog;
        this.cases = cases;
    }

    /** Charters already bound, by id, judged by the embedding judge. */
    public Gateway(Map<String, Bound> charters, ChatClient upstream, int candidates, Consumer<Map<String, Object>> decisionLog, Consumer<OpenCase> cases) {
        this(CharterCatalog.of(charters), upstream, candidates, Judging.EMBEDDING, decisionLog, cases);
    }

    public CharterCatalog catalog() {
        return catalog;
    }

    public ChatClient upstream() {
        return upstream;
    }

    public Judging judging() {
        return judging;
    }

    /** Whether the last {@value #FAILING_AFTER} or more upstream calls in a row failed. */
    public boolean upstreamFailing() {
        return upstreamFailuresInARow.get() >= FAILING_AFTER;
    }

    /**
     * Which charter a request names and which upstream model it asks for. The charter: the {@code X-Charter} header
     * ({@code name} or {@code name@version}), else the part of the model name before '@' ({@code city-helpdesk@gpt-x}),
     * else a model name that is a charter's name, else the only charter served. The upstream model: the part of the
     * model name after '@', else the model name unless it names a charter, else the upstream's default.
     *
     * @throws GatewayException 400 when several charters are served and none is named, 404 for an unknown charter or
     *                          a version not served
     */
    public Selection select(String header, String model) {
        String m = model == null || model.isBlank() ? null : model.strip();
        String name, version = null, upstreamModel;
        if (m != null && m.contains("@")) {
            upstreamModel = m.substring(m.indexOf('@') + 1);
            if (upstreamModel.isBlank()) throw new GatewayException(400, "the model '" + m + "' names no upstream model after '@'", "model");
            name = m.substring(0, m.indexOf('@'));
        } else if (m != null && catalog.current(m).isPresent()) {
            name = m;
            upstreamModel = null;
        } else {
            name = null;
            upstreamModel = m;
        }
        String source = "model";
        if (header != null && !header.isBlank()) {
            String h = header.strip();
            name = h.contains("@") ? h.substring(0, h.indexOf('@')) : h;
            version = h.contains("@") ? h.substring(h.indexOf('@') + 1) : null;
            source = "X-Charter";
        }
        List<String> names = catalog.names();
        if (name == null) {
            if (names.size() == 1) return new Selection(catalog.current(names.get(0)).orElseThrow(), upstreamModel);
            throw new GatewayException(400, "name a charter: the X-Charter header or a model name such as charter@model (served: "
                    + String.join(", ", names) + ")", "model");
        }
        String n = name, param = "X-Charter".equals(source) ? null : "model";
        CharterCatalog.Entry e = catalog.current(name).orElseThrow(() -> new GatewayException(404, "no charter '" + n + "' is served (served: "
                + String.join(", ", names) + ")", param));
        if (version != null && !version.equals(e.version())) {
            throw new GatewayException(404, "charter '" + name + "' is served at version " + e.version() + ", not " + version, null);
        }
        return new Selection(e, upstreamModel);
    }

    /** Everything known before the upstream is asked: resolution, the compiled instructions, the messages to send. */
    private record Prepared(CharterCatalog.Entry entry, RequestContext ctx, Resolution resolution, List<Clause> applicable,
                            List<ChatMessage> messages, String userText, List<String> conflicts, boolean gap) {
        Charter charter() {
            return entry.bound().charter();
        }

        /** Whether the charter's policy decides this request without looking at any candidate (gap or conflict). */
        boolean decidedByPolicy() {
            var policy = charter().policyOrDefault();
            return !conflicts.isEmpty() && policy.onConflict() != org.charter.core.charter.CharterPolicy.Action.ANSWER_WITH_CAVEAT
                    || gap && policy.onGap() != org.charter.core.charter.CharterPolicy.Action.ANSWER_WITH_CAVEAT;
        }
    }

    private Prepared prepare(Selection sel, ChatIn in) {
        Bound bound = sel.entry().bound();
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
        Resolution resolution = bound.resolver().resolve(new Request(in.messages(), ctx));
        List<Clause> applicable = resolution.applicableClauses();
        CompileKey key = new CompileKey(bound.hash(), applicable.stream().map(Clause::id).toList(), ctx);
        String systemPrompt = compiled.get(key);
        if (systemPrompt == null) {
            systemPrompt = CharterCompiler.compile(bound.charter(), applicable, ctx).text();
            compiled.put(key, systemPrompt);
        }
        String userText = "";
        for (Request.Message m : in.messages()) if (m.role() == Request.Role.USER) userText = m.text();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt));
        for (Request.Message m : in.messages()) messages.add(toChat(m));
        List<String> conflicts = new ArrayList<>();
        for (var c : resolution.conflicts()) if (!c.settledByAuthority()) conflicts.add(c.kind().wireName() + " " + String.join(" / ", c.clauses()));
        boolean gap = resolution.gap() || applicable.isEmpty();
        return new Prepared(sel.entry(), ctx, resolution, applicable, messages, userText, conflicts, gap);
    }

    private ChatRequest upstreamRequest(Prepared p, ChatIn in, String upstreamModel, int n) {
        ChatRequest req = ChatRequest.of(p.messages()).withN(n).withTemperature(in.temperature() != null ? in.temperature() : n > 1 ? 0.7 : 0);
        if (in.maxTokens() != null) req = req.withMaxTokens(in.maxTokens());
        if (upstreamModel != null) req = req.withModel(upstreamModel);
        return req;
    }

    /** The non-streamed pipeline: n candidates, judged, one decision. */
    public ChatOut chat(Selection sel, ChatIn in) {
        Prepared p = prepare(sel, in);
        List<String> texts = new ArrayList<>();
        String upstreamModel = sel.upstreamModel() != null ? sel.upstreamModel() : upstream == null ? null : upstream.model();
        Optional<ChatResponse.Usage> usage = Optional.empty();
        String modelError = null;
        if (upstream == null) {
            modelError = "no upstream model is configured (charter serve --upstream URL)";
        } else {
            try {
                ChatResponse r = upstream.chat(upstreamRequest(p, in, sel.upstreamModel(), candidates));
                upstreamFailuresInARow.set(0);
                for (ChatResponse.Choice c : r.choices()) texts.add(c.text());
                usage = r.usage();
                upstreamModel = r.model();
            } catch (ModelException e) {
                upstreamFailuresInARow.incrementAndGet();
                modelError = e.getMessage();
            }
        }
        return decide(p, texts, upstreamModel, usage, modelError, null);
    }

    /**
     * Flag-after streaming: when resolution already decides (a gap or a conflict the charter's policy does not answer
     * through) nothing is streamed from the upstream and the decision's text is the answer; otherwise one candidate
     * is asked for with streaming, each piece handed to {@code onDelta} as it arrives, and the whole text is judged
     * when it ends. The returned content is what to append after the streamed text: empty for an answer, the
     * uncertainty note for a hedge, a flag for a refusal or an escalation (the text was already read; the case is
     * opened and the decision logged as flagged); for a request decided without streaming, the whole answer.
     */
    public ChatOut chatFlagAfter(Selection sel, ChatIn in, Consumer<String> onDelta) {
        Prepared p = prepare(sel, in);
        String upstreamModel = sel.upstreamModel() != null ? sel.upstreamModel() : upstream == null ? null : upstream.model();
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("mode", "flag-after");
        if (p.decidedByPolicy()) {
            stream.put("streamed", false);
            return decide(p, List.of(), upstreamModel, Optional.empty(), null, stream);
        }
        if (upstream == null) {
            stream.put("streamed", false);
            return decide(p, List.of(), upstreamModel, Optional.empty(), "no upstream model is configured (charter serve --upstream URL)", stream);
        }
        StringBuilder sent = new StringBuilder();
        String modelError = null;
        Optional<ChatResponse.Usage> usage = Optional.empty();
        try {
            ChatResponse r = upstream.stream(upstreamRequest(p, in, sel.upstreamModel(), 1), d -> {
                sent.append(d);
                onDelta.accept(d);
            });
            upstreamFailuresInARow.set(0);
            usage = r.usage();
            upstreamModel = r.model();
        } catch (ModelException e) {
            upstreamFailuresInARow.incrementAndGet();
            modelError = e.getMessage();
        }
        stream.put("streamed", sent.length() > 0);
        if (sent.length() == 0) return decide(p, List.of(), upstreamModel, usage, modelError, stream);
        return decide(p, List.of(sent.toString()), upstreamModel, usage, modelError, stream);
    }

    /**
     * The decision over the candidates (none when the upstream failed), its evidence, the open case and the log
     * entry. {@code stream} is null for the non-streamed pipeline, else the flag-after record (whose text, when
     * streamed, the client has already read).
     */
    private ChatOut decide(Prepared p, List<String> texts, String upstreamModel, Optional<ChatResponse.Usage> usage, String modelError,
                           Map<String, Object> stream) {
        Charter charter = p.charter();
        Bound bound = p.entry().bound();
        boolean alreadySent = stream != null && Boolean.TRUE.equals(stream.get("streamed"));
        List<DecisionRule.Candidate> judged;
        if (modelError != null && !alreadySent) {
            judged = List.of();
        } else if (judging == Judging.NONE) {
            judged = texts.stream().map(t -> new DecisionRule.Candidate(t, 0, List.of())).toList();
        } else {
            judged = CandidateJudging.judge(charter, p.applicable(), p.userText(), texts, bound.judge());
        }
        var situation = new DecisionRule.Situation(p.gap(), p.gap() ? p.resolution().gapReason().orElse("no clause applies") : null, p.conflicts(),
                modelError != null, charter.policyOrDefault(), charter.version());
        DecisionRule.Decision d = DecisionRule.decide(judged, situation, bound.thresholds());
        String content;
        boolean flagged = false;
        if (alreadySent) {
            flagged = d.action() != DecisionRule.Action.ANSWER && d.action() != DecisionRule.Action.HEDGE;
            content = switch (d.action()) {
                case ANSWER -> "";
                case HEDGE -> hedgeNote(d);
                default -> flagNote(d, charter, modelError != null);
            };
        } else {
            content = content(d, judged, charter);
        }

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("decision", d.action().wireName());
        evidence.put("charter", p.entry().name());
        evidence.put("version", p.entry().version());
        evidence.put("hash", bound.hash());
        evidence.put("clauses", p.applicable().stream().map(Clause::id).toList());
        evidence.put("cited", d.cited());
        evidence.put("chosen", d.chosen() >= 0 ? d.chosen() : null);
        evidence.put("candidates", texts.size());
        evidence.put("judge", judging.wireName());
        evidence.put("pViolates", judged.stream().map(DecisionRule.Candidate::violationByClause).toList());
        evidence.put("threshold", Map.of("alpha", d.thresholds().alpha(), "lambda", Double.isInfinite(d.thresholds().acceptance()) ? "never" : d.thresholds().acceptance(),
                "source", d.thresholds().source()));
        evidence.put("reasons", d.reasons());
        evidence.put("gap", p.gap());
        if (stream != null) {
            Map<String, Object> s = new LinkedHashMap<>(stream);
            s.put("flagged", flagged);
            evidence.put("stream", s);
        }
        if (modelError != null) evidence.put("modelError", modelError);
        OpenCase.Kind kind = p.gap() ? OpenCase.Kind.GAP
                : !p.conflicts().isEmpty() ? OpenCase.Kind.CONFLICT
                : d.action() == DecisionRule.Action.ESCALATE || flagged ? OpenCase.Kind.ESCALATION : null;
        if (kind != null) {
            Instant now = Instant.now();
            String id = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            List<OpenCase.Risk> caseRisks = new ArrayList<>();
            for (int i = 0; i < judged.size(); i++) {
                for (DecisionRule.ClauseRisk r : judged.get(i).risks()) caseRisks.add(new OpenCase.Risk(i, r.clauseId(), r.violation()));
            }
            Map<String, String> context = new LinkedHashMap<>();
            for (String k : List.of("locale", "region", "domain", "audience", "channel")) p.ctx().value(k).ifPresent(v -> context.put(k, v));
            if (!p.ctx().tags().isEmpty()) context.put("tags", String.join(",", p.ctx().tags()));
            List<String> reasons = new ArrayList<>(d.reasons());
            if (flagged) reasons.add("the answer had already been streamed to the client when it was judged (flag-after): it is flagged for review");
            cases.accept(new OpenCase(id, kind, now, charter.id(), charter.version(), bound.hash(), context,
                    p.userText().isBlank() ? "(no user message)" : p.userText(), texts, d.action().wireName(), reasons, caseRisks, List.of()));
            evidence.put("case", id);
        }

        Map<String, Object> log = new LinkedHashMap<>(evidence);
        log.put("at", Instant.now().toString());
        log.put("prompt", p.userText());
        log.put("answer", alreadySent ? texts.get(0) + content : content);
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
    static String content(DecisionRule.Decision d, List<DecisionRule.Candidate> judged, Charter charter) {
        return switch (d.action()) {
            case ANSWER -> judged.get(d.chosen()).text();
            case HEDGE -> judged.get(d.chosen()).text() + hedgeNote(d);
            case ASK -> "Before I answer, could you tell me a little more about what you need and the situation you are in?";
            case REFUSE -> "I can't help with that: it would go against " + (d.cited().isEmpty() ? "the rules I follow" : String.join(", ", titles(charter, d.cited()))) + ".";
            case ESCALATE -> "I can't answer this on my own yet. It has been passed on to the people who decide these questions.";
        };
    }

    private static String hedgeNote(DecisionRule.Decision d) {
        return "\n\n(I am not fully sure this answer follows every rule that applies here" + (d.cited().isEmpty() ? "" : ": " + String.join(", ", d.cited())) + ".)";
    }

    /** Appended to a streamed answer that the judgement made afterwards would not have let through. */
    private static String flagNote(DecisionRule.Decision d, Charter charter, boolean brokeOff) {
        if (brokeOff) return "\n\n[The answer broke off before it was complete; it has been passed on to the people who decide these questions.]";
        String against = d.cited().isEmpty() ? "the rules that apply here" : String.join(", ", titles(charter, d.cited()));
        return "\n\n[Flagged after it was sent: this answer may go against " + against
                + ". Do not rely on it; it has been passed on to the people who decide these questions.]";
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
