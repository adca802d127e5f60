package org.charter.core.welfare;

import java.util.BitSet;
import java.util.List;

/**
 * A cooperative game with transferable utility: players and a characteristic function v giving each coalition S
 * its worth v(S), with v(empty) = 0. Implementations: {@link CooperativeGames}.
 */
public interface CooperativeGame {
    /** The players' names, in index order. */
    List<String> players();

    /** v(S) for the coalition of the players whose indices are set. */
    org.charter.core.math.Rational value(BitSet coalition);

    default int size() {
        return players().size();
    }

    /** v(S) for the coalition whose bits are set in {@code mask} (players 0..30). */
    default org.charter.core.math.Rational value(int mask) {
        return value(BitSet.valueOf(new long[] {mask & 0xFFFFFFFFL}));
    }

    /**
     * v for every coalition, indexed by bitmask, for games of at most 30 players (the exact Shapley value uses it);
     * games with structure override it with something faster than 2^n calls of {@link #value(int)}.
     */
    default org.charter.core.math.Rational[] tabulate() {
        int n = size();
        if (n > 30) throw new IllegalArgumentException("cannot tabulate " + n + " players (2^" + n + " coalitions)");
        var v = new org.charter.core.math.Rational[1 << n];
        for (int mask = 0; mask < v.length; mask++) v[mask] = value(mask);
        return v;
    }

    /** A coalition that grows one player at a time from the empty one, for permutation sampling. */
    default Growing growing() {
        return new Growing() {
            private final BitSet s = new BitSet(size());

            @Override
            public double add(int player) {
                s.set(player);
                return value(s).doubleValue();
            }
        };
    }

    /** A mutable coalition, starting empty (worth 0); games with a cheap update override {@link #growing()}. */
    interface Growing {
        /** Adds a player not yet in the coalition and returns the new coalition's worth. */
        double add(int player);
    }
}
