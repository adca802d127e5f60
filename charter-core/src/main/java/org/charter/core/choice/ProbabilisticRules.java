package org.charter.core.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.math.Rational;

/**
 * Rules that return a lottery over the candidates: maximal lotteries, random dictator and proportional Borda. The
 * winners of the result are the candidates with positive probability; the probabilities are exact rationals.
 */
public final class ProbabilisticRules {
    private ProbabilisticRules() { }

    static RuleResult lottery(String id, List<String> names, Rational[] p, Map<String, Object> evidence) {
        List<Integer> support = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (p[i].signum() > 0) support.add(i);
        return new RuleResult(id, names, support, evidence, Arrays.asList(p));
    }

    /**
     * Maximal lotteries: a probability distribution p over candidates that no candidate beats in expectation, i.e.
     * sum_a p(a) margin(a, b) >= 0 for every b. Found by an exact simplex method over rationals (phase one with
     * Bland's rule), so the tolerance is zero; when several maximal lotteries exist (even margins), it returns one
     * vertex of their polytope.
     */
    public static final class MaximalLottery extends MarginRule {
        /*
         * [1] G. Kreweras. "Aggregation of preference orderings." Mathematics and Social Sciences I, 1965.
         * [2] P. C. Fishburn. "Probabilistic social choice based on simple voting comparisons." Review of Economic
         *     Studies 51(4), 683-692, 1984.
         * [3] F. Brandl, F. Brandt, H. G. Seedig. "Consistent probabilistic social choice." Econometrica 84(5), 2016.
         */
        static final int LIMIT = 40;

        @Override public String id() { return "maximal-lottery"; }
        @Override public String summary() { return "A lottery no candidate beats in expectation on the margins (exact rational LP, tolerance 0)."; }
        @Override public String citation() { return "P. C. Fishburn, Probabilistic social choice based on simple voting comparisons, Rev. Econ. Studies 51, 1984"; }
        @Override protected int limit() { return LIMIT; }
        @Override protected String limitReason() { return "the exact rational simplex grows faster than the cube of the candidates: 30 take about half a second, 60 about 20 seconds"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            int n = g.size();
            if (n > LIMIT) throw new RuleRefusedException(id(), n + " candidates is more than its limit of " + LIMIT + " (" + limitReason() + ")");
            Rational[] p = solve(g);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("margins", g.asMap());
            ev.put("method", "exact simplex over rationals (tolerance 0)");
            return lottery(id(), g.candidates(), p, ev);
        }

