package org.charter.core.charter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.charter.core.charter.Resolution.Applicable;
import org.charter.core.charter.Resolution.Conflict;
import org.charter.core.charter.Resolution.ConflictKind;
import org.charter.core.charter.Resolution.InstructionOutcome;
import org.charter.core.charter.Resolution.InstructionStatus;
import org.charter.core.charter.Resolution.OverrideKind;
import org.charter.core.charter.Resolution.Overridden;
import org.charter.core.charter.Resolution.Reason;
import org.charter.core.charter.Resolution.ReasonKind;

/**
 * Resolution: the clauses of a charter that apply to a request, after scope filtering, semantic retrieval and the
 * Model Spec's precedence among the request's instructions, with conflicts and gaps reported.
 *
 * <p>Built once per charter (it prepares the charter's texts with the caller's {@link TextSimilarity}, keyed by the
 * charter's content hash) and then called per request; thread-safe if the similarity is. The steps:
 * <ol>
 *   <li><b>Scope.</b> Only clauses whose {@link Scope} matches the request's metadata are considered
 *       ({@link CharterCompiler#inScope}).</li>
 *   <li><b>Retrieval.</b> Each clause has texts: its title and text, the prompt of each example, and the prompt of
 *       each precedent that cites it (a prompt written with role tags counts by its last user turn, as requests do).
 *       A clause's score is the best similarity of a query message (the last unquoted user message, or every
 *       instruction: {@link ResolverSettings#query}) to any of its texts. The best {@code maxRetrieved} clauses
 *       scoring at least {@code minScore} apply.</li>
 *   <li><b>Always on.</b> With {@code alwaysOnTopRules}, in-scope clauses of kind rule with override never at the
 *       highest authority (the Model Spec's root rules, a charter's law) apply whatever their score: the hardest
 *       constraints do not depend on an embedding's recall. They do not count against gaps.</li>
 *   <li><b>Instructions.</b> Unquoted system, developer and user messages are instructions at the level of the
 *       party their role speaks for ({@link ResolverSettings#party}); assistant and tool messages and quoted parts
 *       carry no authority and are neither queries nor instructions. An instruction <i>addresses</i> a clause when it
 *       names the clause's id, when it is a query message whose similarity to one of the clause's texts reaches
 *       {@code addressScore}, or when one of its sentences with an override cue (below) does; an addressed clause
 *       applies. (Instructions that are not queries are not embedded whole: a long system prompt's single embedding
 *       says little, and embedding it would dominate the cost of a request.) An instruction carries an <i>explicit override cue</i>
 *       ("ignore", "disregard", "you may", "you are allowed to", "instead", ... : {@link #EXPLICIT_CUE}) or an
 *       <i>implicit, context cue</i> (role-play, persona, "talk like", fiction: {@link #IMPLICIT_CUE}); an
 *       instruction attempts to override a clause when one of its sentences carries a cue and that sentence itself
 *       addresses the clause (names its id, or reaches {@code addressScore}).</li>
 *   <li><b>Precedence.</b> Among the attempts on one clause the highest level wins and, at the same level, the later
 *       message. The winner overrides the clause unless the clause's override policy is never (it stands; an explicit
 *       attempt is a {@code override-of-never} conflict), the instruction's level is below the clause's authority
 *       (higher authority wins), or the policy is explicit and the attempt only implicit (context changes only
 *       implicit-override clauses). An overridden clause leaves the applicable list. Separately, a later instruction
 *       at the same level supersedes an earlier one when their similarity reaches {@code supersedeScore}.</li>
 *   <li><b>Conflicts.</b> Besides override-of-never: two clauses that the request itself brings in (retrieved or
 *       addressed, not merely always on) whose examples disagree: to prompts with similarity at least
 *       {@code situationScore}, a GOOD response of one has similarity at least {@code contradictionScore} to a BAD
 *       response of the other. Such a conflict is settled by authority when the two authorities differ. Incompatible
 *       demands stated only in prose, or in examples without prompts, are not detected.</li>
 *   <li><b>Gaps.</b> No clause in scope; no instruction to retrieve by; no clause reaching {@code minScore}; or a
 *       best score below {@code weakScore} ("only weak matches").</li>
 * </ol>
 * Limits, stated plainly: similarity does not see polarity ("please do swear" and "please do not swear" address the
 * same clause), and the cue lists are English word lists, so an override may be missed or a request that happens to
 * use a cue word may count as an attempt. Every decision names its evidence so that a reader can check it.
 */
