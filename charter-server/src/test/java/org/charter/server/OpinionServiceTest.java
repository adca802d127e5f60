package org.charter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.SplittableRandom;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.VoteValue;
import org.charter.core.opinion.OpinionMap;
import org.charter.core.opinion.OpinionOptions;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The service keeps each assembly's map in memory and applies only the votes cast since: the result must be the map
 * a fresh computation over all stored votes gives.
 */
class OpinionServiceTest {
    private static final OpinionOptions OPTIONS = OpinionOptions.polis().withBootstrap(0);

    @Test
    void anUpdateAppliesTheVotesCastSinceAndAgreesWithAFreshComputation() throws Exception {
        try (Database db = TestDatabases.open(StoreKind.SQLITE)) {
            var store = new AssemblyStore(db, Clock.systemUTC());
            long id = store.createAssembly("transit", "", AssemblySettings.DEFAULT).id();
            for (int t = 0; t < 12; t++) store.addStatement(id, "statement " + t, null, false, true, null, 1000);
            var random = new SplittableRandom(5);
            for (int p = 0; p < 40; p++) store.addParticipant(id, "p" + p, java.util.Map.of());
            vote(store, id, random, 0, 40, 9); // two camps, nine votes each
            var service = new OpinionService(db, Clock.systemUTC());
            OpinionService.Computed first = service.compute(id, OPTIONS);
            assertThat(first.updated()).isFalse();
            assertThat(first.map().groups()).hasSizeGreaterThanOrEqualTo(2);

            vote(store, id, random, 0, 40, 3);                                 // changed and new cells
            store.addParticipant(id, "late", java.util.Map.of());
            for (int t = 0; t < 12; t++) store.castVote(id, 40, t, VoteValue.AGREE, null); // a new participant

            OpinionService.Computed second = service.compute(id, OPTIONS);
            assertThat(second.updated()).isTrue();
            assertThat(second.snapshot().votes()).isEmpty();
            assertThat(second.snapshot().statements()).hasSize(12);
            assertThat(second.map().participants()).isEqualTo(41);
            assertThat(second.map().inConv()).contains(40);

            // Nothing new: the saved JSON is served as it is.
            assertThat(service.json(id, OPTIONS)).isEqualTo(readTree(second.json().toString()));

            OpinionMap fresh = new OpinionService(db, Clock.systemUTC()).compute(id, OPTIONS).map();
            assertThat(second.map().consensus()).isEqualTo(fresh.consensus());
            assertThat(second.map().uncertain()).isEqualTo(fresh.uncertain());
            assertThat(groups(second.map())).isEqualTo(groups(fresh));
            assertThat(second.map().repness()).isEqualTo(fresh.repness());

        }
    }

    /** Participants below 20 agree with even statements and disagree with odd ones; the rest the other way round. */
    private static void vote(AssemblyStore store, long id, SplittableRandom random, int from, int to, int perParticipant) {
        for (int p = from; p < to; p++) {
            for (int k = 0; k < perParticipant; k++) {
                int t = random.nextInt(12);
                boolean agree = (t % 2 == 0) == (p < 20);
                if (random.nextDouble() < 0.1) agree = !agree;
                store.castVote(id, p, t, agree ? VoteValue.AGREE : VoteValue.DISAGREE, null);
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HashMap<Integer, java.util.List<Integer>> groups(OpinionMap map) {
        var out = new HashMap<Integer, java.util.List<Integer>>();
        map.groups().forEach(g -> out.put(g.id(), g.members()));
        return out;
    }
}
