package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.charter.core.opinion.AdjustedRand;
import org.charter.core.welfare.WelfareFunctions;
import org.junit.jupiter.api.Test;

/** Latent groups by EM and the welfare choice over group rewards. */
class PluralismTest {
    static final List<String> ITEMS = List.of("a", "b", "c", "d", "e", "f");

    /** Two planted groups with opposite tastes; annotator i belongs to group i % 2. */
    static MixtureModel.Annotated planted(int annotators, int perAnnotator, long seed) {
        double[] up = {1.5, 1, 0.5, -0.5, -1, -1.5};
        double[] down = {-1.5, -1, -0.5, 0.5, 1, 1.5};
        var random = new SplittableRandom(seed);
        var b = new Choices.Builder(ITEMS.size());
        List<Integer> who = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int a = 0; a < annotators; a++) {
            names.add("p" + a);
            double[] theta = a % 2 == 0 ? up : down;
            for (int k = 0; k < perAnnotator; k++) {
                int i = random.nextInt(6), j = random.nextInt(5);
                if (j >= i) j++;
                boolean iWins = random.nextDouble() < 1 / (1 + Math.exp(theta[j] - theta[i]));
                b.add(iWins ? i : j, new int[] {iWins ? j : i}, 1);
                who.add(a);
            }
        }
        return new MixtureModel.Annotated(b.build(), who.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    @Test
    void em_recoversPlantedGroups() {
        var input = planted(40, 30, 1);
        MixtureModel.Fit fit = MixtureModel.fit(input, ITEMS, 2, MixtureModel.Options.defaults(9));
        Map<Integer, Integer> truth = new HashMap<>(), found = new HashMap<>();
        var assignment = fit.assignment();
        for (int a = 0; a < 40; a++) {
            truth.put(a, a % 2);
            found.put(a, assignment.get("p" + a));
        }
        assertThat(AdjustedRand.index(truth, found)).isGreaterThanOrEqualTo(0.9);
        assertThat(fit.weights()[0]).isCloseTo(0.5, within(0.1));
        // the components have opposite orders: item a is best in one and worst in the other
        double[] s0 = fit.strengths()[0], s1 = fit.strengths()[1];
        assertThat(Math.signum(s0[0] - s0[5])).isEqualTo(-Math.signum(s1[0] - s1[5]));
        // posteriors are probabilities
        for (double[] p : fit.posterior().values()) assertThat(p[0] + p[1]).isCloseTo(1, within(1e-9));
        // determinism for a seed
        assertThat(MixtureModel.fit(input, ITEMS, 2, MixtureModel.Options.defaults(9)).assignment()).isEqualTo(assignment);
    }

    @Test
    void heldOutLikelihood_choosesTwoGroups() {
        var input = planted(40, 40, 2);
        MixtureModel.Chosen chosen = MixtureModel.choose(input, ITEMS, 4, 0.25, MixtureModel.Options.defaults(3));
        assertThat(chosen.fit().k()).isEqualTo(2);
        assertThat(chosen.selection()).hasSize(4);
        assertThat(chosen.selection().get(1).heldOutLogLikelihood()).isGreaterThan(chosen.selection().get(0).heldOutLogLikelihood());
    }

    @Test
    void welfare_protectsTheMinorityThePooledModelIgnores() {
        // majority (3 of 4 annotators' worth of data) loves x and mildly dislikes z; the minority hates x.
        // candidates x, y, z: the pooled model picks x; the egalitarian choice is the compromise y.
        var b = new Choices.Builder(3);
        List<Integer> group = new ArrayList<>();
        addRepeated(b, group, 0, 0, 1, 70); // majority: x over y
        addRepeated(b, group, 0, 1, 0, 10);
        addRepeated(b, group, 0, 0, 2, 70); // x over z
        addRepeated(b, group, 0, 2, 0, 10);
        addRepeated(b, group, 0, 1, 2, 50); // y over z
        addRepeated(b, group, 0, 2, 1, 30);
        addRepeated(b, group, 1, 1, 0, 38); // minority: y over x
        addRepeated(b, group, 1, 0, 1, 2);
        addRepeated(b, group, 1, 2, 0, 38); // z over x
        addRepeated(b, group, 1, 0, 2, 2);
        addRepeated(b, group, 1, 1, 2, 20);
        addRepeated(b, group, 1, 2, 1, 20);
        var fitted = GroupRewards.fit(List.of("x", "y", "z"), b.build(), group.stream().mapToInt(Integer::intValue).toArray(),
                List.of("majority", "minority"), List.of(3L, 1L), LuceFitter.Options.defaults());
        var egalitarian = fitted.choose(new int[] {0, 1, 2}, WelfareFunctions.parse("egalitarian"));
        assertThat(egalitarian.pooledChoice()).isEqualTo("x");
        assertThat(egalitarian.welfare().best()).containsExactly("y");
        var utilitarian = fitted.choose(new int[] {0, 1, 2}, WelfareFunctions.parse("utilitarian"));
        assertThat(utilitarian.welfare().best()).containsExactly("x");
        // the distributional view: each group's probabilities over the candidates sum to one
        for (double[] p : egalitarian.distribution().values()) assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-12));
        assertThat(egalitarian.distribution().get("minority")[0]).isLessThan(0.1);
    }

    static void addRepeated(Choices.Builder b, List<Integer> group, int g, int winner, int loser, int times) {
        for (int t = 0; t < times; t++) {
            b.add(winner, new int[] {loser}, 1);
            group.add(g);
        }
    }
}