public final class Resolver {
    /*
     * [1] OpenAI. "Model Spec", release 2025-12-18, sections "The chain of command", "Follow all applicable
     *     instructions" and "Respect the letter and spirit of instructions". https://model-spec.openai.com, CC0 1.0.
     * [2] N. Reimers, I. Gurevych. "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks." EMNLP 2019
     *     (retrieval by cosine similarity of sentence embeddings).
     */

    /** Words by which an instruction asks explicitly to set a behaviour aside (matched case-insensitively as whole words). */
    public static final Pattern EXPLICIT_CUE = Pattern.compile("\\b(ignore|disregard|forget|override|overrule|bypass"
            + "|(?:don'?t|do not|no need to|you don'?t need to|you do not need to|you don'?t have to|you do not have to)\\s+(?:follow|apply|obey|use|stick to|bother)"
            + "|you (?:may|can) now|you(?:'re| are) (?:now )?allowed to|(?:it'?s|it is) (?:fine|ok|okay|alright) to|feel free to|instead|no longer"
            + "|turn off|switch off|never mind|nevermind)\\b", Pattern.CASE_INSENSITIVE);

    /** Words by which an instruction sets a context that may implicitly change a behaviour (role-play, persona, fiction). */
    public static final Pattern IMPLICIT_CUE = Pattern.compile("\\b(pretend|role-?play|act as|acting as|you are (?:a|an|now)"
            + "|talk like|speak like|write like|in the style of|in character|persona|let'?s play|fiction(?:al)?"
            + "|for (?:a|my) (?:story|novel|screenplay|script|game|play))\\b", Pattern.CASE_INSENSITIVE);

    /** What a text of the corpus is. */
    enum SourceKind { CLAUSE, EXAMPLE, PRECEDENT }

    /** One text of the corpus and the clauses it speaks for. */
    record Doc(SourceKind kind, String label, String text, int[] clauses, int example) { }

    /** A precomputed contradiction between two clauses' examples. */
    record Contradiction(int a, int b, double score, String detail) { }

    private final Charter charter;
    private final TextSimilarity similarity;
    private final ResolverSettings settings;
    private final String hash;
    private final List<Doc> docs;
    private final int[][] docsOfClause;
    private final TextSimilarity.Corpus corpus;
    private final Map<Long, Contradiction> contradictions;
    private final Map<String, Integer> clauseIndex = new HashMap<>();
    private final Pattern[] idPatterns;

