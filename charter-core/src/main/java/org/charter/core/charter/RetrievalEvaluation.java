package org.charter.core.charter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-out retrieval accuracy of a charter's own examples: each example prompt is a query, its own prompt (and
 * any identical prompt) is taken out of the corpus, and we check where the clause it sits under ranks among all the
 * charter's clauses. Measures how well {@link Resolver}'s retrieval finds the clause a request is about, without
 * any example ever retrieving itself.
 */
public final class RetrievalEvaluation {
    /*
     * [1] OpenAI. "Model Spec", release 2025-12-18 (its <comparison> examples are the labelled queries).
     * [2] C. Manning, P. Raghavan, H. Schütze. "Introduction to Information Retrieval", Cambridge University Press,
     *     2008, ch. 8 (precision at k, mean reciprocal rank).
     */
    private RetrievalEvaluation() { }

    /** One held-out example: its clause, the rank of that clause (1 = first; ties count against it) and the scores. */
    public record Item(String clause, int example, int rank, double trueScore, double bestScore, String bestClause) { }

    /**
     * The results over all examples with a prompt.
     *
     * @param top1 examples whose clause ranks first
     * @param top3 examples whose clause ranks in the first three
     * @param retrieved examples whose clause {@link Resolver} would retrieve under its settings (score at least
     *        minScore and rank at most maxRetrieved)
     * @param gaps examples the resolver would call a gap (best score below weakScore)
     */
    public record Result(String similarity, int n, int clauses, int top1, int top3, int retrieved, int gaps, double meanReciprocalRank,
            Map<String, Double> trueScoreQuantiles, Map<String, Double> bestScoreQuantiles, List<Item> items) {
        public Result {
            items = List.copyOf(items);
            trueScoreQuantiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trueScoreQuantiles));
            bestScoreQuantiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bestScoreQuantiles));
        }

        public double top1Rate() {
            return (double) top1 / n;
        }

        public double top3Rate() {
            return (double) top3 / n;
        }

        /** One line per figure. */
        public String describe() {
            return String.format(Locale.ROOT, "leave-one-out retrieval over %d example prompts and %d clauses (%s):%n"
                    + "  top-1 %d/%d = %.3f, top-3 %d/%d = %.3f, mean reciprocal rank %.3f%n"
                    + "  retrieved under the settings %d/%d = %.3f; called a gap %d/%d = %.3f%n"
                    + "  score of the true clause, quantiles %s; best score %s%n",
                    n, clauses, similarity, top1, n, top1Rate(), top3, n, top3Rate(), meanReciprocalRank, retrieved, n, (double) retrieved / n,
                    gaps, n, (double) gaps / n, fmt(trueScoreQuantiles), fmt(bestScoreQuantiles));
        }

        private static String fmt(Map<String, Double> q) {
            var sb = new StringBuilder();
            q.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(String.format(Locale.ROOT, "%.3f", v)));
            return sb.toString();
        }
    }

    /** Runs the evaluation over every example with a prompt, in charter order (scope is not applied: all clauses compete). */
    public static Result leaveOneOut(Resolver resolver) {
        Charter charter = resolver.charter();
        List<Clause> clauses = charter.clauses();
        List<String> queries = new ArrayList<>();
        List<int[]> who = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            List<Example> ex = clauses.get(c).examples();
            for (int e = 0; e < ex.size(); e++) {
                if (ex.get(e).prompt().isEmpty()) continue;
                queries.add(Resolver.queryText(ex.get(e).prompt().get()));
                who.add(new int[] {c, e});
            }
        }
        if (queries.isEmpty()) throw new IllegalArgumentException("charter " + charter.id() + " has no example prompts to evaluate");
        double[][] s = resolver.scores(queries);
        List<Resolver.Doc> docs = resolver.docs();
        ResolverSettings st = resolver.settings();
        List<Item> items = new ArrayList<>();
        int top1 = 0, top3 = 0, retrieved = 0, gaps = 0;
        double rr = 0;
        double[] trueScores = new double[queries.size()], bestScores = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            double[] score = new double[clauses.size()];
            Arrays.fill(score, Double.NEGATIVE_INFINITY);
            for (int c = 0; c < clauses.size(); c++) {
                for (int d : resolver.docsOf(c)) {
                    if (heldOut(docs.get(d), queries.get(q), c, who.get(q), clauses)) continue;
                    score[c] = Math.max(score[c], s[q][d]);
                }
            }
            int truth = who.get(q)[0];
            int rank = 1, bestC = truth;
            for (int c = 0; c < clauses.size(); c++) {
                if (c != truth && score[c] >= score[truth]) rank++;
                if (score[c] > score[bestC]) bestC = c;
            }
            if (rank == 1) top1++;
            if (rank <= 3) top3++;
            if (rank <= st.maxRetrieved() && score[truth] >= st.minScore()) retrieved++;
            if (score[bestC] < st.weakScore()) gaps++;
            rr += 1.0 / rank;
            trueScores[q] = score[truth];
            bestScores[q] = score[bestC];
            items.add(new Item(clauses.get(truth).id(), who.get(q)[1] + 1, rank, score[truth], score[bestC], clauses.get(bestC).id()));
        }
        return new Result(resolver.similarityName(), queries.size(), clauses.size(), top1, top3, retrieved, gaps, rr / queries.size(),
                quantiles(trueScores), quantiles(bestScores), items);
    }

    /**
     * Whether a text is held out for a query: an identical text; the example itself; and the other examples of the
     * same clause with the same title (in the Model Spec, the comparisons of one block, whose conversations overlap).
     */
    private static boolean heldOut(Resolver.Doc doc, String query, int clause, int[] who, List<Clause> clauses) {
        if (doc.text().equals(query)) return true;
        if (doc.example() < 0 || clause != who[0]) return false;
        if (doc.example() == who[1]) return true;
        List<Example> ex = clauses.get(clause).examples();
        return ex.get(who[1]).title().isPresent() && ex.get(who[1]).title().equals(ex.get(doc.example()).title());
    }

    private static Map<String, Double> quantiles(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        Map<String, Double> out = new LinkedHashMap<>();
        for (double p : new double[] {0.05, 0.10, 0.20, 0.25, 0.50, 0.75}) {
            int i = Math.max(0, Math.min(v.length - 1, (int) Math.ceil(p * v.length) - 1));
            out.put("p" + Math.round(p * 100), v[i]);
        }
        return out;
    }
}
