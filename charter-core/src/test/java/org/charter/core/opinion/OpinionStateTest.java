package org.charter.core.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.SharedData;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteValue;
import org.charter.core.assembly.polis.PolisReader;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * An opinion map kept up to date by {@link OpinionState} must say what a full computation over the same votes says:
 * the same vote counts behind every statistic, the same clustered participants, components within the PCA's
 * tolerance, and — with the same groups — the same representative statements, consensus and candidates.
 */
class OpinionStateTest {
    private static final OpinionOptions OPTIONS = OpinionOptions.polis().withBootstrap(0);

    @Test
    void vtaiwanUpdatedWithItsLastFifthOfVotesAgreesWithAFullComputation() {
        AssemblySnapshot all = PolisReader.read(SharedData.polis("vtaiwan.uberx")).snapshot();
        var events = new ArrayList<>(all.votes());
        events.sort(Comparator.comparing(VoteEvent::at));
        int cut = events.size() * 4 / 5;
        var first = new AssemblySnapshot(all.topic(), all.description(), all.settings(), all.participants(), all.statements(),
                events.subList(0, cut));
        OpinionState state = OpinionState.of(withoutHistory(OpinionInput.of(first)), OPTIONS);
        var rest = events.subList(cut, events.size()).stream().map(e -> new OpinionState.Vote(e.pid(), e.tid(), e.vote())).toList();

        OpinionMap before = state.map();
        OpinionMap updated = state.apply(rest);

        // The state's votes are the latest of all events, as a matrix of the whole export has them.
        OpinionInput now = state.input();
        assertThat(now.compact().col()).hasSize(all.matrix().cellCount());
        assertThat(updated.participants()).isEqualTo(all.matrix().participants().size());
        OpinionMap full = OpinionEngine.compute(now, OPTIONS);
        assertSameAsFull(before, updated, now, full, 1e-6);
    }

    @Test
    void aLargeConversationUpdatedWithAThousandVotesKeepsItsGroupsAndComponents() {
        // 1.2M votes: the bounded update (one subspace step, warm k-means) rather than iteration to convergence.
        var planted = PlantedConversation.generate(20_000, 1_000, 1_200_000, 3, 7);
        OpinionState state = OpinionState.of(planted.input(), OPTIONS);
        assertThat(AdjustedRand.index(groupOf(state.map()), planted.truth())).isGreaterThan(0.99);

        OpinionMap before = state.map();
        OpinionMap updated = state.apply(planted.moreVotes(1_000, 8));

        assertThat(state.votes()).isEqualTo(1_201_000);
        assertThat(updated.pca().iterations()).isEqualTo(1);
        OpinionInput now = state.input();
        OpinionMap full = OpinionEngine.compute(now, OPTIONS);
        assertThat(AdjustedRand.index(groupOf(updated), groupOf(full))).isEqualTo(1.0);
        assertSameAsFull(before, updated, now, full, 1e-4);
    }

    @Test
    void newParticipantsStatementsAndChangedVotesAreCountedOnce() {
        var planted = PlantedConversation.generate(60, 12, 500, 2, 3);
        OpinionState state = OpinionState.of(planted.input(), OPTIONS);
        var votes = new ArrayList<OpinionState.Vote>();
        for (int i = 0; i < 12; i++) votes.add(new OpinionState.Vote(1000, i, VoteValue.AGREE)); // a new participant
        votes.add(new OpinionState.Vote(1000, 99, VoteValue.DISAGREE));                        // a new statement
        votes.add(new OpinionState.Vote(0, 99, VoteValue.AGREE));
        votes.add(new OpinionState.Vote(0, 99, VoteValue.PASS));                               // replaced in the batch
        int firstCol = planted.input().compact().col()[0];
        byte firstVal = planted.input().compact().val()[0];
        var changed = firstVal == 1 ? VoteValue.DISAGREE : VoteValue.AGREE;
        votes.add(new OpinionState.Vote(0, firstCol, changed));                                // an existing cell

        OpinionMap before = state.map();
        OpinionMap updated = state.apply(votes);

        assertThat(state.votes()).isEqualTo(500 + 12 + 2);
        assertThat(updated.participants()).isEqualTo(61);
        assertThat(updated.comments()).isEqualTo(13);
        assertThat(updated.inConv()).contains(1000); // 13 votes: clustered
        OpinionInput now = state.input();
        var row0 = row(now, 0);
        assertThat(row0.get(99)).isEqualTo((byte) 0);
        assertThat(row0.get(firstCol)).isEqualTo((byte) (changed == VoteValue.AGREE ? 1 : -1));
        assertSameAsFull(before, updated, now, OpinionEngine.compute(now, OPTIONS), 1e-6);
    }