    /**
     * Prepares a charter for resolution. The charter must be effective (a charter without a parent, or the result
     * of {@link CharterResolver#resolve}). Embeds (through {@code similarity}) every clause text, example prompt,
     * precedent prompt and example response once.
     */
    public Resolver(Charter charter, TextSimilarity similarity, ResolverSettings settings) {
        this.charter = Objects.requireNonNull(charter, "charter");
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (charter.parties().isEmpty() || charter.policy().isEmpty()) {
            throw new IllegalArgumentException("charter '" + charter.id() + "' names a parent: resolve its effective form (CharterResolver.resolve)");
        }
        this.hash = CanonicalForm.hash(charter);
        List<Clause> clauses = charter.clauses();
        for (int i = 0; i < clauses.size(); i++) clauseIndex.put(clauses.get(i).id(), i);
        idPatterns = clauses.stream()
                .map(c -> Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(c.id()) + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE))
                .toArray(Pattern[]::new);
        this.docs = List.copyOf(docs(charter, clauseIndex));
        List<List<Integer>> per = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) per.add(new ArrayList<>());
        for (int d = 0; d < docs.size(); d++) for (int c : docs.get(d).clauses()) per.get(c).add(d);
        docsOfClause = per.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.corpus = similarity.corpus(Optional.of(hash + "#docs"), docs.stream().map(Doc::text).toList());
        this.contradictions = contradictions();
    }

    /** A resolver with {@link ResolverSettings#DEFAULT}. */
    public Resolver(Charter charter, TextSimilarity similarity) {
        this(charter, similarity, ResolverSettings.DEFAULT);
    }

    public Charter charter() {
        return charter;
    }

    public ResolverSettings settings() {
        return settings;
    }

    /** The charter's content hash ({@link CanonicalForm#hash}). */
    public String charterHash() {
        return hash;
    }

    /** The name of the similarity in use. */
    public String similarityName() {
        return similarity.name();
    }

    /** The number of texts retrieval compares against (clause texts, example prompts, precedent prompts). */
    public int corpusSize() {
        return docs.size();
    }

    /** The text a prompt is retrieved by and indexed under: its last user turn when it is a tagged transcript, else itself. */
    static String queryText(String prompt) {
        try {
            Request r = Request.parseTranscript(prompt, RequestContext.EMPTY);
            Optional<Integer> u = r.lastUserMessage();
            if (u.isPresent()) return r.messages().get(u.get()).text();
            List<Integer> ins = r.instructions();
            if (!ins.isEmpty()) return r.messages().get(ins.get(ins.size() - 1)).text();
            return Text.block(prompt);
        } catch (IllegalArgumentException e) {
            return Text.block(prompt);
        }
    }

    private static List<Doc> docs(Charter charter, Map<String, Integer> index) {
        List<Doc> out = new ArrayList<>();
        List<Clause> clauses = charter.clauses();
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            if (c.title().isPresent()) out.add(new Doc(SourceKind.CLAUSE, "title", c.title().get(), new int[] {i}, -1));
            List<String> paragraphs = paragraphs(c.text());
            for (int k = 0; k < paragraphs.size(); k++) {
                out.add(new Doc(SourceKind.CLAUSE, paragraphs.size() == 1 ? "text" : "text, paragraph " + (k + 1), paragraphs.get(k), new int[] {i}, -1));
            }
            for (int e = 0; e < c.examples().size(); e++) {
                Optional<String> p = c.examples().get(e).prompt();
                if (p.isPresent()) out.add(new Doc(SourceKind.EXAMPLE, "example " + (e + 1), queryText(p.get()), new int[] {i}, e));
            }
        }
        for (Precedent p : charter.precedents()) {
            int[] cited = p.clauses().stream().filter(index::containsKey).mapToInt(index::get).toArray();
            out.add(new Doc(SourceKind.PRECEDENT, "precedent " + p.id(), queryText(p.prompt()), cited, -1));
        }
        return out;
    }

    /**
     * A clause text's paragraphs (separated by blank lines), each retrieved on its own: a sentence embedding of a
     * long text averages its parts and matches nothing well. Paragraphs of fewer than four words (headings such as
     * "Commentary:") are joined to the next one.
     */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        String carry = "";
        for (String p : text.split("\n\\s*\n")) {
            String q = (carry.isEmpty() ? "" : carry + "\n") + p.strip();
            if (q.isBlank()) continue;
            if (q.split("\\s+").length < 4) {
                carry = q;
                continue;
            }
            out.add(q);
            carry = "";
        }
        if (!carry.isEmpty()) out.add(carry);
        return out;
    }

    private Map<Long, Contradiction> contradictions() {
        List<String> goods = new ArrayList<>(), bads = new ArrayList<>();
        List<int[]> goodOf = new ArrayList<>(), badOf = new ArrayList<>(); // {clause, example}
        List<Clause> clauses = charter.clauses();
        for (int i = 0; i < clauses.size(); i++) {
            List<Example> ex = clauses.get(i).examples();
            for (int e = 0; e < ex.size(); e++) {
                if (ex.get(e).prompt().isEmpty()) continue; // without a prompt we cannot tell whether the situations match
                for (Example.Response r : ex.get(e).good()) if (!r.text().isBlank()) { goods.add(r.text()); goodOf.add(new int[] {i, e}); }
                for (Example.Response r : ex.get(e).bad()) if (!r.text().isBlank()) { bads.add(r.text()); badOf.add(new int[] {i, e}); }
            }
        }
        Map<Long, Contradiction> out = new HashMap<>();
        if (goods.isEmpty() || bads.isEmpty()) return out;
        Map<Long, Integer> promptDoc = new HashMap<>();
        for (int d = 0; d < docs.size(); d++) if (docs.get(d).kind() == SourceKind.EXAMPLE) promptDoc.put(((long) docs.get(d).clauses()[0] << 32) | docs.get(d).example(), d);
        double[][] s = similarity.corpus(Optional.of(hash + "#bad-responses"), bads).cross(similarity.corpus(Optional.of(hash + "#good-responses"), goods));
        List<int[]> candidates = new ArrayList<>();
        for (int g = 0; g < goods.size(); g++) {
            for (int b = 0; b < bads.size(); b++) {
                if (goodOf.get(g)[0] != badOf.get(b)[0] && s[g][b] >= settings.contradictionScore()) candidates.add(new int[] {g, b});
            }
        }
        if (candidates.isEmpty()) return out;
        // the two examples' prompts must describe similar situations
        for (int[] gb : candidates) {
            int g = gb[0], b = gb[1];
            int a = goodOf.get(g)[0], z = badOf.get(b)[0];
            double prompts = corpus.pair(promptDoc.get(key(goodOf.get(g))), promptDoc.get(key(badOf.get(b))));
            if (prompts < settings.situationScore()) continue;
            long k = pairKey(a, z);
            Contradiction prev = out.get(k);
            if (prev == null || s[g][b] > prev.score()) {
                String detail = String.format(Locale.ROOT, "to similar prompts (%.3f), a GOOD response of %s (\"%s\") is %.3f similar to a BAD response of %s (\"%s\")",
                        prompts, clauses.get(a).id(), abbreviate(goods.get(g)), s[g][b], clauses.get(z).id(), abbreviate(bads.get(b)));
                out.put(k, new Contradiction(Math.min(a, z), Math.max(a, z), s[g][b], detail));
            }
        }
        return out;
    }

    private static long key(int[] clauseExample) {
        return ((long) clauseExample[0] << 32) | clauseExample[1];
    }

    /** The number of clause pairs whose examples contradict (computed once per charter). */
    public int contradictingPairs() {
        return contradictions.size();
    }

    /** An unordered pair of clause indices as one key. */
    private static long pairKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /** The similarity of every query to every corpus text. */
    double[][] scores(List<String> queries) {
        return corpus.scores(queries);
    }

    List<Doc> docs() {
        return docs;
    }

    int[] docsOf(int clause) {
        return docsOfClause[clause];
    }

    /** Resolves one request. */
    public Resolution resolve(Request request) {
        Objects.requireNonNull(request, "request");
        List<Clause> clauses = charter.clauses();
        int n = clauses.size();
        boolean[] inScope = new boolean[n];
        for (int i = 0; i < n; i++) inScope[i] = clauses.get(i).scope().matches(request.context());

        // queries and instructions, embedded in one batch (distinct texts)
        List<Integer> queryMessages = queryMessages(request);
        List<Integer> instructions = request.instructions();
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int m : queryMessages) row.putIfAbsent(request.messages().get(m).text(), row.size());
        Map<Integer, List<CueSentence>> cueSentences = new HashMap<>();
        for (int m : instructions) {
            List<CueSentence> cs = cueSentences(request.messages().get(m).text());
            cueSentences.put(m, cs);
            for (CueSentence c : cs) row.putIfAbsent(c.text(), row.size());
        }
        double[][] s = row.isEmpty() ? new double[0][] : corpus.scores(List.copyOf(row.keySet()));

        // retrieval scores
        double[] score = new double[n];
        String[] best = new String[n];
        java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (int m : queryMessages) {
            double[] r = s[row.get(request.messages().get(m).text())];
            for (int c = 0; c < n; c++) {
                for (int d : docsOfClause[c]) {
                    if (r[d] > score[c]) {
                        score[c] = r[d];
                        best[c] = docs.get(d).label() + " (message " + m + ")";
                    }
                }
            }
        }
        List<Integer> ranked = new ArrayList<>();
        for (int c = 0; c < n; c++) if (inScope[c] && score[c] > Double.NEGATIVE_INFINITY) ranked.add(c);
        ranked.sort(Comparator.comparingDouble((Integer c) -> -score[c]).thenComparingInt(c -> c));

        Map<Integer, List<Reason>> reasons = new TreeMap<>();
        Set<Integer> retrievedOrAddressed = new LinkedHashSet<>();
        int rank = 0;
        for (int c : ranked) {
            if (rank >= settings.maxRetrieved() || score[c] < settings.minScore()) break;
            rank++;
            retrievedOrAddressed.add(c);
            reasons.computeIfAbsent(c, k -> new ArrayList<>()).add(new Reason(ReasonKind.RETRIEVED,
                    String.format(Locale.ROOT, "rank %d, similarity %.3f to its %s", rank, score[c], best[c])));
        }
        if (settings.alwaysOnTopRules()) {
            String top = charter.parties().get(0);
            for (int c = 0; c < n; c++) {
                Clause cl = clauses.get(c);
                if (inScope[c] && cl.kind() == ClauseKind.RULE && cl.override() == OverridePolicy.NEVER && cl.authority().equals(top)) {
                    reasons.computeIfAbsent(c, k -> new ArrayList<>()).add(new Reason(ReasonKind.ALWAYS_ON,
                            "a rule with override never at the highest authority (" + top + ")"));
                }
            }
        }

        // instructions: level, cue, clauses addressed
        int below = charter.parties().size();
        Map<Integer, Optional<String>> partyOf = new HashMap<>();
        Map<Integer, Integer> level = new HashMap<>();
        Map<Integer, Optional<OverrideKind>> cueOf = new HashMap<>();
        Map<Integer, List<String>> addresses = new HashMap<>();
        Map<Integer, List<String>> overrides = new HashMap<>();
        Map<Integer, List<Attempt>> attempts = new TreeMap<>();
        for (int m : instructions) {
            Request.Message msg = request.messages().get(m);
            Optional<String> party = settings.party(msg.role(), charter.parties());
            partyOf.put(m, party);
            level.put(m, party.map(charter::rank).orElse(below));
            List<CueSentence> cs = cueSentences.get(m);
            Optional<OverrideKind> cue = cs.stream().map(CueSentence::kind).min(Comparator.naturalOrder());
            cueOf.put(m, cue);
            Integer qrow = queryMessages.contains(m) ? row.get(msg.text()) : null; // only queries are embedded whole
            List<String> addr = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (!inScope[c]) continue;
                boolean named = idPatterns[c].matcher(msg.text()).find();
                double sim = Double.NEGATIVE_INFINITY;
                String where = null;
                if (qrow != null) for (int d : docsOfClause[c]) if (s[qrow][d] > sim) { sim = s[qrow][d]; where = docs.get(d).label(); }
                if (!named && sim < settings.addressScore()) continue;
                addr.add(clauses.get(c).id());
                String evidence = named ? "names the clause id '" + clauses.get(c).id() + "'"
                        : String.format(Locale.ROOT, "similarity %.3f to its %s", sim, where);
                retrievedOrAddressed.add(c);
                reasons.computeIfAbsent(c, k -> new ArrayList<>()).add(new Reason(ReasonKind.ADDRESSED,
                        "message " + m + " (" + msg.role().wireName() + ") " + evidence));
            }
            // override attempts: a sentence with a cue that itself addresses the clause (explicit before implicit)
            for (int c = 0; c < n; c++) {
                if (!inScope[c]) continue;
                Attempt found = null;
                for (CueSentence sentence : cs) {
                    boolean named = idPatterns[c].matcher(sentence.text()).find();
                    double[] sr = s[row.get(sentence.text())];
                    double sim = Double.NEGATIVE_INFINITY;
                    String where = null;
                    for (int d : docsOfClause[c]) if (sr[d] > sim) { sim = sr[d]; where = docs.get(d).label(); }
                    if (!named && sim < settings.addressScore()) continue;
                    String evidence = (named ? "names the clause id '" + clauses.get(c).id() + "'"
                            : String.format(Locale.ROOT, "similarity %.3f to its %s", sim, where))
                            + "; " + sentence.kind().wireName() + " cue '" + sentence.cue() + "' in \"" + abbreviate(sentence.text()) + "\"";
                    if (found == null || sentence.kind().compareTo(found.kind()) < 0) found = new Attempt(m, sentence.kind(), evidence);
                }
                if (found != null) {
                    attempts.computeIfAbsent(c, k -> new ArrayList<>()).add(found);
                    if (!addr.contains(clauses.get(c).id())) {
                        addr.add(clauses.get(c).id());
                        retrievedOrAddressed.add(c);
                        reasons.computeIfAbsent(c, k -> new ArrayList<>()).add(new Reason(ReasonKind.ADDRESSED,
                                "message " + m + " (" + msg.role().wireName() + ") " + found.evidence()));
                    }
                }
            }
            addresses.put(m, addr);
            overrides.put(m, new ArrayList<>());
        }

        // precedence on each attempted clause
        List<Conflict> conflicts = new ArrayList<>();
        Map<Integer, Overridden> overridden = new TreeMap<>();
        for (var e : attempts.entrySet()) {
            int c = e.getKey();
            Clause cl = clauses.get(c);
            int clauseRank = charter.rank(cl.authority());
            List<Attempt> list = e.getValue();
            Attempt win = list.stream().min(Comparator.comparingInt((Attempt a) -> level.get(a.message())).thenComparingInt(a -> -a.message())).orElseThrow();
            for (Attempt a : list) {
                if (a != win) {
                    reasons.get(c).add(new Reason(ReasonKind.STANDS, "message " + a.message() + "'s attempt gives way to message " + win.message()
                            + (level.get(a.message()).equals(level.get(win.message())) ? " (later, same level)" : " (higher level)")));
                }
            }
            String who = "message " + win.message() + " (" + request.messages().get(win.message()).role().wireName() + ", "
                    + partyOf.get(win.message()).map(p -> "level " + p).orElse("no party: below every level") + ")";
            if (cl.override() == OverridePolicy.NEVER) {
                List<Integer> explicit = list.stream().filter(a -> a.kind() == OverrideKind.EXPLICIT).map(Attempt::message).distinct().sorted().toList();
                if (!explicit.isEmpty()) {
                    conflicts.add(new Conflict(ConflictKind.OVERRIDE_OF_NEVER, List.of(cl.id()), explicit, true,
                            "message" + (explicit.size() > 1 ? "s " : " ") + explicit + " explicitly ask" + (explicit.size() > 1 ? "" : "s")
                                    + " to set aside " + cl.id() + " (" + cl.authority() + ", override never): the clause stands"));
                }
                reasons.get(c).add(new Reason(ReasonKind.STANDS, who + " tries to override it (" + win.evidence() + "); override never: nothing overrides it"));
            } else if (level.get(win.message()) > clauseRank) {
                reasons.get(c).add(new Reason(ReasonKind.STANDS, who + " tries to override it (" + win.evidence() + "), but is below the clause's authority ("
                        + cl.authority() + ")"));
            } else if (cl.override() == OverridePolicy.EXPLICIT && win.kind() == OverrideKind.IMPLICIT) {
                reasons.get(c).add(new Reason(ReasonKind.STANDS, who + " changes the context (" + win.evidence()
                        + "), but override explicit needs an explicit instruction"));
            } else {
                String why = String.format(Locale.ROOT, "%s: level %s is at or above the clause's authority (%s); override %s allows %s instructions", who,
                        partyOf.get(win.message()).orElse("-"), cl.authority(), cl.override().wireName(), win.kind().wireName());
                overridden.put(c, new Overridden(cl, score[c] == Double.NEGATIVE_INFINITY ? Double.NaN : score[c], win.message(), request.messages().get(win.message()).role(), partyOf.get(win.message()),
                        win.kind(), win.evidence(), why));
                overrides.get(win.message()).add(cl.id());
            }
        }

        // later same-level instructions supersede earlier similar ones
        Map<Integer, Integer> supersededBy = new HashMap<>();
        List<Integer> paired = new ArrayList<>(); // instructions with another at the same level and role
        for (int a : instructions) {
            for (int b : instructions) {
                if (a != b && level.get(a).equals(level.get(b)) && request.messages().get(a).role() == request.messages().get(b).role()) {
                    paired.add(a);
                    break;
                }
            }
        }
        if (!paired.isEmpty()) {
            TextSimilarity.Corpus own = similarity.corpus(Optional.empty(), paired.stream().map(k -> request.messages().get(k).text()).toList());
            double[][] sim = own.cross(own); // every pair, one embedding per instruction
            for (int i = 0; i < paired.size(); i++) {
                int a = paired.get(i);
                for (int j = paired.size() - 1; j > i; j--) {
                    int b = paired.get(j);
                    if (!level.get(a).equals(level.get(b)) || request.messages().get(a).role() != request.messages().get(b).role()) continue;
                    if (sim[i][j] >= settings.supersedeScore()) {
                        supersededBy.put(a, b);
                        break;
                    }
                }
            }
        }

        // applicable: in scope and (retrieved, addressed or always on), not overridden
        List<Applicable> applicable = new ArrayList<>();
        List<Integer> applicableIdx = new ArrayList<>();
        for (var e : reasons.entrySet()) {
            int c = e.getKey();
            if (overridden.containsKey(c)) continue;
            List<Reason> rs = new ArrayList<>();
            rs.add(new Reason(ReasonKind.SCOPE, clauses.get(c).scope().isAny() ? "applies everywhere" : "its scope matches " + request.context().describe()));
            rs.addAll(e.getValue());
            applicable.add(new Applicable(clauses.get(c), score[c] == Double.NEGATIVE_INFINITY ? Double.NaN : score[c],
                    best[c] == null ? "-" : best[c], rs));
            applicableIdx.add(c);
        }
        applicable.sort(Comparator.comparingInt((Applicable a) -> charter.rank(a.clause().authority())).thenComparingInt(a -> clauseIndex.get(a.clause().id())));

        // contradicting examples among applicable clauses, at least one brought in by the request itself
        for (int x = 0; x < applicableIdx.size(); x++) {
            for (int y = x + 1; y < applicableIdx.size(); y++) {
                int a = applicableIdx.get(x), b = applicableIdx.get(y);
                if (!retrievedOrAddressed.contains(a) || !retrievedOrAddressed.contains(b)) continue;
                Contradiction k = contradictions.get(pairKey(a, b));
                if (k == null) continue;
                boolean settled = charter.rank(clauses.get(a).authority()) != charter.rank(clauses.get(b).authority());
                conflicts.add(new Conflict(ConflictKind.EXAMPLES_CONTRADICT, List.of(clauses.get(k.a()).id(), clauses.get(k.b()).id()), List.of(),
                        settled, k.detail()));
            }
        }

        // precedents matching the request
        List<Resolution.PrecedentMatch> precedents = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            Doc doc = docs.get(d);
            if (doc.kind() != SourceKind.PRECEDENT) continue;
            double bestP = Double.NEGATIVE_INFINITY;
            for (int m : queryMessages) bestP = Math.max(bestP, s[row.get(request.messages().get(m).text())][d]);
            if (bestP >= settings.minScore()) {
                Precedent p = charter.precedents().get(d - (docs.size() - charter.precedents().size()));
                precedents.add(new Resolution.PrecedentMatch(p.id(), bestP, p.ruling(), p.clauses()));
            }
        }

        // gaps
        Optional<String> gap;
        boolean anyInScope = false;
        for (boolean b : inScope) anyInScope |= b;
        if (!anyInScope) gap = Optional.of("no clause of the charter is in scope for this request's metadata (" + request.context().describe() + ")");
        else if (queryMessages.isEmpty()) gap = Optional.of("the request has no instruction to retrieve clauses by");
        else if (ranked.isEmpty()) gap = Optional.of("nothing applies: no in-scope clause has a text to compare with");
        else if (score[ranked.get(0)] < settings.minScore()) {
            gap = Optional.of(String.format(Locale.ROOT, "nothing applies: the best match, %s, scores %.3f, below %.2f",
                    clauses.get(ranked.get(0)).id(), score[ranked.get(0)], settings.minScore()));
        } else if (score[ranked.get(0)] < settings.weakScore()) {
            gap = Optional.of(String.format(Locale.ROOT, "only weak matches: the best, %s, scores %.3f, below %.2f",
                    clauses.get(ranked.get(0)).id(), score[ranked.get(0)], settings.weakScore()));
        } else gap = Optional.empty();

        List<InstructionOutcome> outcomes = new ArrayList<>();
        for (int m : instructions) {
            Integer by = supersededBy.get(m);
            outcomes.add(new InstructionOutcome(m, request.messages().get(m).role(), partyOf.get(m),
                    by == null ? InstructionStatus.IN_FORCE : InstructionStatus.SUPERSEDED, Optional.ofNullable(by), cueOf.get(m),
                    addresses.get(m), overrides.get(m)));
        }
        List<Resolution.Scored> top = new ArrayList<>();
        for (int c : ranked.subList(0, Math.min(5, ranked.size()))) top.add(new Resolution.Scored(clauses.get(c).id(), clauses.get(c).authority(), score[c], best[c]));
        List<Resolution.Query> qs = queryMessages.stream().map(m -> new Resolution.Query(m, request.messages().get(m).role(), request.messages().get(m).text())).toList();
        return new Resolution(charter.id(), charter.version(), hash, similarity.name(), request.context(), qs, applicable,
                List.copyOf(overridden.values()), outcomes, precedents, conflicts, gap.isPresent(), gap, top);
    }

    private record Attempt(int message, OverrideKind kind, String evidence) { }

    private List<Integer> queryMessages(Request request) {
        List<Integer> ins = request.instructions();
        if (settings.query() == ResolverSettings.QueryMessages.ALL_INSTRUCTIONS) return ins;
        Optional<Integer> u = request.lastUserMessage();
        if (u.isPresent()) return List.of(u.get());
        return ins.isEmpty() ? List.of() : List.of(ins.get(ins.size() - 1));
    }

    /** A sentence of an instruction that carries an override cue: its text, the cue's kind and the cue itself. */
    record CueSentence(String text, OverrideKind kind, String cue) { }

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;])\\s+|\\n+");

    /** The sentences of a text that carry an override cue (an explicit cue wins over an implicit one in the same sentence). */
    static List<CueSentence> cueSentences(String text) {
        List<CueSentence> out = new ArrayList<>();
        for (String sentence : SENTENCE.split(text)) {
            String t = sentence.strip();
            if (t.isEmpty()) continue;
            var e = EXPLICIT_CUE.matcher(t);
            if (e.find()) {
                out.add(new CueSentence(t, OverrideKind.EXPLICIT, e.group().toLowerCase(Locale.ROOT)));
                continue;
            }
            var i = IMPLICIT_CUE.matcher(t);
            if (i.find()) out.add(new CueSentence(t, OverrideKind.IMPLICIT, i.group().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
