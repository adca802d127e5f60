package org.charter.core.charter;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model-free text similarity: the cosine of two texts' word-count vectors (lower-cased letters and digits,
 * accents removed, English stop words dropped). A transparent baseline for the embedding similarity and a
 * deterministic stand-in in tests; it sees shared words, not meaning.
 */
public final class TokenOverlapSimilarity implements TextSimilarity {
    /*
     * [1] G. Salton, A. Wong, C. S. Yang. "A vector space model for automatic indexing." Communications of the ACM
     *     18(11), 1975.
     */

    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for",
            "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those",
            "i", "me", "my", "you", "your", "we", "our", "he", "she", "they", "them", "his", "her", "their", "do", "does", "did",
            "can", "could", "would", "should", "will", "so", "not", "no", "what", "how", "which", "who", "about", "into", "than",
            "then", "there", "here", "any", "all", "some", "just", "also", "very", "have", "has", "had");

    @Override
    public String name() {
        return "token-overlap";
    }

    @Override
    public Corpus corpus(Optional<String> key, List<String> texts) {
        List<Map<String, Integer>> vectors = texts.stream().map(TokenOverlapSimilarity::counts).toList();
        double[] norms = vectors.stream().mapToDouble(TokenOverlapSimilarity::norm).toArray();
        return new Corpus() {
            @Override
            public int size() {
                return vectors.size();
            }

            @Override
            public List<String> texts() {
                return List.copyOf(texts);
            }

            @Override
            public double[][] scores(List<String> queries) {
                double[][] out = new double[queries.size()][vectors.size()];
                for (int q = 0; q < queries.size(); q++) {
                    if (queries.get(q) == null || queries.get(q).isBlank()) throw new IllegalArgumentException("a query is blank");
                    Map<String, Integer> qv = counts(queries.get(q));
                    double qn = norm(qv);
                    for (int t = 0; t < vectors.size(); t++) {
                        if (qn == 0 || norms[t] == 0) continue;
                        Map<String, Integer> tv = vectors.get(t);
                        double dot = 0;
                        for (var e : qv.entrySet()) {
                            Integer c = tv.get(e.getKey());
                            if (c != null) dot += (double) e.getValue() * c;
                        }
                        out[q][t] = dot / (qn * norms[t]);
                    }
                }
                return out;
            }
        };
    }

    /** The words of a text with their counts (see the class comment). */
    static Map<String, Integer> counts(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        Map<String, Integer> out = new HashMap<>();
        for (String w : plain.split("[^\\p{L}\\p{N}_]+")) {
            if (w.isEmpty() || STOP_WORDS.contains(w)) continue;
            out.merge(w, 1, Integer::sum);
        }
        return out;
    }

    private static double norm(Map<String, Integer> v) {
        double s = 0;
        for (int c : v.values()) s += (double) c * c;
        return Math.sqrt(s);
    }
}
