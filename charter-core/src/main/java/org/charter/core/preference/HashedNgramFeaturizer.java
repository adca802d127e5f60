package org.charter.core.preference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hashed bag of word unigrams and bigrams: a text becomes a sparse, L2-normalised vector of 2^bits dimensions by the
 * hashing trick with a sign hash [1, 2].
 *
 * <p>Exactly what it does:
 * <ol>
 *   <li>lower-case the text with {@code String.toLowerCase(Locale.ROOT)};</li>
 *   <li>tokens are the maximal runs of letters and digits ({@link Character#isLetterOrDigit(int)}, by code point);
 *       an apostrophe (U+0027 or U+2019, kept as U+0027) joins two runs when it has a letter or digit on both sides
 *       ("don't", "it's"); every other character separates tokens;</li>
 *   <li>the n-grams are every token and every two consecutive tokens joined by one space (across sentence ends);</li>
 *   <li>each distinct n-gram weighs 1 ({@link TermWeighting#BINARY}) or 1 + ln(count) ({@link TermWeighting#SUBLINEAR});</li>
 *   <li>h = MurmurHash3 x86 32-bit [3] of the n-gram's UTF-8 bytes with seed 0; the n-gram adds
 *       {@code sign * weight} to dimension {@code h & (2^bits - 1)}, where sign is -1 when the top bit of h is set
 *       and +1 otherwise (so index and sign come from different bits, bits <= 30);</li>
 *   <li>entries that cancel to 0 are dropped, and the vector is divided by its Euclidean norm (an empty text gives the
 *       zero vector).</li>
 * </ol>
 * The hash is fixed and written here, so features do not change with the JVM ({@code String.hashCode} is never used).
 */
public final class HashedNgramFeaturizer {
    /*
     * [1] K. Weinberger, A. Dasgupta, J. Langford, A. Smola, J. Attenberg. "Feature Hashing for Large Scale Multitask
     *     Learning." ICML 2009.
     * [2] Q. Shi, J. Petterson, G. Dror, J. Langford, A. Smola, S. V. N. Vishwanathan. "Hash Kernels for Structured
     *     Data." JMLR 10, 2009.
     * [3] A. Appleby. MurmurHash3 (SMHasher), 2011. https://github.com/aappleby/smhasher (MurmurHash3_x86_32).
     */

    /** How many times an n-gram occurs counts as. */
    public enum TermWeighting {
        /** 1 if present. */
        BINARY,
        /** 1 + ln(count). */
        SUBLINEAR
    }

    /** 2^18 dimensions, the size Vowpal Wabbit uses by default. */
    public static final int DEFAULT_BITS = 18;

    private final int bits;
    private final TermWeighting weighting;

    /** A featurizer into 2^bits dimensions, bits in [1, 30]. */
    public HashedNgramFeaturizer(int bits, TermWeighting weighting) {
        if (bits < 1 || bits > 30) throw new IllegalArgumentException("bits must be in [1, 30], got " + bits);
        if (weighting == null) throw new IllegalArgumentException("a term weighting is needed");
        this.bits = bits;
        this.weighting = weighting;
    }

    /** 2^18 dimensions, sublinear term frequency. */
    public static HashedNgramFeaturizer defaults() {
        return new HashedNgramFeaturizer(DEFAULT_BITS, TermWeighting.SUBLINEAR);
    }

    public int bits() {
        return bits;
    }

    public TermWeighting weighting() {
        return weighting;
    }

    public int dimension() {
        return 1 << bits;
    }

    /** A one-line description for reports. */
    public String describe() {
        return "hashed word unigrams+bigrams, MurmurHash3_x86_32 with sign, 2^" + bits + " dims, "
                + weighting.name().toLowerCase(Locale.ROOT) + " tf, L2-normalised";
    }

    /**
     * phi(x, y) for a response y to a prompt x: the features of the response alone. The prompt is deliberately not
     * used: with a linear model, features of the prompt alone cancel in r(x, chosen) - r(x, rejected), and crossed
     * prompt-response features are too sparse to learn from a few thousand comparisons.
     */
    public FeatureVector.Sparse features(String prompt, String response) {
        return features(response);
    }

    /** The hashed, L2-normalised n-gram vector of a text. */
    public FeatureVector.Sparse features(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String g : ngrams(text)) counts.merge(g, 1, Integer::sum);
        Map<Integer, Double> sums = new LinkedHashMap<>();
        int mask = dimension() - 1;
        for (var e : counts.entrySet()) {
            double weight = weighting == TermWeighting.BINARY ? 1 : 1 + Math.log(e.getValue());
            int h = murmur3(e.getKey().getBytes(StandardCharsets.UTF_8), 0);
            double signed = h < 0 ? -weight : weight;
            sums.merge(h & mask, signed, Double::sum);
        }
        double norm = 0;
        for (double v : sums.values()) norm += v * v;
        norm = Math.sqrt(norm);
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (var e : sums.entrySet()) {
            if (e.getValue() == 0) continue;
            idx.add(e.getKey());
            val.add(e.getValue() / norm);
        }
        int[] indices = new int[idx.size()];
        float[] values = new float[idx.size()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = idx.get(k);
            values[k] = (float) (double) val.get(k);
        }
        return FeatureVector.sparse(dimension(), indices, values);
    }

    /** The unigrams (in order), then the bigrams (in order) of a text. */
    public static List<String> ngrams(String text) {
        List<String> tokens = tokens(text);
        List<String> grams = new ArrayList<>(tokens);
        for (int i = 0; i + 1 < tokens.size(); i++) grams.add(tokens.get(i) + " " + tokens.get(i + 1));
        return grams;
    }

    /** The tokens of a text, as described in the class comment. */
    public static List<String> tokens(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        var current = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                current.appendCodePoint(cp);
            } else if ((cp == '\'' || cp == '\u2019') && current.length() > 0 && i + width < s.length()
                    && Character.isLetterOrDigit(s.codePointAt(i + width))) {
                current.append('\'');
            } else if (current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
            i += width;
        }
        if (current.length() > 0) tokens.add(current.toString());
        return tokens;
    }

    /** MurmurHash3_x86_32 [3] of {@code data} with a seed (little-endian blocks, as the reference implementation). */
    public static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51, c2 = 0x1b873593;
        int h1 = seed;
        int len = data.length, blocks = len / 4;
        for (int b = 0; b < blocks; b++) {
            int i = 4 * b;
            int k1 = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k1 *= c1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = 4 * blocks, k1 = 0;
        switch (len & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= c1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= len;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
