package org.charter.core.preference;

import java.util.Arrays;

/**
 * A feature vector phi(x, y) of a (prompt, response) pair, supplied by the caller: dense (an embedding) or sparse
 * (hashed n-grams, indices sorted). Immutable: constructors copy what they are given and accessors return copies;
 * the arithmetic a linear model needs ({@link #dot}, {@link #addTo}) works in place on the weights.
 */
public sealed interface FeatureVector permits FeatureVector.Dense, FeatureVector.Sparse {
    /** The dimension of the space the vector lives in. */
    int dimension();

    /** {@code w . this}; {@code w} has at least {@link #dimension()} entries. */
    double dot(double[] w);

    /** {@code target += scale * this}. */
    void addTo(double[] target, double scale);

    /** The Euclidean norm. */
    double norm();

    /** The number of stored entries (all of them for a dense vector). */
    int storedEntries();

    /** A dense vector of floats. */
    static Dense dense(float... values) {
        return new Dense(values);
    }

    /** A sparse vector: {@code indices} distinct, in [0, dimension), in any order (they are sorted here). */
    static Sparse sparse(int dimension, int[] indices, float[] values) {
        return new Sparse(dimension, indices, values);
    }

    /** A dense vector of floats (an embedding, say). */
    final class Dense implements FeatureVector {
        private final float[] values;

        Dense(float[] values) {
            if (values.length == 0) throw new IllegalArgumentException("a feature vector needs at least one dimension");
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) throw new IllegalArgumentException("feature " + i + " is " + values[i]);
            }
            this.values = values.clone();
        }

        public float[] values() {
            return values.clone();
        }

        @Override public int dimension() { return values.length; }

        @Override public int storedEntries() { return values.length; }

        @Override
        public double dot(double[] w) {
            double s = 0;
            for (int i = 0; i < values.length; i++) s += w[i] * values[i];
            return s;
        }

        @Override
        public void addTo(double[] target, double scale) {
            for (int i = 0; i < values.length; i++) target[i] += scale * values[i];
        }

        @Override
        public double norm() {
            double s = 0;
            for (float v : values) s += (double) v * v;
            return Math.sqrt(s);
        }

        @Override public boolean equals(Object o) { return o instanceof Dense d && Arrays.equals(values, d.values); }

        @Override public int hashCode() { return Arrays.hashCode(values); }

        @Override public String toString() { return "Dense" + Arrays.toString(values); }
    }

    /** A sparse vector: sorted distinct indices and their values; entries not stored are 0. */
    final class Sparse implements FeatureVector {
        private final int dimension;
        private final int[] indices;
        private final float[] values;

        Sparse(int dimension, int[] indices, float[] values) {
            if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
            if (indices.length != values.length) {
                throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
            }
            int n = indices.length;
            long[] packed = new long[n];
            for (int k = 0; k < n; k++) {
                if (indices[k] < 0 || indices[k] >= dimension) {
                    throw new IllegalArgumentException("index " + indices[k] + " is outside [0, " + dimension + ")");
                }
                if (!Float.isFinite(values[k])) throw new IllegalArgumentException("feature " + indices[k] + " is " + values[k]);
                packed[k] = ((long) indices[k] << 32) | k;
            }
            Arrays.sort(packed);
            this.dimension = dimension;
            this.indices = new int[n];
            this.values = new float[n];
            for (int k = 0; k < n; k++) {
                this.indices[k] = (int) (packed[k] >>> 32);
                this.values[k] = values[(int) packed[k]];
                if (k > 0 && this.indices[k] == this.indices[k - 1]) {
                    throw new IllegalArgumentException("index " + this.indices[k] + " appears twice");
                }
            }
        }

        public int[] indices() {
            return indices.clone();
        }

        public float[] values() {
            return values.clone();
        }

        @Override public int dimension() { return dimension; }

        @Override public int storedEntries() { return indices.length; }

        @Override
        public double dot(double[] w) {
            double s = 0;
            for (int k = 0; k < indices.length; k++) s += w[indices[k]] * values[k];
            return s;
        }

        @Override
        public void addTo(double[] target, double scale) {
            for (int k = 0; k < indices.length; k++) target[indices[k]] += scale * values[k];
        }

        @Override
        public double norm() {
            double s = 0;
            for (float v : values) s += (double) v * v;
            return Math.sqrt(s);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sparse s && dimension == s.dimension && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
        }

        @Override public int hashCode() { return 31 * (31 * dimension + Arrays.hashCode(indices)) + Arrays.hashCode(values); }

        @Override public String toString() { return "Sparse(" + dimension + ")" + Arrays.toString(indices) + Arrays.toString(values); }
    }
}
