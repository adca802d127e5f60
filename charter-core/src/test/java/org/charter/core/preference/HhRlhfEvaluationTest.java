package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HhRlhfEvaluationTest {
    static final String[] FILLER = {"the", "a", "plan", "thing", "today", "people", "maybe", "really", "house", "car", "money", "friend"};

    /** Pairs in which the chosen response refuses and the rejected one complies, amid random filler of random length. */
    static HhRlhf.Data refusals(int n, long seed) {
        var random = new SplittableRandom(seed);
        List<HhRlhf.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String chosen = "I'm sorry, I can't help with that " + filler(random), rejected = "Sure, here is how " + filler(random);
            pairs.add(new HhRlhf.Pair(i + 1, "\n\nHuman: question " + i + "\n\nAssistant:", chosen, rejected));
        }
        return new HhRlhf.Data("synthetic", pairs, 0, List.of());
    }

    static String filler(SplittableRandom random) {
        var sb = new StringBuilder();
        for (int k = random.nextInt(1, 30); k > 0; k--) sb.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        return sb.toString();
    }

    @Test
    void aLearnableSignal_isLearned_andTheLengthBaselinesAreComplementary() {
        HhRlhfEvaluation.Result r = HhRlhfEvaluation.run(refusals(400, 1), HhRlhfEvaluation.Options.defaults(0.8, 1, 14));
        assertThat(r.testPairs()).isEqualTo(80);
        assertThat(r.trainPairs() + r.validationPairs()).isEqualTo(320);
        assertThat(r.validationPairs()).isEqualTo(48);
        assertThat(r.accuracy().estimate()).isEqualTo(1.0);
        assertThat(r.baselines().get(0).accuracy().estimate() + r.baselines().get(1).accuracy().estimate()).isCloseTo(1, within(1e-12));
        assertThat(r.l2Trials()).hasSize(4);
        assertThat(r.toText()).contains("held-out pairwise accuracy: 1.0000");
    }

    @Test
    void sameSeed_sameResult() {
        HhRlhf.Data data = refusals(120, 2);
        HhRlhfEvaluation.Result a = HhRlhfEvaluation.run(data, HhRlhfEvaluation.Options.defaults(0.7, 5, 12));
        HhRlhfEvaluation.Result b = HhRlhfEvaluation.run(data, HhRlhfEvaluation.Options.defaults(0.7, 5, 12));
        assertThat(a).isEqualTo(b);
    }
}
