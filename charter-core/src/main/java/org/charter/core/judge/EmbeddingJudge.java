package org.charter.core.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Example;
import org.charter.core.charter.Precedent;

/**
 * A judge that needs no language model: a response violates a clause to the degree that it lies nearer, in
 * sentence-embedding space, to the clause's BAD example responses than to its GOOD ones (k-nearest neighbours [1]),
 * the difference turned into a probability by Platt scaling fitted on labelled data.
 *
 * <p>References of a clause: the GOOD and BAD responses of its examples and the responses of precedents citing it
 * (ruled complies = GOOD, violates = BAD); the Model Spec's OK answers are not used. With {@link Query#RESPONSE} the
 * response is compared with the references' responses; with {@link Query#PROMPT_AND_RESPONSE} the prompt and response
 * together with the references' prompts and responses. The score is
 * {@code mean of the k largest cosines to BAD references - mean of the k largest cosines to GOOD references}
 * (k = 1: nearest BAD minus nearest GOOD). With {@link Pool#CLAUSE_ONLY} (the default) only the clause's own
 * references count; {@link Pool#CLAUSE} falls back to the references of every clause of the charter when the clause
 * lacks one side, and the evidence says so; {@link Pool#CHARTER} always uses every clause's; with no reference at all on a side, P(violates) = 1/2 and the
 * method says "no references".
 *
 * <p>The judge takes applicability as given (P(not applicable) = 0): which clauses apply is resolution's work.
 * {@link #score} takes an exclusion predicate, so that evaluating on the charter's own examples can leave each
 * item's whole example block out (leave-one-out): an example never votes on itself.
 */
public final class EmbeddingJudge implements Judge {
    /*
     * [1] T. Cover, P. Hart. "Nearest neighbor pattern classification." IEEE Trans. Information Theory 13(1), 1967.
     * [2] N. Reimers, I. Gurevych. "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks." EMNLP 2019
     *     (the sentence embeddings compared by cosine).
     * [3] J. Platt. "Probabilistic Outputs for Support Vector Machines..." 1999 (the calibration, see PlattScaling).
     */

    /**
     * Platt scaling of the default score (k = 3, response only, the clause's own references), fitted on the 364
     * leave-one-out scores of the Model Spec's 389 GOOD and BAD responses that have references left once their block is
     * out (EmbeddingJudgeModelSpecTest prints it; NOTES-judges.md has the cross-validated figures). The slope is small:
     * on the Spec the score separates GOOD from BAD only weakly (AUC 0.59).
     */
    public static final PlattScaling MODEL_SPEC_CALIBRATION = new PlattScaling(2.9430, 0.0254);

    /** The default number of nearest references averaged on each side (the best of 1 and 3 on the Model Spec, leave-one-out). */
    public static final int DEFAULT_K = 3;

    /** What is compared with the references. */
    public enum Query { RESPONSE, PROMPT_AND_RESPONSE }

    /**
     * Which references a clause is judged against: {@code CLAUSE_ONLY}, its own only (no score, P = 1/2, when it lacks
     * GOOD or BAD ones); {@code CLAUSE}, its own, falling back to the whole charter's when it lacks GOOD or BAD ones;
     * {@code CHARTER}, every clause's, always (a generic "resembles known bad answers" detector that ignores which
     * clause is asked about).
     */
    public enum Pool { CLAUSE_ONLY, CLAUSE, CHARTER }

    /** One reference response: the clause it illustrates, its block (example or precedent group), whether it violates, its text and vector. */
    public record Reference(String clauseId, String group, boolean violates, String text, float[] vector) { }

    /** A reference and its cosine to the query. */
    public record Neighbour(String group, boolean violates, double cosine, String text) { }

    /**
     * The raw score of one clause, with its evidence: the mean top-k cosines to BAD and GOOD references, how many of
     * each were in the pool, whether the pool was the clause's own or the whole charter's, and the nearest of each side.
     */
    public record Score(String clauseId, double score, double bad, double good, int badCount, int goodCount, boolean clausePool,
            List<Neighbour> nearestBad, List<Neighbour> nearestGood) {
        /** Whether there were references on both sides (else the score is 0 and means nothing). */
        public boolean defined() {
            return badCount > 0 && goodCount > 0;
        }
    }

    private final String id;
    private final TextEncoder encoder;
    private final int k;
    private final Query query;
    private final PlattScaling calibration;
    private final Pool pooling;
    private final Map<String, Clause> clauses = new LinkedHashMap<>();
    private final Map<String, List<Reference>> byClause = new LinkedHashMap<>();
    private final List<Reference> all = new ArrayList<>();

