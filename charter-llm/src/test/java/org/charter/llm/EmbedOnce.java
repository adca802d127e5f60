package org.charter.llm;

/** A child-JVM entry point for EmbedderTest: embeds one sentence and prints its dimension and norm. */
public final class EmbedOnce {
    private EmbedOnce() { }

    public static void main(String[] args) {
        Embedding e = Embedder.create().embed("A clean home is enough.");
        System.out.println("dimension=" + e.dimension() + " norm=" + Math.round(e.norm() * 1000) / 1000.0);
    }
}