    /** Conservation: after any batches of votes, the state holds exactly the latest vote of every cell. */
    @Property(tries = 60)
    void theStateHoldsTheLatestVoteOfEveryCell(@ForAll @IntRange(min = 1, max = 1000) int seed,
                                               @ForAll @IntRange(min = 1, max = 4) int batches) {
        var planted = PlantedConversation.generate(30, 8, 120, 2, seed);
        OpinionState state = OpinionState.of(planted.input(), OPTIONS);
        var expected = new TreeMap<Long, Byte>();
        var c = planted.input().compact();
        for (int i = 0; i < 30; i++) for (int q = c.start()[i]; q < c.start()[i + 1]; q++) expected.put(((long) i << 32) | c.col()[q], c.val()[q]);
        var random = new java.util.SplittableRandom(seed);
        VoteValue[] values = VoteValue.values();
        OpinionMap before = state.map();
        for (int b = 0; b < batches; b++) {
            before = state.map();
            var batch = new ArrayList<OpinionState.Vote>();
            for (int k = 0; k < 1 + random.nextInt(40); k++) {
                int pid = random.nextInt(36), tid = random.nextInt(10); // some new participants and statements
                VoteValue v = values[random.nextInt(values.length)];
                batch.add(new OpinionState.Vote(pid, tid, v));
                expected.put(((long) pid << 32) | tid, (byte) (v == VoteValue.AGREE ? 1 : v == VoteValue.DISAGREE ? -1 : 0));
            }
            state.apply(batch);
        }
        OpinionInput now = state.input();
        var actual = new TreeMap<Long, Byte>();
        var cv = now.compact();
        for (int i = 0; i < now.participants().size(); i++) {
            for (int q = cv.start()[i]; q < cv.start()[i + 1]; q++) {
                Byte earlier = actual.put(((long) now.participants().get(i) << 32) | now.statements().get(cv.col()[q]), cv.val()[q]);
                assertThat(earlier).as("a cell stored twice").isNull();
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertSameAsFull(before, state.map(), now, OpinionEngine.compute(now, OPTIONS), 1e-6);
    }

    /**
     * Same clustered participants and components (to {@code tolerance}, up to sign); with the update's groups given
     * to a full computation, every statistic counted from the votes is identical.
     */
    private static void assertSameAsFull(OpinionMap before, OpinionMap updated, OpinionInput input, OpinionMap full, double tolerance) {
        // Once in, always in: those clustered before stay, as the engine does when given the previous map.
        var expectedRows = OpinionEngine.inConv(OpinionEngine.Matrix.of(input), before, input);
        assertThat(updated.inConv()).containsExactlyInAnyOrderElementsOf(expectedRows.stream().map(input.participants()::get).toList());
        assertThat(updated.pca().center()).containsExactly(full.pca().center(), within(1e-12));
        for (int c = 0; c < full.pca().components().length; c++) {
            assertThat(distanceUpToSign(updated.pca().components()[c], full.pca().components()[c])).isLessThan(tolerance);
        }
        var given = OpinionEngine.compute(input, OPTIONS.withGivenGroups(groupOf(updated)));
        assertThat(updated.repness()).isEqualTo(given.repness());
        assertThat(updated.consensus()).isEqualTo(given.consensus());
        assertThat(updated.groupAwareConsensus()).isEqualTo(given.groupAwareConsensus());
        assertThat(updated.uncertain()).isEqualTo(given.uncertain());
        assertThat(updated.constitution()).isEqualTo(given.constitution());
    }

    private static double distanceUpToSign(double[] a, double[] b) {
        double plus = 0, minus = 0;
        for (int j = 0; j < a.length; j++) {
            plus = Math.max(plus, Math.abs(a[j] - b[j]));
            minus = Math.max(minus, Math.abs(a[j] + b[j]));
        }
        return Math.min(plus, minus);
    }

    private static Map<Integer, Integer> groupOf(OpinionMap map) {
        var out = new HashMap<Integer, Integer>();
        map.groups().forEach(g -> g.members().forEach(pid -> out.put(pid, g.id())));
        return out;
    }

    private static Map<Integer, Byte> row(OpinionInput input, int pid) {
        int i = input.participants().indexOf(pid);
        var c = input.compact();
        var out = new HashMap<Integer, Byte>();
        for (int q = c.start()[i]; q < c.start()[i + 1]; q++) out.put(input.statements().get(c.col()[q]), c.val()[q]);
        return out;
    }

    private static OpinionInput withoutHistory(OpinionInput in) {
        return new OpinionInput(in.participants(), in.statements(), in.votes(), in.moderatedOut(), in.meta(), null, null);
    }
}