        /** Phase-one simplex for: sum_a m(a,b) p_a - s_b = 0 (all b), sum_a p_a = 1, p, s >= 0. */
        static Rational[] solve(MarginGraph g) {
            int n = g.size();
            int rows = n + 1, vars = 2 * n + rows; // p, s, artificials
            Rational[][] t = new Rational[rows][vars + 1];
            for (Rational[] r : t) Arrays.fill(r, Rational.ZERO);
            for (int b = 0; b < n; b++) {
                for (int a = 0; a < n; a++) t[b][a] = Rational.of(g.margin(a, b));
                t[b][n + b] = Rational.of(-1);
                t[b][2 * n + b] = Rational.ONE;
            }
            for (int a = 0; a < n; a++) t[n][a] = Rational.ONE;
            t[n][2 * n + n] = Rational.ONE;
            t[n][vars] = Rational.ONE;
            int[] basis = new int[rows];
            for (int r = 0; r < rows; r++) basis[r] = 2 * n + r;
            while (true) {
                // Reduced cost of column j for "minimise the sum of artificials": -(sum of column j over rows).
                int enter = -1;
                for (int j = 0; j < 2 * n && enter < 0; j++) {
                    Rational cost = Rational.ZERO;
                    for (int r = 0; r < rows; r++) if (basis[r] >= 2 * n) cost = cost.subtract(t[r][j]);
                    if (cost.signum() < 0) enter = j;
                }
                if (enter < 0) break;
                int leave = -1;
                Rational best = null;
                for (int r = 0; r < rows; r++) {
                    if (t[r][enter].signum() <= 0) continue;
                    Rational ratio = t[r][vars].divide(t[r][enter]);
                    int c = best == null ? -1 : ratio.compareTo(best);
                    if (best == null || c < 0 || (c == 0 && basis[r] < basis[leave])) {
                        best = ratio;
                        leave = r;
                    }
                }
                if (leave < 0) throw new IllegalStateException("maximal lottery LP is unbounded, which cannot happen");
                Rational piv = t[leave][enter];
                for (int j = 0; j <= vars; j++) t[leave][j] = t[leave][j].divide(piv);
                for (int r = 0; r < rows; r++) {
                    if (r == leave || t[r][enter].signum() == 0) continue;
                    Rational f = t[r][enter];
                    for (int j = 0; j <= vars; j++) if (t[leave][j].signum() != 0) t[r][j] = t[r][j].subtract(f.multiply(t[leave][j]));
                }
                basis[leave] = enter;
            }
            Rational[] p = new Rational[n];
            Arrays.fill(p, Rational.ZERO);
            for (int r = 0; r < rows; r++) {
                if (basis[r] >= 2 * n && t[r][vars].signum() != 0) throw new IllegalStateException("maximal lottery LP infeasible, which cannot happen");
                if (basis[r] < n) p[basis[r]] = t[r][vars];
            }
            return p;
        }
    }

    /** Random dictator: pick a ballot at random (by count) and elect its favourite (a tied top tier splits equally). */
    public static final class RandomDictator implements SingleWinnerRule {
        /*
         * [1] A. Gibbard. "Manipulation of schemes that mix voting with chance." Econometrica 45(3), 665-681, 1977.
         */
        @Override public String id() { return "random-dictator"; }
        @Override public String summary() { return "Lottery: each candidate's share of first places (a tied top tier splits its ballot equally)."; }
        @Override public String citation() { return "A. Gibbard, Manipulation of schemes that mix voting with chance, Econometrica 45, 1977"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            Rational[] share = new Rational[p.size()];
            Arrays.fill(share, Rational.ZERO);
            long voters = p.voters();
            if (voters == 0) throw new RuleRefusedException(id(), "there are no ballots");
            for (Ballot b : p.ballots()) {
                int size = 1;
                while (size < b.rankedCount() && b.tierAt(size) == 0) size++;
                for (int i = 0; i < size; i++) share[b.candidateAt(i)] = share[b.candidateAt(i)].add(Rational.of(b.count(), voters * size));
            }
            return lottery(id(), p.candidates(), share, Map.of("voters", voters));
        }
    }

    /** Proportional Borda: each candidate's probability is its share of all Borda points. */
    public static final class ProportionalBorda implements SingleWinnerRule {
        /*
         * [1] P. Heckelman. "Probabilistic Borda rule voting." Social Choice and Welfare 21(3), 455-468, 2003.
         */
        @Override public String id() { return "proportional-borda"; }
        @Override public String summary() { return "Lottery: each candidate's share of all Borda points (classical points, truncation as chosen)."; }
        @Override public String citation() { return "J. C. Heckelman, Probabilistic Borda rule voting, Social Choice and Welfare 21, 2003"; }

        @Override
        public RuleResult apply(Election e) {
            OrdinalElection o = ordinal(e);
            long[] points = ScoringRules.bordaPoints(o.profile(), o.truncation());
            long total = 0;
            for (long x : points) total += x;
            Rational[] p = new Rational[points.length];
            for (int i = 0; i < p.length; i++) p[i] = total == 0 ? Rational.of(1, p.length) : Rational.of(points[i], total);
            return lottery(id(), o.candidates(), p, Map.of("borda_points", ScoringRules.named(o.candidates(), points)));
        }
    }
}
