package org.charter.core.welfare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.charter.core.math.Rational;

/**
 * The Shapley value of a cooperative game: each player's marginal contribution v(S + i) - v(S) averaged over all
 * orders in which the players could join, phi_i = sum_{S not containing i} |S|! (n - |S| - 1)! / n! (v(S + i) - v(S)).
 * Exact by enumerating the 2^n coalitions for n up to {@link #MAX_EXACT_PLAYERS}; estimated by sampling random orders
 * with a seed for larger games.
 */
public final class Shapley {
    /*
     * [1] L. S. Shapley. "A value for n-person games." In H. W. Kuhn, A. W. Tucker (eds.), Contributions to the Theory
     *     of Games II, Annals of Mathematics Studies 28, pp. 307-317, Princeton University Press, 1953.
     * [3] I. Mann, L. S. Shapley. "Values of large games, VI: evaluating the Electoral College exactly." RAND
     *     Memorandum RM-3158-PR, 1962 (counting swings of a weighted voting game by generating functions).
     * [2] J. Castro, D. Gómez, J. Tejada. "Polynomial calculation of the Shapley value based on sampling." Computers
     *     & Operations Research 36(5):1726-1730, 2009 (permutation sampling and its standard error).
     */

    /** The exact computation enumerates 2^n coalitions; above this many players it refuses. */
    public static final int MAX_EXACT_PLAYERS = 20;

    private Shapley() { }

    /**
     * Exact values. Every v(S) contributes to every player: +c(|S| - 1) v(S) to each member and -c(|S|) v(S) to each
     * non-member, where c(k) = k! (n - k - 1)! / n!; so it suffices to sum v over coalitions by size and member, in
     * whole numbers over a common denominator (longs when they cannot overflow, else big integers).
     */
    public static ShapleyResult exact(CooperativeGame game) {
        int n = game.size();
        if (n > MAX_EXACT_PLAYERS && game instanceof CooperativeGames.WeightedVoting voting && countable(voting) == null) {
            return shapleyShubik(voting);
        }
        if (n > MAX_EXACT_PLAYERS) {
            throw new IllegalArgumentException("exact Shapley values enumerate 2^n coalitions; " + n + " players is above the limit of "
                    + MAX_EXACT_PLAYERS + " (sample instead: a number of permutations and a seed)");
        }
        int size = 1 << n;
        Rational[] v = game.tabulate();
        if (v.length != size) throw new IllegalStateException("the game tabulated " + v.length + " coalitions for " + n + " players");
        BigInteger denominator = BigInteger.ONE;
        for (int mask = 0; mask < size; mask++) {
            BigInteger d = v[mask].denominator();
            if (!d.equals(BigInteger.ONE)) denominator = denominator.divide(denominator.gcd(d)).multiply(d);
        }
        if (v[0].signum() != 0) throw new IllegalArgumentException("v(empty coalition) must be 0, found " + v[0]);
        // Numerators over the common denominator.
        BigInteger[] big = new BigInteger[size];
        int maxBits = 0;
        for (int mask = 0; mask < size; mask++) {
            BigInteger d = v[mask].denominator();
            big[mask] = d.equals(denominator) ? v[mask].numerator() : v[mask].numerator().multiply(denominator.divide(d));
            maxBits = Math.max(maxBits, big[mask].bitLength());
        }
        // memberSum[i][k]: sum of v(S) over |S| = k containing i; total[k]: over all |S| = k.
        BigInteger[][] memberSum = new BigInteger[n][n + 1];
        BigInteger[] total = new BigInteger[n + 1];
        if (maxBits + n + 1 < 63) {
            long[] num = new long[size];
            for (int mask = 0; mask < size; mask++) num[mask] = big[mask].longValue(); // fits: maxBits < 62
            long[][] ms = new long[n][n + 1];
            long[] t = new long[n + 1];
            for (int mask = 0; mask < size; mask++) {
                long x = num[mask];
                if (x == 0) continue;
                int k = Integer.bitCount(mask);
                t[k] += x;
                for (int bits = mask; bits != 0; bits &= bits - 1) ms[Integer.numberOfTrailingZeros(bits)][k] += x;
            }
            for (int k = 0; k <= n; k++) {
                total[k] = BigInteger.valueOf(t[k]);
                for (int i = 0; i < n; i++) memberSum[i][k] = BigInteger.valueOf(ms[i][k]);
            }
        } else {
            for (int k = 0; k <= n; k++) {
                total[k] = BigInteger.ZERO;
                for (int i = 0; i < n; i++) memberSum[i][k] = BigInteger.ZERO;
            }
            for (int mask = 0; mask < size; mask++) {
                BigInteger x = big[mask];
                if (x.signum() == 0) continue;
                int k = Integer.bitCount(mask);
                total[k] = total[k].add(x);
                for (int bits = mask; bits != 0; bits &= bits - 1) {
                    int i = Integer.numberOfTrailingZeros(bits);
                    memberSum[i][k] = memberSum[i][k].add(x);
                }
            }
        }
        Rational[] c = new Rational[n];
        BigInteger nFact = factorial(n);
        for (int k = 0; k < n; k++) c[k] = Rational.of(factorial(k).multiply(factorial(n - k - 1)), nFact);
        Rational scale = Rational.of(BigInteger.ONE, denominator);
        List<ShapleyResult.PlayerValue> values = new ArrayList<>(n);
        Rational sum = Rational.ZERO;
        for (int i = 0; i < n; i++) {
            Rational phi = Rational.ZERO;
            for (int k = 1; k <= n; k++) phi = phi.add(c[k - 1].multiply(Rational.of(memberSum[i][k], BigInteger.ONE)));
            for (int k = 0; k < n; k++) phi = phi.subtract(c[k].multiply(Rational.of(total[k].subtract(memberSum[i][k]), BigInteger.ONE)));
            phi = phi.multiply(scale);
            sum = sum.add(phi);
            values.add(new ShapleyResult.PlayerValue(game.players().get(i), phi.toString(), phi.doubleValue(), null));
        }
        return new ShapleyResult("exact", values, v[size - 1].toString(), sum.toString(), 0, null);
    }

