package org.charter.core.charter;

import java.util.List;
import java.util.Optional;

/**
 * How similar two texts are, supplied by the caller of {@link Resolver} so that core stays free of any model: a
 * corpus of texts is prepared once (an embedding implementation embeds it, and may keep it under {@code key}, the
 * charter's content hash), then scored against batches of queries. Scores are on one scale where higher means
 * closer; embedding implementations give cosine similarities in [-1, 1], and the resolver's thresholds
 * ({@link ResolverSettings}) are calibrated on that scale for a named model.
 */
public interface TextSimilarity {
    /**
     * A corpus over {@code texts} (in order). With a {@code key}, an implementation may keep the prepared corpus and
     * return it again for the same key and texts; without one, the corpus is for one use.
     */
    Corpus corpus(Optional<String> key, List<String> texts);

    /** A name for records and reports, e.g. the embedding model's id. */
    String name();

    /** Prepared texts that queries are scored against. */
    interface Corpus {
        /** The number of texts. */
        int size();

        /** {@code result[q][t]}: the similarity of query {@code q} to text {@code t}; blank queries are refused. */
        double[][] scores(List<String> queries);

        /** The texts, in order. */
        List<String> texts();

        /**
         * {@code result[q][t]}: the similarity of text {@code q} of {@code queries} to text {@code t} of this corpus. An
         * implementation may reuse what both corpora prepared (an embedding one computes no new vector).
         */
        default double[][] cross(Corpus queries) {
            return scores(queries.texts());
        }

        /** The similarity of two texts of this corpus. */
        default double pair(int i, int j) {
            return scores(List.of(texts().get(i)))[0][j];
        }
    }
}
