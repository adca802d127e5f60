package org.charter.llm;

import java.util.List;
import java.util.Objects;

import org.charter.core.judge.TextEncoder;

/** The in-process sentence {@link Embedder} as the {@link TextEncoder} core judges compare texts with (its cache included). */
public final class EmbedderEncoder implements TextEncoder {
    private final Embedder embedder;

    public EmbedderEncoder(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public float[] encode(String text) {
        return embedder.embed(text).toArray();
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        return embedder.embedAll(texts).stream().map(Embedding::toArray).toList();
    }
}
