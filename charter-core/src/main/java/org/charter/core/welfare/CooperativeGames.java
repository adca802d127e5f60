package org.charter.core.welfare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.charter.core.math.Rational;

/** The cooperative games Charter knows: an explicit table, weighted voting, gloves and airports. */
public final class CooperativeGames {
    /*
     * [1] L. S. Shapley, M. Shubik. "A method for evaluating the distribution of power in a committee system."
     *     American Political Science Review 48(3):787-792, 1954 (weighted voting games).
     * [2] S. C. Littlechild, G. Owen. "A simple expression for the Shapley value in a special case." Management
     *     Science 20(3):370-372, 1973 (the airport game).
     * [3] M. Maschler, E. Solan, S. Zamir. "Game Theory." Cambridge University Press, 2013 (the glove game as a worked example of the Shapley value).
     */

    /** Explicit tables are limited to this many players (2^20 coalitions). */
    public static final int MAX_TABLE_PLAYERS = 20;

    private CooperativeGames() { }

    static List<String> checkPlayers(List<String> players) {
        List<String> copy = List.copyOf(players);
        if (copy.isEmpty()) throw new IllegalArgumentException("a game needs at least one player");
        Set<String> seen = new HashSet<>();
        for (String p : copy) {
            if (p == null || p.isBlank()) throw new IllegalArgumentException("a player name is blank");
            if (p.contains(",")) throw new IllegalArgumentException("a player name contains a comma: \"" + p + "\"");
            if (!seen.add(p)) throw new IllegalArgumentException("the player \"" + p + "\" appears twice");
        }
        return copy;
    }

    /** A game given by the worth of every coalition, indexed by bitmask (bit i = player i). */
    public static final class Table implements CooperativeGame {
        private final List<String> players;
        private final Rational[] values;

        public Table(List<String> players, List<Rational> values) {
            this.players = checkPlayers(players);
            if (this.players.size() > MAX_TABLE_PLAYERS) {
                throw new IllegalArgumentException("a table of coalition values is limited to " + MAX_TABLE_PLAYERS
                        + " players (2^" + MAX_TABLE_PLAYERS + " coalitions); found " + this.players.size());
            }
            if (values.size() != 1 << this.players.size()) {
                throw new IllegalArgumentException(values.size() + " coalition values for " + this.players.size()
                        + " players; expected 2^" + this.players.size() + " = " + (1 << this.players.size()));
            }
            this.values = values.toArray(Rational[]::new);
            if (this.values[0].signum() != 0) throw new IllegalArgumentException("v(empty coalition) must be 0, found " + this.values[0]);
        }

        /** Tabulates any game of at most {@link #MAX_TABLE_PLAYERS} players. */
        public static Table of(CooperativeGame game) {
            int n = game.size();
            if (n > MAX_TABLE_PLAYERS) {
                throw new IllegalArgumentException("cannot tabulate " + n + " players: the limit is " + MAX_TABLE_PLAYERS);
            }
            return new Table(game.players(), Arrays.asList(game.tabulate()));
        }

        @Override
        public List<String> players() {
            return players;
        }

        @Override
        public Rational value(int mask) {
            return values[mask];
        }

        @Override
        public Rational[] tabulate() {
            return values.clone();
        }

        @Override
        public Rational value(BitSet coalition) {
            long[] words = coalition.toLongArray();
            return values[words.length == 0 ? 0 : (int) words[0]];
        }

        @Override
        public Growing growing() {
            return new Growing() {
                int mask;

                @Override
                public double add(int player) {
                    mask |= 1 << player;
                    return values[mask].doubleValue();
                }
            };
        }
    }

    /**
     * A weighted voting game [q; w_1, ..., w_n]: a coalition is worth 1 when its weights reach the quota q, else 0.
     * Its Shapley value is the Shapley-Shubik power index [1].
     */
    public record WeightedVoting(List<String> players, Rational quota, List<Rational> weights) implements CooperativeGame {
        public WeightedVoting {
            players = checkPlayers(players);
            weights = List.copyOf(weights);
            if (weights.size() != players.size()) throw new IllegalArgumentException(weights.size() + " weights for " + players.size() + " players");
            for (Rational w : weights) if (w.signum() < 0) throw new IllegalArgumentException("a voting weight must not be negative, found " + w);
            if (quota.signum() <= 0) throw new IllegalArgumentException("the quota must be positive, found " + quota);
        }

