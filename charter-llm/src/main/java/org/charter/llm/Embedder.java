package org.charter.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * In-process sentence embeddings: all-MiniLM-L6-v2 on ONNX Runtime through LangChain4j, 384-dimensional unit
 * vectors, with a bounded, thread-safe least-recently-used cache keyed by the SHA-256 of the text, so that a charter's
 * clause embeddings are computed once. Thread-safe.
 *
 * <p>On first use the HuggingFace tokenizer (DJL) extracts its native library into {@code $DJL_CACHE_DIR}, else
 * {@code ~/.djl.ai} when the home folder is writable, else {@code java.io.tmpdir/.djl.ai}; ONNX Runtime extracts its
 * own into {@code java.io.tmpdir}. A clean home (as in CI) works: the folder is created.
 */
public final class Embedder {
    /** Texts kept in the cache by default: a charter of a few hundred clauses and examples, several times over. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    /** The model Charter uses unless told otherwise (see NOTES-llm.md for the measurement behind the choice). */
    public static final MiniLm DEFAULT_MODEL = MiniLm.QUANTISED;

    /** Counters of the cache. */
    public record CacheStats(long hits, long misses, long evictions, int size, int capacity) { }

    private record Key(long a, long b, long c, long d) { }

    private final MiniLm model;
    private final EmbeddingModel lc4j;
    private final int capacity;
    private final LinkedHashMap<Key, Embedding> cache;
    private final AtomicLong hits = new AtomicLong(), misses = new AtomicLong(), evictions = new AtomicLong();

    private Embedder(MiniLm model, EmbeddingModel lc4j, int capacity) {
        this.model = model;
        this.lc4j = lc4j;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Embedding> eldest) {
                boolean evict = size() > Embedder.this.capacity;
                if (evict) evictions.incrementAndGet();
                return evict;
            }
        };
    }

    /** The default model with the default cache. */
    public static Embedder create() {
        return create(DEFAULT_MODEL, DEFAULT_CACHE_SIZE);
    }

    /** Loads {@code model} (a second or two the first time in a JVM) with a cache of {@code cacheSize} texts (0 for none). */
    public static Embedder create(MiniLm model, int cacheSize) {
        Objects.requireNonNull(model, "model");
        if (cacheSize < 0) throw new IllegalArgumentException("the cache size must not be negative");
        return new Embedder(model, model.load(), cacheSize);
    }

    public MiniLm model() {
        return model;
    }

    public int dimension() {
        return MiniLm.DIMENSION;
    }

    /** The embedding of {@code text}, from the cache when it was embedded before. Blank text is refused. */
    public Embedding embed(String text) {
        Key key = key(text);
        Embedding cached = lookup(key);
        if (cached != null) return cached;
        Embedding e = compute(text);
        store(key, e);
        return e;
    }

    /**
     * The embeddings of {@code texts} in order; cached ones are reused, duplicates computed once, and the rest embedded
     * in one call (LangChain4j runs them in parallel on its executor).
     */
    public List<Embedding> embedAll(List<String> texts) {
        List<Key> keys = new ArrayList<>(texts.size());
        Map<Key, Embedding> found = new HashMap<>();
        Map<Key, String> todo = new LinkedHashMap<>();
        for (String t : texts) {
            Key k = key(t);
            keys.add(k);
            if (found.containsKey(k) || todo.containsKey(k)) continue;
            Embedding cached = lookup(k);
            if (cached != null) found.put(k, cached);
            else todo.put(k, t);
        }
        if (!todo.isEmpty()) {
            List<TextSegment> segments = todo.values().stream().map(TextSegment::from).toList();
            List<dev.langchain4j.data.embedding.Embedding> computed = lc4j.embedAll(segments).content();
            if (computed.size() != segments.size()) {
                throw new IllegalStateException("the embedding model returned " + computed.size() + " vectors for " + segments.size() + " texts");
            }
            int i = 0;
            for (Key k : todo.keySet()) {
                Embedding e = checked(computed.get(i++).vector());
                found.put(k, e);
                store(k, e);
            }
        }
        List<Embedding> out = new ArrayList<>(texts.size());
        for (Key k : keys) out.add(found.get(k));
        return out;
    }

    /** The cache's counters so far. */
    public CacheStats cacheStats() {
        synchronized (cache) {
            return new CacheStats(hits.get(), misses.get(), evictions.get(), cache.size(), capacity);
        }
    }

    private Embedding compute(String text) {
        return checked(lc4j.embed(text).content().vector());
    }

    private Embedding checked(float[] vector) {
        if (vector.length != MiniLm.DIMENSION) {
            throw new IllegalStateException("the embedding model returned " + vector.length + " dimensions, not " + MiniLm.DIMENSION);
        }
        return Embedding.normalised(vector);
    }

    private Embedding lookup(Key key) {
        if (capacity == 0) {
            misses.incrementAndGet();
            return null;
        }
        synchronized (cache) {
            Embedding e = cache.get(key);
            (e != null ? hits : misses).incrementAndGet();
            return e;
        }
    }

    private void store(Key key, Embedding e) {
        if (capacity == 0) return;
        synchronized (cache) {
            cache.put(key, e);
        }
    }

    private static Key key(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) throw new IllegalArgumentException("cannot embed blank text");
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return new Key(longAt(h, 0), longAt(h, 8), longAt(h, 16), longAt(h, 24));
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }
}