    /** A judge with the clause pool ({@link Pool#CLAUSE}). */
    public EmbeddingJudge(String id, Charter charter, TextEncoder encoder, int k, Query query, PlattScaling calibration) {
        this(id, charter, encoder, k, query, Pool.CLAUSE, calibration);
    }

    /** Encodes every reference of the charter once, up front. */
    public EmbeddingJudge(String id, Charter charter, TextEncoder encoder, int k, Query query, Pool pooling, PlattScaling calibration) {
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.id = Objects.requireNonNull(id, "id");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, not " + k);
        this.k = k;
        this.query = Objects.requireNonNull(query, "query");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        for (Clause c : charter.clauses()) {
            clauses.put(c.id(), c);
            byClause.put(c.id(), new ArrayList<>(references(c, charter.precedents())));
        }
        for (var refs : byClause.values()) all.addAll(refs);
    }

    /** The default judge: k = 3, response only, the clause's own references only, the Model Spec calibration. */
    public static EmbeddingJudge of(Charter charter, TextEncoder encoder) {
        return new EmbeddingJudge("embedding", charter, encoder, DEFAULT_K, Query.RESPONSE, Pool.CLAUSE_ONLY, MODEL_SPEC_CALIBRATION);
    }

    /** The same judge with another calibration. */
    public EmbeddingJudge withCalibration(PlattScaling scaling) {
        return new EmbeddingJudge(this, scaling);
    }

    private EmbeddingJudge(EmbeddingJudge base, PlattScaling scaling) {
        this.id = base.id;
        this.encoder = base.encoder;
        this.k = base.k;
        this.query = base.query;
        this.calibration = Objects.requireNonNull(scaling, "scaling");
        this.pooling = base.pooling;
        this.clauses.putAll(base.clauses);
        this.byClause.putAll(base.byClause);
        this.all.addAll(base.all);
    }

    @Override
    public String id() {
        return id;
    }

    public int k() {
        return k;
    }

    public Pool pooling() {
        return pooling;
    }

    public Query query() {
        return query;
    }

    public PlattScaling calibration() {
        return calibration;
    }

    /** Every reference, clause by clause in charter order. */
    public List<Reference> references() {
        return List.copyOf(all);
    }

    @Override
    public Judgement judge(String prompt, String response, List<Clause> toCheck) {
        float[] q = encoder.encode(queryText(prompt, response));
        List<ClauseJudgement> out = new ArrayList<>();
        for (Clause c : toCheck) {
            Score s = score(q, c, r -> false);
            out.add(judgement(s));
        }
        return new Judgement(id, out);
    }

    /** The raw score of a response for one clause, leaving out the references {@code exclude} accepts. */
    public Score score(String prompt, String response, Clause clause, Predicate<Reference> exclude) {
        return score(encoder.encode(queryText(prompt, response)), clause, exclude);
    }

