package org.charter.core.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.DemoAssembly;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteValue;
import org.junit.jupiter.api.Test;

/** What the opinion map adds beyond Polis, and how it behaves at the edges. */
class OpinionEngineTest {
    /** Two planted camps: camp A agrees with the first half of the statements and disagrees with the rest; B the opposite. */
    static AssemblySnapshot planted(int perCamp, int statements, double noise, long seed) {
        var random = new SplittableRandom(seed);
        var participants = new ArrayList<Participant>();
        var votes = new ArrayList<VoteEvent>();
        for (int p = 0; p < 2 * perCamp; p++) {
            participants.add(new Participant(p, null, Map.of(), null, Instant.EPOCH));
            boolean campA = p < perCamp;
            for (int t = 0; t < statements; t++) {
                if (random.nextDouble() < 0.2) continue; // unseen
                boolean agree = (t < statements / 2) == campA;
                if (random.nextDouble() < noise) agree = !agree;
                votes.add(new VoteEvent(p, t, agree ? VoteValue.AGREE : VoteValue.DISAGREE, Instant.ofEpochMilli(1 + votes.size())));
            }
        }
        var list = new ArrayList<Statement>();
        for (int t = 0; t < statements; t++) list.add(new Statement(t, "s" + t, null, Instant.EPOCH, Moderation.ACCEPTED, false, true));
        return new AssemblySnapshot("planted", "", AssemblySettings.DEFAULT, participants, list, votes);
    }

