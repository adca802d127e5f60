package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeatureVectorTest {
    @Test
    void sparse_sortsIndices_andAgreesWithDense() {
        FeatureVector.Sparse s = FeatureVector.sparse(5, new int[] {3, 0}, new float[] {2, -1});
        assertThat(s.indices()).containsExactly(0, 3);
        assertThat(s.values()).containsExactly(-1f, 2f);
        FeatureVector.Dense d = FeatureVector.dense(-1, 0, 0, 2, 0);
        double[] w = {1, 2, 3, 4, 5};
        assertThat(s.dot(w)).isEqualTo(7).isEqualTo(d.dot(w));
        double[] t1 = new double[5], t2 = new double[5];
        s.addTo(t1, 0.5);
        d.addTo(t2, 0.5);
        assertThat(t1).containsExactly(t2);
        assertThat(s.norm()).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(s).isEqualTo(FeatureVector.sparse(5, new int[] {0, 3}, new float[] {-1, 2}));
    }

    @Test
    void badVectors_areRejected() {
        assertThatThrownBy(() -> FeatureVector.sparse(5, new int[] {1, 1}, new float[] {1, 2})).hasMessageContaining("index 1 appears twice");
        assertThatThrownBy(() -> FeatureVector.sparse(5, new int[] {5}, new float[] {1})).hasMessageContaining("outside [0, 5)");
        assertThatThrownBy(() -> FeatureVector.sparse(5, new int[] {1}, new float[] {1, 2})).hasMessageContaining("1 indices but 2 values");
        assertThatThrownBy(() -> FeatureVector.dense(1, Float.NaN)).hasMessageContaining("feature 1 is NaN");
        assertThatThrownBy(() -> new FeatureComparison(FeatureVector.dense(1), FeatureVector.dense(1, 2))).hasMessageContaining("dimension");
    }

    @Test
    void values_areCopied() {
        float[] v = {1, 2};
        FeatureVector.Dense d = FeatureVector.dense(v);
        v[0] = 9;
        d.values()[1] = 9;
        assertThat(d.values()).containsExactly(1f, 2f);
    }
}
