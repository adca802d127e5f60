package org.charter.core.choice.committee;

import java.util.Arrays;
import java.util.Optional;

import org.charter.core.math.Rational;

/**
 * A small exact linear-programming solver: two-phase simplex over rationals with Bland's rule (no cycling, no
 * rounding). Meant for the small LPs of committee axioms (priceability).
 */
final class ExactLp {
    /*
     * [1] G. B. Dantzig. "Linear Programming and Extensions." Princeton University Press, 1963.
     * [2] R. G. Bland. "New finite pivoting rules for the simplex method." Mathematics of Operations Research 2(2), 1977.
     */

    /** The largest tableau (rows x columns) solved before refusing. */
    static final long MAX_CELLS = 400_000;

    private ExactLp() { }

    /**
     * Maximises c.x subject to A x = b and x >= 0, for a bounded problem.
     *
     * @return an optimal x, or empty when the constraints are infeasible
     */
    static Optional<Rational[]> maximize(Rational[][] a, Rational[] b, Rational[] c) {
        int m = a.length;
        int n = c.length;
        int cols = n + m + 1;
        if ((long) (m + 1) * cols > MAX_CELLS) {
            throw new CommitteeLimitException("the exact LP has " + m + " rows and " + (n + m) + " columns, more than the limit of "
                    + MAX_CELLS + " tableau cells");
        }
        Rational[][] t = new Rational[m + 1][cols];
        int[] basis = new int[m];
        for (int i = 0; i < m; i++) {
            boolean flip = b[i].signum() < 0;
            for (int j = 0; j < n; j++) t[i][j] = flip ? a[i][j].negate() : a[i][j];
            for (int j = n; j < n + m; j++) t[i][j] = j - n == i ? Rational.ONE : Rational.ZERO;
            t[i][cols - 1] = flip ? b[i].negate() : b[i];
            basis[i] = n + i;
        }
        // phase 1: maximise -(sum of artificials); reduced-cost row holds -c_j, made zero on the basis
        Rational[] z = t[m];
        Arrays.fill(z, Rational.ZERO);
        for (int j = n; j < n + m; j++) z[j] = Rational.ONE;
        for (int i = 0; i < m; i++) for (int j = 0; j < cols; j++) z[j] = z[j].subtract(t[i][j]);
        boolean[] allowed = new boolean[n + m];
        Arrays.fill(allowed, true);
        run(t, basis, allowed);
        if (t[m][cols - 1].signum() != 0) return Optional.empty();
        // drive artificials out of the basis; rows where that is impossible are redundant
        boolean[] dead = new boolean[m];
        for (int i = 0; i < m; i++) {
            if (basis[i] < n) continue;
            int enter = -1;
            for (int j = 0; j < n; j++) if (t[i][j].signum() != 0) { enter = j; break; }
            if (enter < 0) dead[i] = true; else pivot(t, basis, i, enter);
        }
        for (int j = n; j < n + m; j++) allowed[j] = false;
        // phase 2
        Arrays.fill(z, Rational.ZERO);
        for (int j = 0; j < n; j++) z[j] = c[j].negate();
        for (int i = 0; i < m; i++) {
            if (dead[i]) continue;
            Rational f = z[basis[i]];
            if (f.signum() != 0) for (int j = 0; j < cols; j++) z[j] = z[j].subtract(f.multiply(t[i][j]));
        }
        for (int i = 0; i < m; i++) if (dead[i]) Arrays.fill(t[i], Rational.ZERO);
        run(t, basis, allowed);
        Rational[] x = new Rational[n];
        Arrays.fill(x, Rational.ZERO);
        for (int i = 0; i < m; i++) if (!dead[i] && basis[i] < n) x[basis[i]] = t[i][cols - 1];
        return Optional.of(x);
    }

    private static void run(Rational[][] t, int[] basis, boolean[] allowed) {
        int m = basis.length;
        int cols = t[0].length;
        while (true) {
            int enter = -1;
            for (int j = 0; j < cols - 1; j++) if (allowed[j] && t[m][j].signum() < 0) { enter = j; break; }
            if (enter < 0) return;
            int leave = -1;
            Rational best = null;
            for (int i = 0; i < m; i++) {
                if (t[i][enter].signum() <= 0) continue;
                Rational ratio = t[i][cols - 1].divide(t[i][enter]);
                int cmp = best == null ? -1 : ratio.compareTo(best);
                if (cmp < 0 || (cmp == 0 && basis[i] < basis[leave])) { best = ratio; leave = i; }
            }
            if (leave < 0) throw new IllegalStateException("unbounded LP");
            pivot(t, basis, leave, enter);
        }
    }

    private static void pivot(Rational[][] t, int[] basis, int row, int col) {
        int cols = t[0].length;
        Rational p = t[row][col];
        if (!p.equals(Rational.ONE)) for (int j = 0; j < cols; j++) if (t[row][j].signum() != 0) t[row][j] = t[row][j].divide(p);
        for (int i = 0; i < t.length; i++) {
            if (i == row) continue;
            Rational f = t[i][col];
            if (f.signum() == 0) continue;
            for (int j = 0; j < cols; j++) if (t[row][j].signum() != 0) t[i][j] = t[i][j].subtract(f.multiply(t[row][j]));
        }
        basis[row] = col;
    }
}