    @Test
    void recoversPlantedCampsStablyAndReportsEverySilhouette() {
        var snapshot = planted(60, 20, 0.1, 7);
        OpinionMap map = OpinionEngine.compute(OpinionInput.of(snapshot), OpinionOptions.polis().withSeed(3));
        assertThat(map.groups()).hasSize(2);
        var ours = new HashMap<Integer, Integer>();
        var truth = new HashMap<Integer, Integer>();
        map.groups().forEach(g -> g.members().forEach(pid -> ours.put(pid, g.id())));
        for (int p = 0; p < 120; p++) truth.put(p, p < 60 ? 0 : 1);
        assertThat(AdjustedRand.index(ours, truth)).isEqualTo(1.0);
        assertThat(map.groupChoice().silhouetteByK()).containsKeys(2, 3, 4, 5);
        assertThat(map.groupChoice().chosen()).isEqualTo(2);
        assertThat(map.stability().meanAdjustedRand()).isGreaterThan(0.95);
        assertThat(map.stability().assignmentConfidence().values()).allMatch(c -> c >= 0.9);
        // Each camp is represented by the statements it agrees with.
        for (OpinionMap.Group g : map.groups()) {
            boolean campA = g.members().contains(0);
            OpinionMap.Repness top = map.repness().get(g.id()).get(0);
            assertThat(top.repfulFor()).isEqualTo("agree");
            assertThat(top.tid() < 10).isEqualTo(campA);
        }
        // Subgroups: each camp is uniform, but the procedure still reports how it would divide, within the camp.
        map.subgroups().forEach((g, subs) -> {
            var inGroup = map.groups().stream().filter(x -> x.id() == g).findFirst().orElseThrow().members();
            assertThat(subs.stream().flatMap(sg -> sg.members().stream()).sorted().toList()).isEqualTo(inGroup);
        });
        // Nothing is shared by both camps, so nothing passes OSCCAI's threshold.
        assertThat(map.constitution()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameMap() {
        var input = OpinionInput.of(planted(30, 12, 0.2, 11));
        var a = OpinionJson.toJson(OpinionEngine.compute(input, OpinionOptions.polis().withSeed(5)));
        var b = OpinionJson.toJson(OpinionEngine.compute(input, OpinionOptions.polis().withSeed(5)));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aWarmStartConvergesAtOnceToTheSameComponents() {
        var input = OpinionInput.of(planted(40, 16, 0.15, 2));
        var mx = OpinionEngine.Matrix.of(input);
        Pca.Result cold = Pca.compute(mx.pcaRows(), 2, null);
        Pca.Result warm = Pca.compute(mx.pcaRows(), 2, cold.components());
        assertThat(warm.iterations()[0]).isLessThanOrEqualTo(3).isLessThan(cold.iterations()[0]);
        for (int c = 0; c < 2; c++) {
            for (int j = 0; j < cold.components()[c].length; j++) {
                assertThat(warm.components()[c][j]).isCloseTo(cold.components()[c][j], within(1e-9));
            }
        }
        OpinionMap first = OpinionEngine.compute(input, OpinionOptions.polis().withBootstrap(0));
        OpinionMap again = OpinionEngine.compute(input, OpinionOptions.polis().withBootstrap(0)
                .withPrevious(OpinionJson.warmStart(OpinionJson.toJson(first))));
        assertThat(again.inConv()).isEqualTo(first.inConv());
        assertThat(again.groups()).extracting(OpinionMap.Group::members).isEqualTo(first.groups().stream().map(OpinionMap.Group::members).toList());
    }

    @Test
    void aConversationTooSmallToClusterHasNoGroupsAndSaysWhy() {
        var one = new AssemblySnapshot("tiny", "", AssemblySettings.DEFAULT,
                List.of(new Participant(0, null, Map.of(), null, Instant.EPOCH)),
                List.of(new Statement(0, "s", null, Instant.EPOCH, Moderation.ACCEPTED, false, false)),
                List.of(new VoteEvent(0, 0, VoteValue.AGREE, Instant.EPOCH)));
        OpinionMap map = OpinionEngine.compute(OpinionInput.of(one), OpinionOptions.polis());
        assertThat(map.groups()).isEmpty();
        assertThat(map.groupChoice().reason()).contains("too few participants");
        assertThat(map.stability()).isNull();
        assertThat(map.groupAwareConsensus()).isEmpty();
        assertThat(map.inConv()).containsExactly(0);
        var empty = new AssemblySnapshot("empty", "", AssemblySettings.DEFAULT, List.of(), List.of(), List.of());
        assertThat(OpinionEngine.compute(OpinionInput.of(empty), OpinionOptions.polis()).groups()).isEmpty();
    }

    @Test
    void theDemoAssemblyDividesIntoItsTwoCamps() {
        OpinionMap map = OpinionEngine.compute(OpinionInput.of(DemoAssembly.snapshot(Instant.EPOCH)), OpinionOptions.polis().withGroups(2));
        assertThat(map.groups()).hasSize(2);
        assertThat(map.groups()).extracting(g -> g.members().size()).containsExactlyInAnyOrder(5, 5);
        // Statement 0 is shared ground: everyone agreed.
        assertThat(map.consensus().agree()).extracting(OpinionMap.ConsensusStatement::tid).contains(0);
    }

    @Test
    void nearestParticipantImputationLeansTowardsLikeMindedNeighbours() {
        // Polis coding: agree -1. Row 0 missed statement 2; rows 1-3 vote as row 0 does and agreed with it; rows 4-6
        // vote the opposite and disagreed. The five nearest who saw it: rows 1, 2, 3 (distance 0) and 4, 5 (distance 2).
        double n = Double.NaN;
        double[][] x = {
                {-1, 1, n}, {-1, 1, -1}, {-1, 1, -1}, {-1, 1, -1}, {1, -1, 1}, {1, -1, 1}, {1, -1, 1}};
        double[][] filled = Imputer.nearest(x);
        assertThat(filled[0][2]).isCloseTo((-1 - 1 - 1 + 1 + 1) / 5.0, within(1e-12));
        assertThat(filled[1]).containsExactly(-1, 1, -1);
        assertThat(OpinionEngine.compute(OpinionInput.of(planted(20, 10, 0.1, 4)),
                OpinionOptions.polis().withImputation(OpinionOptions.Imputation.NEAREST).withBootstrap(0)).groups()).hasSize(2);
    }

    @Test
    void osccaiThresholdAndPseudocountFollowItsFormulas() {
        assertThat(Osccai.threshold(100)).isEqualTo(0.85); // 0.66 (1 + 2 / log2 102) = 0.858 is capped
        assertThat(Osccai.threshold(1000)).isCloseTo(0.66 * (1 + 2 / (Math.log(1002) / Math.log(2))), within(1e-12))
                .isCloseTo(0.7924, within(1e-4));
        assertThat(Osccai.pseudocount(70)).isCloseTo(0.3 * 3, within(1e-12)); // log2(1 + 7) = 3
    }

    @Test
    void adjustedRandIndexOfTextbookCases() {
        Map<Integer, Integer> a = Map.of(0, 0, 1, 0, 2, 1, 3, 1), b = Map.of(0, 0, 1, 0, 2, 1, 3, 2);
        assertThat(AdjustedRand.index(a, b)).isCloseTo(4.0 / 7, within(1e-12)); // scikit-learn's documented example
        assertThat(AdjustedRand.index(a, Map.of(0, 5, 1, 5, 2, 9, 3, 9))).isEqualTo(1.0); // relabelled
        assertThat(AdjustedRand.index(a, b)).isEqualTo(AdjustedRand.index(b, a));
    }

    @Test
    void silhouetteOfTwoWellSeparatedPairs() {
        double[][] points = {{0}, {1}, {10}, {11}};
        double expected = ((1 - 1 / 10.5) + (1 - 1 / 9.5)) / 2; // Rousseeuw's s(i) = 1 - a/b, symmetric pairs
        assertThat(KMeans.silhouette(points, new int[] {0, 0, 1, 1}, 2)).isCloseTo(expected, within(1e-12));
        assertThat(KMeans.silhouette(points, new int[] {0, 1, 1, 1}, 2)).isLessThan(expected);
    }

    @Test
    void invalidOptionsAreRefused() {
        assertThatThrownBy(() -> OpinionOptions.polis().withGroups(0)).hasMessageContaining("groups must be 1 to 20");
        assertThatThrownBy(() -> OpinionOptions.polis().withBootstrap(-1)).hasMessageContaining("bootstrap");
    }
}
