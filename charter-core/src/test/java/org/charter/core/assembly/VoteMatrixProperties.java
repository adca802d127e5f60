package org.charter.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VoteMatrixProperties {
    @Provide
    Arbitrary<List<VoteEvent>> events() {
        Arbitrary<VoteEvent> event = Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4), Arbitraries.of(VoteValue.class), Arbitraries.longs().between(0, 6))
                .as((p, t, v, at) -> new VoteEvent(p, t, v, Instant.ofEpochMilli(at)));
        return event.list().ofMaxSize(40);
    }

    /** The plain definition: scan for the event with the greatest (time, position). */
    @Property
    void latestOfAgreesWithTheDefinition(@ForAll("events") List<VoteEvent> events) {
        Map<Integer, Map<Integer, VoteValue>> expected = new HashMap<>();
        for (int p = 0; p <= 4; p++) {
            for (int t = 0; t <= 4; t++) {
                VoteEvent best = null;
                for (VoteEvent e : events) {
                    if (e.pid() == p && e.tid() == t && (best == null || !e.at().isBefore(best.at()))) best = e;
                }
                if (best != null) expected.computeIfAbsent(p, k -> new HashMap<>()).put(t, best.vote());
            }
        }
        assertThat(VoteMatrix.latestOf(events)).isEqualTo(VoteMatrix.of(expected));
    }

    /** Events in a different order but at distinct times give the same matrix. */
    @Property
    void orderDoesNotMatterWhenTimesDiffer(@ForAll("events") List<VoteEvent> events, @ForAll long seed) {
        var distinct = new ArrayList<VoteEvent>();
        for (int i = 0; i < events.size(); i++) {
            VoteEvent e = events.get(i);
            distinct.add(new VoteEvent(e.pid(), e.tid(), e.vote(), Instant.ofEpochMilli(i)));
        }
        var shuffled = new ArrayList<>(distinct);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        assertThat(VoteMatrix.latestOf(shuffled)).isEqualTo(VoteMatrix.latestOf(distinct));
    }

    @Property
    void cellsAreConserved(@ForAll("events") List<VoteEvent> events) {
        VoteMatrix m = VoteMatrix.latestOf(events);
        long distinctCells = events.stream().map(e -> List.of(e.pid(), e.tid())).distinct().count();
        assertThat(m.cellCount()).isEqualTo(distinctCells);
        assertThat(m.tally().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(m.cellCount());
    }
}
