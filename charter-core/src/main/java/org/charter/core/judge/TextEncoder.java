package org.charter.core.judge;

import java.util.List;

/**
 * Turns texts into unit-length vectors whose dot product is their semantic similarity (cosine). Core judges see
 * meaning only through this interface; charter-llm plugs in the in-process sentence embedder.
 */
public interface TextEncoder {
    /** The unit vector of a text (L2 norm 1 up to float rounding). */
    float[] encode(String text);

    /** The vectors of several texts, in order; implementations may batch. */
    default List<float[]> encodeAll(List<String> texts) {
        return texts.stream().map(this::encode).toList();
    }

    /** The cosine of two unit vectors: their dot product. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += (double) a[i] * b[i];
        return dot;
    }
}