    /**
     * Estimates by sampling {@code samples} uniformly random orders of the players (Fisher-Yates from a
     * {@link SplittableRandom} seeded with {@code seed}) and averaging each player's marginal contribution [2]. Each
     * estimate is unbiased; its standard error is the sample standard deviation over sqrt(samples). The estimates
     * sum to v(N) up to rounding, since each order's contributions do. Time: samples x n updates of the coalition.
     */
    public static ShapleyResult sampled(CooperativeGame game, long samples, long seed) {
        if (samples < 2) throw new IllegalArgumentException("sampling needs at least 2 permutations (for a standard error), found " + samples);
        int n = game.size();
        var random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] mean = new double[n];
        double[] m2 = new double[n];
        for (long s = 1; s <= samples; s++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            CooperativeGame.Growing coalition = game.growing();
            double previous = 0;
            for (int player : order) {
                double now = coalition.add(player);
                double x = now - previous;
                previous = now;
                double delta = x - mean[player];
                mean[player] += delta / s;
                m2[player] += delta * (x - mean[player]);
            }
        }
        List<ShapleyResult.PlayerValue> values = new ArrayList<>(n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double se = Math.sqrt(m2[i] / (samples - 1) / samples);
            sum += mean[i];
            values.add(new ShapleyResult.PlayerValue(game.players().get(i), WelfareFunctions.format(mean[i]), mean[i], se));
        }
        var all = new java.util.BitSet(n);
        all.set(0, n);
        return new ShapleyResult("sampled", values, game.value(all).toString(), WelfareFunctions.format(sum), samples, seed);
    }

    /** Weighted voting games whose swings {@link #shapleyShubik} counts: at most this many players... */
    public static final int MAX_COUNTED_PLAYERS = 60;
    /** ...and at most this many cells (players x quota) in the counting table. */
    public static final long MAX_COUNTED_CELLS = 50_000_000L;

    /** Null when {@link #shapleyShubik} can count the game exactly, else why not. */
    static String countable(CooperativeGames.WeightedVoting game) {
        int n = game.players().size();
        if (n > MAX_COUNTED_PLAYERS) return n + " players is above the limit of " + MAX_COUNTED_PLAYERS + " for exact counting";
        for (Rational w : game.weights()) if (!w.isInteger() || w.numerator().bitLength() > 31) return "the weights are not all whole numbers";
        BigInteger q = ceil(game.quota());
        if (BigInteger.valueOf(n + 1L).multiply(q).compareTo(BigInteger.valueOf(MAX_COUNTED_CELLS)) > 0) {
            return "players x quota is above " + MAX_COUNTED_CELLS;
        }
        return null;
    }

    private static BigInteger ceil(Rational r) {
        BigInteger[] qr = r.numerator().divideAndRemainder(r.denominator());
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    /**
     * Exact Shapley-Shubik index of a weighted voting game with whole weights by counting swings [3]: player i is
     * pivotal after a coalition S of the others exactly when q - w_i <= w(S) < q, and phi_i = sum_k k! (n - k - 1)! / n!
     * times the number of such S of size k. A table counts the coalitions of every size and weight below the quota
     * (O(n^2 q) time, exact in longs: no count exceeds C(60, 30)); removing one player from it gives the others'
     * counts. For up to {@link #MAX_COUNTED_PLAYERS} players and {@link #MAX_COUNTED_CELLS} table cells.
     */
    public static ShapleyResult shapleyShubik(CooperativeGames.WeightedVoting game) {
        String why = countable(game);
        if (why != null) throw new IllegalArgumentException("cannot count the swings of this weighted voting game exactly: " + why);
        int n = game.players().size();
        int quota = ceil(game.quota()).intValueExact();
        int[] w = game.weights().stream().mapToInt(x -> x.numerator().intValueExact()).toArray();
        // c[k][s]: coalitions of size k and weight s, for s < quota.
        long[][] c = new long[n + 1][quota];
        c[0][0] = 1;
        for (int j = 0; j < n; j++) {
            for (int k = j; k >= 0; k--) {
                for (int s = quota - 1 - w[j]; s >= 0; s--) c[k + 1][s + w[j]] += c[k][s];
            }
        }
        Rational[] coefficient = new Rational[n];
        BigInteger nFact = factorial(n);
        for (int k = 0; k < n; k++) coefficient[k] = Rational.of(factorial(k).multiply(factorial(n - k - 1)), nFact);
        long[][] without = new long[n][quota];
        List<ShapleyResult.PlayerValue> values = new ArrayList<>(n);
        Rational sum = Rational.ZERO;
        for (int i = 0; i < n; i++) {
            int wi = w[i];
            Rational phi = Rational.ZERO;
            for (int k = 0; k < n; k++) {
                long swings = 0;
                for (int s = 0; s < quota; s++) {
                    without[k][s] = c[k][s] - (k > 0 && s >= wi ? without[k - 1][s - wi] : 0);
                    if (s >= quota - wi) swings += without[k][s];
                }
                if (swings != 0) phi = phi.add(coefficient[k].multiply(Rational.of(swings)));
            }
            sum = sum.add(phi);
            values.add(new ShapleyResult.PlayerValue(game.players().get(i), phi.toString(), phi.doubleValue(), null));
        }
        long total = 0;
        for (int x : w) total += x;
        String grand = total >= quota ? "1" : "0";
        return new ShapleyResult("exact (Shapley-Shubik by counting swings)", values, grand, sum.toString(), 0, null);
    }

    private static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) f = f.multiply(BigInteger.valueOf(i));
        return f;
    }
}