        /** Players named p1..pn. */
        public static WeightedVoting of(long quota, long... weights) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) names.add("p" + (i + 1));
            return new WeightedVoting(names, Rational.of(quota), Arrays.stream(weights).mapToObj(Rational::of).toList());
        }

        @Override
        public Rational value(BitSet coalition) {
            Rational sum = Rational.ZERO;
            for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) sum = sum.add(weights.get(i));
            return sum.compareTo(quota) >= 0 ? Rational.ONE : Rational.ZERO;
        }

        /** Subset sums built from smaller ones, one addition per coalition; exact (in longs when the weights are whole). */
        @Override
        public Rational[] tabulate() {
            int n = players.size();
            if (n > 30) throw new IllegalArgumentException("cannot tabulate " + n + " players (2^" + n + " coalitions)");
            Rational[] v = new Rational[1 << n];
            boolean whole = quota.isInteger() && quota.numerator().bitLength() < 62
                    && weights.stream().allMatch(w -> w.isInteger() && w.numerator().bitLength() < 31);
            if (whole) {
                long q = quota.numerator().longValue();
                long[] w = weights.stream().mapToLong(x -> x.numerator().longValue()).toArray();
                long[] sum = new long[1 << n];
                v[0] = sum[0] >= q ? Rational.ONE : Rational.ZERO;
                for (int mask = 1; mask < sum.length; mask++) {
                    sum[mask] = sum[mask & (mask - 1)] + w[Integer.numberOfTrailingZeros(mask)];
                    v[mask] = sum[mask] >= q ? Rational.ONE : Rational.ZERO;
                }
            } else {
                Rational[] sum = new Rational[1 << n];
                sum[0] = Rational.ZERO;
                v[0] = quota.signum() <= 0 ? Rational.ONE : Rational.ZERO;
                for (int mask = 1; mask < sum.length; mask++) {
                    sum[mask] = sum[mask & (mask - 1)].add(weights.get(Integer.numberOfTrailingZeros(mask)));
                    v[mask] = sum[mask].compareTo(quota) >= 0 ? Rational.ONE : Rational.ZERO;
                }
            }
            return v;
        }

        /**
         * The quota test stays exact while sampling: weights and quota are scaled by the common denominator into
         * whole numbers (BigInteger when they would not fit a long), so that, say, three weights of 1/3 reach a quota
         * of 1 — a sum of doubles would fall just short.
         */
        @Override
        public Growing growing() {
            java.math.BigInteger scale = quota.denominator();
            for (Rational w : weights) scale = lcm(scale, w.denominator());
            java.math.BigInteger q = quota.numerator().multiply(scale.divide(quota.denominator()));
            java.math.BigInteger[] w = new java.math.BigInteger[weights.size()];
            java.math.BigInteger total = java.math.BigInteger.ZERO;
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i).numerator().multiply(scale.divide(weights.get(i).denominator()));
                total = total.add(w[i]);
            }
            if (total.bitLength() < 63 && q.bitLength() < 63) {
                long ql = q.longValueExact();
                long[] wl = new long[w.length];
                for (int i = 0; i < w.length; i++) wl[i] = w[i].longValueExact();
                return new Growing() {
                    long sum;

                    @Override
                    public double add(int player) {
                        sum += wl[player];
                        return sum >= ql ? 1 : 0;
                    }
                };
            }
            return new Growing() {
                java.math.BigInteger sum = java.math.BigInteger.ZERO;

                @Override
                public double add(int player) {
                    sum = sum.add(w[player]);
                    return sum.compareTo(q) >= 0 ? 1 : 0;
                }
            };
        }

        private static java.math.BigInteger lcm(java.math.BigInteger a, java.math.BigInteger b) {
            return a.divide(a.gcd(b)).multiply(b);
        }
    }

    /**
     * The glove game: each player holds one left or one right glove; a coalition is worth the number of pairs it can
     * make, min(#left, #right) [3].
     */
    public record Gloves(List<String> players, Set<String> left) implements CooperativeGame {
        public Gloves {
            players = checkPlayers(players);
            left = Set.copyOf(left);
            for (String l : left) if (!players.contains(l)) throw new IllegalArgumentException("unknown left-glove player \"" + l + "\"");
        }

        @Override
        public Rational value(BitSet coalition) {
            long l = 0, r = 0;
            for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
                if (left.contains(players.get(i))) l++;
                else r++;
            }
            return Rational.of(Math.min(l, r));
        }

        @Override
        public Growing growing() {
            boolean[] isLeft = new boolean[players.size()];
            for (int i = 0; i < isLeft.length; i++) isLeft[i] = left.contains(players.get(i));
            return new Growing() {
                long l, r;

                @Override
                public double add(int player) {
                    if (isLeft[player]) l++;
                    else r++;
                    return Math.min(l, r);
                }
            };
        }
    }

    /**
     * The airport game (a cost game): player i needs a runway of cost c_i, and a coalition pays for the longest runway
     * any member needs, v(S) = max_{i in S} c_i. Littlechild and Owen [2] give its Shapley value in closed form: with
     * costs sorted c_1 <= ... <= c_n and c_0 = 0, player i pays sum_{k <= i} (c_k - c_{k-1}) / (n - k + 1).
     */
    public record Airport(List<String> players, List<Rational> costs) implements CooperativeGame {
        public Airport {
            players = checkPlayers(players);
            costs = List.copyOf(costs);
            if (costs.size() != players.size()) throw new IllegalArgumentException(costs.size() + " costs for " + players.size() + " players");
            for (Rational c : costs) if (c.signum() < 0) throw new IllegalArgumentException("a runway cost must not be negative, found " + c);
        }

        @Override
        public Rational value(BitSet coalition) {
            Rational max = Rational.ZERO;
            for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) max = max.max(costs.get(i));
            return max;
        }

        /** The worth is the largest cost so far: an exact cost rounded once, so doubles lose nothing that adds up. */
        @Override
        public Growing growing() {
            double[] costInDoubles = costs.stream().mapToDouble(Rational::doubleValue).toArray();
            return new Growing() {
                double max;

                @Override
                public double add(int player) {
                    max = Math.max(max, costInDoubles[player]);
                    return max;
                }
            };
        }

        /** Littlechild and Owen's closed form, exact, in player order. */
        public List<Rational> littlechildOwen() {
            int n = costs.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> costs.get(a).compareTo(costs.get(b)));
            Rational[] share = new Rational[n];
            Rational acc = Rational.ZERO, previous = Rational.ZERO;
            for (int k = 0; k < n; k++) {
                Rational c = costs.get(order[k]);
                acc = acc.add(c.subtract(previous).divide(Rational.of(n - k)));
                previous = c;
                share[order[k]] = acc;
            }
            return List.of(share);
        }
    }
}
