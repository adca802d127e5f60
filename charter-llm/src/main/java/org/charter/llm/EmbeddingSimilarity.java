package org.charter.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.charter.core.charter.TextSimilarity;

/**
 * The charter resolver's {@link TextSimilarity} over in-process embeddings: the cosine similarity of
 * all-MiniLM-L6-v2 vectors from an {@link Embedder}. A keyed corpus (the resolver keys it by the charter's content
 * hash) is embedded once and kept, as one contiguous matrix, for as long as it is among the last
 * {@link #KEPT_CORPORA} used; queries go through the Embedder's own cache.
 */
public final class EmbeddingSimilarity implements TextSimilarity {
    /** Keyed corpora kept (a few charter versions, each with its response corpus). */
    public static final int KEPT_CORPORA = 16;

    /** Texts are embedded up to this many characters (about 250 word pieces of English prose): see {@link #truncate}. */
    public static final int MAX_CHARS = 1_000;

    /** Query batches up to this size are embedded one by one on the caller's thread. */
    static final int SMALL_BATCH = 4;

    private final Embedder embedder;
    private final LinkedHashMap<String, Matrix> kept = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Matrix> eldest) {
            return size() > KEPT_CORPORA;
        }
    };
    private long corporaEmbedded;

    public EmbeddingSimilarity(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public String name() {
        return embedder.model().id();
    }

    public Embedder embedder() {
        return embedder;
    }

    /** How many corpora were embedded (not found among the kept ones) so far. */
    public synchronized long corporaEmbedded() {
        return corporaEmbedded;
    }

    @Override
    public Corpus corpus(Optional<String> key, List<String> texts) {
        List<String> copy = List.copyOf(texts);
        if (key.isEmpty()) return build(copy);
        synchronized (this) {
            Matrix m = kept.get(key.get());
            if (m != null && m.texts().equals(copy)) return m;
        }
        Matrix m = build(copy);
        synchronized (this) {
            kept.put(key.get(), m);
        }
        return m;
    }

    /**
     * The text as embedded: cut after {@link #MAX_CHARS} characters, at the last space before the limit when there is
     * one. all-MiniLM-L6-v2 was trained on inputs of at most 256 word pieces (sentence-transformers truncates there),
     * while LangChain4j averages the embeddings of 510-token pieces; cutting keeps long transcripts close to the model's
     * own use and bounds the cost of one embedding.
     */
    static String truncate(String text) {
        if (text.length() <= MAX_CHARS) return text;
        int cut = text.lastIndexOf(' ', MAX_CHARS);
        return text.substring(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS);
    }

    private Matrix build(List<String> texts) {
        synchronized (this) {
            corporaEmbedded++;
        }
        int dim = embedder.dimension();
        float[] rows = new float[texts.size() * dim];
        // blank texts cannot be embedded: they keep a zero row and score 0 against everything
        List<String> nonBlank = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isBlank()) {
                nonBlank.add(texts.get(i));
                at.add(i);
            }
        }
        List<Embedding> es = nonBlank.isEmpty() ? List.of() : embedder.embedAll(nonBlank.stream().map(EmbeddingSimilarity::truncate).toList());
        for (int k = 0; k < es.size(); k++) {
            Embedding e = es.get(k);
            int off = at.get(k) * dim;
            for (int j = 0; j < dim; j++) rows[off + j] = e.get(j);
        }
        return new Matrix(texts, rows, dim, embedder);
    }

    /** A corpus as one row-major matrix of unit vectors. */
    private record Matrix(List<String> texts, float[] rows, int dim, Embedder embedder) implements Corpus {
        @Override
        public List<String> texts() {
            return texts;
        }

        @Override
        public int size() {
            return texts.size();
        }

        @Override
        public double[][] scores(List<String> queries) {
            for (String q : queries) if (q == null || q.isBlank()) throw new IllegalArgumentException("a query is blank");
            List<String> cut = queries.stream().map(EmbeddingSimilarity::truncate).toList();
            // a few queries (one request's) are embedded on this thread: handing them to an executor costs more than it saves
            List<Embedding> qs = cut.size() <= SMALL_BATCH ? cut.stream().map(embedder::embed).toList() : embedder.embedAll(cut);
            double[][] out = new double[queries.size()][texts.size()];
            for (int q = 0; q < qs.size(); q++) {
                float[] v = qs.get(q).toArray();
                row(v, 0, out[q]);
            }
            return out;
        }

        private void row(float[] v, int voff, double[] row) {
            for (int t = 0, off = 0; t < row.length; t++, off += dim) {
                double dot = 0;
                for (int j = 0; j < dim; j++) dot += v[voff + j] * rows[off + j];
                row[t] = dot;
            }
        }

        @Override
        public double[][] cross(Corpus queries) {
            if (!(queries instanceof Matrix m) || m.dim != dim) return Corpus.super.cross(queries);
            double[][] out = new double[m.size()][texts.size()];
            for (int q = 0; q < m.size(); q++) row(m.rows, q * dim, out[q]);
            return out;
        }

        @Override
        public double pair(int i, int j) {
            double dot = 0;
            for (int k = 0; k < dim; k++) dot += rows[i * dim + k] * rows[j * dim + k];
            return dot;
        }
    }
}
