package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HashedNgramFeaturizerTest {
    static int murmur(String s, int seed) {
        return HashedNgramFeaturizer.murmur3(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void murmur3_matchesTheReferenceTestVectors() {
        // Published MurmurHash3_x86_32 verification values (SMHasher reference implementation).
        assertThat(murmur("", 0)).isEqualTo(0);
        assertThat(murmur("", 1)).isEqualTo(0x514E28B7);
        assertThat(murmur("", 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(HashedNgramFeaturizer.murmur3(new byte[] {0, 0, 0, 0}, 0)).isEqualTo(0x2362F9DE);
        assertThat(murmur("aaaa", 0x9747b28c)).isEqualTo(0x5A97808A);
        assertThat(murmur("aaa", 0x9747b28c)).isEqualTo(0x283E0130);
        assertThat(murmur("aa", 0x9747b28c)).isEqualTo(0x5D211726);
        assertThat(murmur("a", 0x9747b28c)).isEqualTo(0x7FA09EA6);
        assertThat(murmur("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
        assertThat(murmur("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2FA826CD);
    }

    @Test
    void tokens_lowerCaseLettersDigitsAndInnerApostrophes() {
        assertThat(HashedNgramFeaturizer.tokens("I don’t know, it's 42!  'Quoted' -- Café\nNEW-line"))
                .containsExactly("i", "don't", "know", "it's", "42", "quoted", "café", "new", "line");
        assertThat(HashedNgramFeaturizer.tokens("  ...  ")).isEmpty();
        assertThat(HashedNgramFeaturizer.ngrams("No, thanks. No"))
                .containsExactly("no", "thanks", "no", "no thanks", "thanks no");
    }

    @Test
    void features_unitNormAndSublinearCounts() {
        var f = new HashedNgramFeaturizer(18, HashedNgramFeaturizer.TermWeighting.SUBLINEAR);
        FeatureVector.Sparse v = f.features("no no no");
        // n-grams: "no" x3 -> 1 + ln 3; "no no" x2 -> 1 + ln 2; different hashes (checked), so two entries.
        assertThat(v.storedEntries()).isEqualTo(2);
        assertThat(v.norm()).isCloseTo(1, within(1e-6));
        double a = 1 + Math.log(3), b = 1 + Math.log(2), norm = Math.hypot(a, b);
        int hNo = murmur("no", 0), hNoNo = murmur("no no", 0);
        int iNo = hNo & ((1 << 18) - 1);
        int k = v.indices()[0] == iNo ? 0 : 1;
        assertThat(v.values()[k]).isCloseTo((float) (Math.signum(hNo < 0 ? -1 : 1) * a / norm), within(1e-6f));
        assertThat(v.values()[1 - k]).isCloseTo((float) ((hNoNo < 0 ? -1 : 1) * b / norm), within(1e-6f));
        var binary = new HashedNgramFeaturizer(18, HashedNgramFeaturizer.TermWeighting.BINARY).features("no no no");
        assertThat(Math.abs(binary.values()[0])).isCloseTo((float) (1 / Math.sqrt(2)), within(1e-6f));
        assertThat(f.features("").storedEntries()).isZero();
        assertThat(f.dimension()).isEqualTo(262_144);
        assertThat(f.features("a prompt", "Same words")).isEqualTo(f.features("same WORDS"));
        assertThatThrownBy(() -> new HashedNgramFeaturizer(31, HashedNgramFeaturizer.TermWeighting.BINARY)).hasMessageContaining("bits");
    }

    @Property
    void features_areUnitOrZero_andDeterministic(@ForAll String text) {
        var f = new HashedNgramFeaturizer(10, HashedNgramFeaturizer.TermWeighting.SUBLINEAR);
        FeatureVector.Sparse v = f.features(text);
        assertThat(v.norm()).satisfiesAnyOf(n -> assertThat(n).isCloseTo(1, within(1e-5)), n -> assertThat(n).isZero());
        assertThat(f.features(text)).isEqualTo(v);
        assertThat(v.dimension()).isEqualTo(1024);
    }
}
