package org.charter.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.core.math.Rational;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of ratification over random assemblies. */
class RatificationProperties {
    static Ratification.Input input(List<Integer> codes, int statements) {
        Map<Integer, Map<Integer, VoteValue>> cells = new TreeMap<>();
        Map<Integer, Integer> groupOf = new HashMap<>();
        int participants = codes.size() / statements;
        for (int p = 0; p < participants; p++) {
            Map<Integer, VoteValue> row = new HashMap<>();
            for (int t = 0; t < statements; t++) {
                int code = codes.get(p * statements + t);
                if (code != 2) row.put(t, VoteValue.fromPolisCode(code));
            }
            cells.put(p, row);
            groupOf.put(p, p % 2);
        }
        Map<Integer, String> texts = new TreeMap<>();
        for (int t = 0; t < statements; t++) texts.put(t, "statement " + t);
        return new Ratification.Input("a", texts, groupOf, VoteMatrix.of(cells));
    }

    /** A higher threshold never takes more: the chosen set shrinks as the threshold rises; every consensus is in (0, 1). */
    @Property(tries = 100)
    void consensusIsMonotoneInTheThreshold(@ForAll @Size(min = 12, max = 60) List<@IntRange(min = -1, max = 2) Integer> codes,
                                           @ForAll @IntRange(min = 1, max = 9) int lo, @ForAll @IntRange(min = 1, max = 9) int hi) {
        var in = input(codes, 3);
        var base = Ratification.empty("c", "1");
        var s = Ratification.Settings.community("2", LocalDate.EPOCH);
        var low = Ratification.ratify(base, base, in, new RatificationRule.ConsensusThreshold(Rational.of(Math.min(lo, hi), 10)), s, List.of());
        var high = Ratification.ratify(base, base, in, new RatificationRule.ConsensusThreshold(Rational.of(Math.max(lo, hi), 10)), s, List.of());
        assertThat(low.chosen()).containsAll(high.chosen());
        for (var sup : low.supports()) {
            assertThat(sup.consensus().signum()).isPositive();
            assertThat(sup.consensus().compareTo(Rational.ONE)).isNegative();
        }
        assertThat(low.charter().clauses()).hasSize(low.chosen().size());
    }

    /** A committee slate has exactly k clauses. */
    @Property(tries = 60)
    void aSlateHasExactlyKClauses(@ForAll @Size(min = 12, max = 48) List<@IntRange(min = -1, max = 2) Integer> codes, @ForAll @IntRange(min = 1, max = 4) int k) {
        var in = input(codes, 4);
        var base = Ratification.empty("c", "1");
        var r = Ratification.ratify(base, base, in, new RatificationRule.CommitteeSlate("seq-phragmen", k), Ratification.Settings.community("2", LocalDate.EPOCH), List.of());
        assertThat(r.charter().clauses()).hasSize(k);
    }
}