    /**
     * Leave-one-out raw scores of labelled items of this judge's charter: each item is scored against its own clause
     * with its whole group (example block or precedent) left out of the references, and also any reference whose
     * response is the same text as the item's, so that no item votes on itself.
     */
    public double[] leaveOneOutScores(List<LabelledExample> items) {
        double[] out = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            LabelledExample e = items.get(i);
            Clause c = clauses.get(e.clauseId());
            if (c == null) throw new IllegalArgumentException("no clause '" + e.clauseId() + "' in the judge's charter");
            Score s = score(e.prompt(), e.response(), c, r -> r.group().equals(e.group()) || r.text().equals(e.response()));
            out[i] = s.defined() ? s.score() : Double.NaN;
        }
        return out;
    }

    /** The probability of violation a score gives under this judge's calibration (1/2 when the score is undefined). */
    public double probability(Score s) {
        return s.defined() ? calibration.apply(s.score()) : 0.5;
    }

    private ClauseJudgement judgement(Score s) {
        double p = probability(s);
        String method = s.defined()
                ? String.format(Locale.ROOT, "embedding-knn k=%d, %s, Platt %s", k, s.clausePool() ? "clause examples" : "charter-wide examples", calibration)
                : "embedding-knn: no references";
        var ev = new StringBuilder();
        if (s.defined()) {
            ev.append(String.format(Locale.ROOT, "score %.4f = BAD %.4f - GOOD %.4f (%d BAD, %d GOOD references%s)", s.score(), s.bad(), s.good(),
                    s.badCount(), s.goodCount(), s.clausePool() ? "" : pooling == Pool.CHARTER ? "; charter-wide pool"
                            : "; the clause has too few examples of its own: charter-wide pool"));
        } else {
            ev.append(String.format(Locale.ROOT, "no score: a score needs BAD and GOOD references (%d BAD, %d GOOD references)", s.badCount(), s.goodCount()));
        }
        for (Neighbour n : s.nearestBad()) ev.append(String.format(Locale.ROOT, "%nnearest BAD  %.3f %s: %s", n.cosine(), n.group(), snippet(n.text())));
        for (Neighbour n : s.nearestGood()) ev.append(String.format(Locale.ROOT, "%nnearest GOOD %.3f %s: %s", n.cosine(), n.group(), snippet(n.text())));
        return ClauseJudgement.of(s.clauseId(), VerdictDistribution.ofViolation(p), method, ev.toString());
    }

    private Score score(float[] q, Clause clause, Predicate<Reference> exclude) {
        List<Reference> own = clause.equals(clauses.get(clause.id())) ? byClause.get(clause.id()) : references(clause, List.of());
        List<Reference> pool = own.stream().filter(exclude.negate()).toList();
        boolean clausePool = pooling != Pool.CHARTER && pool.stream().anyMatch(Reference::violates) && pool.stream().anyMatch(r -> !r.violates());
        if (!clausePool && pooling != Pool.CLAUSE_ONLY) {
            List<Reference> wide = new ArrayList<>(pool);
            for (Reference r : all) if (!r.clauseId().equals(clause.id()) && !exclude.test(r)) wide.add(r);
            pool = wide;
        }
        List<Neighbour> bad = new ArrayList<>(), good = new ArrayList<>();
        for (Reference r : pool) (r.violates() ? bad : good).add(new Neighbour(r.group(), r.violates(), TextEncoder.cosine(q, r.vector()), r.text()));
        Comparator<Neighbour> nearestFirst = Comparator.comparingDouble(Neighbour::cosine).reversed();
        bad.sort(nearestFirst);
        good.sort(nearestFirst);
        double b = topMean(bad), g = topMean(good);
        boolean defined = !bad.isEmpty() && !good.isEmpty();
        return new Score(clause.id(), defined ? b - g : 0, b, g, bad.size(), good.size(), clausePool,
                bad.isEmpty() ? List.of() : List.of(bad.get(0)), good.isEmpty() ? List.of() : List.of(good.get(0)));
    }

    private double topMean(List<Neighbour> sorted) {
        if (sorted.isEmpty()) return Double.NaN;
        int m = Math.min(k, sorted.size());
        double s = 0;
        for (int i = 0; i < m; i++) s += sorted.get(i).cosine();
        return s / m;
    }

    /** A reference before encoding: its block, label, response and the text that is encoded. */
    private record Pending(String group, boolean violates, String response, String encoded) { }

    private List<Reference> references(Clause c, List<Precedent> precedents) {
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < c.examples().size(); i++) {
            Example e = c.examples().get(i);
            String prompt = e.prompt().orElse("");
            String g = LabelledExample.exampleGroup(c.id(), i + 1);
            for (Example.Response r : e.good()) if (!r.text().isBlank()) pending.add(new Pending(g, false, r.text(), queryText(prompt, r.text())));
            for (Example.Response r : e.bad()) if (!r.text().isBlank()) pending.add(new Pending(g, true, r.text(), queryText(prompt, r.text())));
        }
        for (Precedent p : precedents) {
            if (!p.clauses().contains(c.id())) continue;
            pending.add(new Pending(LabelledExample.precedentGroup(p.id()), p.ruling() == Precedent.Ruling.VIOLATES, p.response(),
                    queryText(p.prompt(), p.response())));
        }
        List<float[]> vectors = pending.isEmpty() ? List.of() : encoder.encodeAll(pending.stream().map(Pending::encoded).toList());
        List<Reference> out = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            out.add(new Reference(c.id(), p.group(), p.violates(), p.response(), vectors.get(i)));
        }
        return List.copyOf(out);
    }

    private String queryText(String prompt, String response) {
        if (response == null || response.isBlank()) throw new IllegalArgumentException("the response to judge is empty");
        if (query == Query.RESPONSE || prompt == null || prompt.isBlank()) return response;
        return prompt + "\n\n" + response;
    }

    private static String snippet(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
