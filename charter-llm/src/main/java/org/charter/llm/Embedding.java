package org.charter.llm;

import java.util.Arrays;

/** An L2-normalised embedding vector (immutable): the cosine similarity of two is their dot product. */
public final class Embedding {
    private final float[] values;

    private Embedding(float[] values) {
        this.values = values;
    }

    /**
     * The unit vector in the direction of {@code raw} (normalised in double precision). A zero or non-finite vector
     * is refused: it has no direction.
     */
    public static Embedding normalised(float[] raw) {
        double sum = 0;
        for (float v : raw) sum += (double) v * v;
        if (!(sum > 0) || Double.isInfinite(sum)) throw new IllegalArgumentException("cannot normalise a zero or non-finite vector");
        double inv = 1 / Math.sqrt(sum);
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = (float) (raw[i] * inv);
        return new Embedding(out);
    }

    public int dimension() {
        return values.length;
    }

    public float get(int i) {
        return values[i];
    }

    /** A copy of the components. */
    public float[] toArray() {
        return values.clone();
    }

    /** The cosine similarity: the dot product of two unit vectors, in [-1, 1] up to rounding. */
    public double cosine(Embedding other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("dimensions differ: " + values.length + " and " + other.values.length);
        }
        double dot = 0;
        for (int i = 0; i < values.length; i++) dot += (double) values[i] * other.values[i];
        return dot;
    }

    /** The Euclidean norm (1 up to float rounding). */
    public double norm() {
        double sum = 0;
        for (float v : values) sum += (double) v * v;
        return Math.sqrt(sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Embedding[" + values.length + " dims: " + (values.length > 0 ? values[0] + ", ..." : "") + "]";
    }
}
