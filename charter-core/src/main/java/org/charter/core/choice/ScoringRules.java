package org.charter.core.choice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positional scoring rules: plurality, Borda and anti-plurality.
 *
 * <p>Conventions for weak and truncated ballots (stated once, used by every rule here and by the iterative rules):
 * a ballot gives a first place only to a candidate alone in its best tier among the candidates still standing
 * (pref_voting's plurality for profiles with ties); unranked candidates form one tied bottom tier, so a last place
 * goes only to a candidate alone at the bottom. Borda's score of c is the sum over the other candidates d of the
 * margin of c over d under the chosen truncation convention ("symmetric Borda"): on complete strict ballots it is
 * 2 x (classical Borda points) - (m - 1) x voters, so it picks the same winners; the classical points are reported
 * too.
 */
public final class ScoringRules {
    private ScoringRules() { }

    /** First-place counts among the candidates in {@code standing} (unique first only). */
    static long[] firstPlaces(Profile p, boolean[] standing) {
        long[] s = new long[p.size()];
        for (Ballot b : p.ballots()) {
            int f = uniqueFirst(b, standing);
            if (f >= 0) s[f] += b.count();
        }
        return s;
    }

    static int uniqueFirst(Ballot b, boolean[] standing) {
        int r = b.rankedCount();
        for (int i = 0; i < r; i++) {
            int c = b.candidateAt(i);
            if (!standing[c]) continue;
            int t = b.tierAt(i);
            for (int j = i + 1; j < r && b.tierAt(j) == t; j++) if (standing[b.candidateAt(j)]) return -1;
            return c;
        }
        return -1;
    }

    /** The candidate alone at the bottom of the ballot among those standing, or -1 (unranked ones tie at the bottom). */
    static int uniqueLast(Ballot b, boolean[] standing, int standingCount) {
        int r = b.rankedCount();
        int rankedStanding = 0;
        for (int i = 0; i < r; i++) if (standing[b.candidateAt(i)]) rankedStanding++;
        int unranked = standingCount - rankedStanding;
        if (unranked > 1) return -1;
        if (unranked == 1) {
            boolean[] onBallot = new boolean[standing.length];
            for (int i = 0; i < r; i++) onBallot[b.candidateAt(i)] = true;
            for (int c = 0; c < standing.length; c++) if (standing[c] && !onBallot[c]) return c;
        }
        for (int i = r - 1; i >= 0; i--) {
            int c = b.candidateAt(i);
            if (!standing[c]) continue;
            int t = b.tierAt(i);
            for (int j = i - 1; j >= 0 && b.tierAt(j) == t; j--) if (standing[b.candidateAt(j)]) return -1;
            return c;
        }
        return -1;
    }

    static boolean[] all(int n) {
        boolean[] s = new boolean[n];
        java.util.Arrays.fill(s, true);
        return s;
    }

    /** Borda on the standing candidates: sum of margins against the other standing candidates. */
    static long[] bordaMargins(MarginGraph g, boolean[] standing) {
        long[] s = new long[g.size()];
        for (int a = 0; a < g.size(); a++) {
            if (!standing[a]) continue;
            for (int b = 0; b < g.size(); b++) if (b != a && standing[b]) s[a] += g.margin(a, b);
        }
        return s;
    }

    /** Classical Borda points: for each ballot, the number of candidates it ranks c above (truncation as chosen). */
    static long[] bordaPoints(Profile p, Truncation t) {
        int n = p.size();
        long[] s = new long[n];
        for (Ballot b : p.ballots()) {
            int r = b.rankedCount();
            for (int i = 0; i < r; i++) {
                int below = 0;
                for (int j = i + 1; j < r; j++) if (b.tierAt(j) != b.tierAt(i)) below++;
                if (t == Truncation.BELOW) below += n - r;
                s[b.candidateAt(i)] += below * b.count();
            }
        }
        return s;
    }

    static Map<String, Long> named(List<String> names, long[] v) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) m.put(names.get(i), v[i]);
        return m;
    }

    /** Plurality: the most first places. */
    public static final class Plurality implements SingleWinnerRule {
        /*
         * [1] W. S. Zwicker. "Introduction to the theory of voting." Handbook of Computational Social Choice, ch. 2,
         *     Cambridge University Press, 2016.
         */
        @Override public String id() { return "plurality"; }
        @Override public String summary() { return "Most first places (a ballot with a tie at the top gives no first place)."; }
        @Override public String citation() { return "W. S. Zwicker, Introduction to the theory of voting, Handbook of Computational Social Choice, 2016"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            return MajorityRules.bestScores(id(), p.candidates(), firstPlaces(p, all(p.size())), true, Map.of());
        }
    }

    /** Borda: the largest sum of margins against every other candidate (equivalently, most Borda points on complete strict ballots). */
    public static final class Borda implements SingleWinnerRule {
        /*
         * [1] J.-C. de Borda. "Memoire sur les elections au scrutin." Histoire de l'Academie Royale des Sciences, 1781.
         */
        @Override public String id() { return "borda"; }
        @Override public String summary() { return "Highest Borda score: sum of margins over the others (truncation convention as chosen; classical points also shown)."; }
        @Override public String citation() { return "J.-C. de Borda, Memoire sur les elections au scrutin, Histoire de l'Academie Royale des Sciences, 1781"; }

        @Override
        public RuleResult apply(Election e) {
            OrdinalElection o = ordinal(e);
            Profile p = o.profile();
            long[] score = bordaMargins(o.margins(), all(p.size()));
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("score", "sum of margins against the other candidates (" + o.truncation().name().toLowerCase() + " truncation)");
            more.put("borda_points", named(p.candidates(), bordaPoints(p, o.truncation())));
            return MajorityRules.bestScores(id(), p.candidates(), score, true, more);
        }
    }

    /** Anti-plurality: the fewest last places. */
    public static final class AntiPlurality implements SingleWinnerRule {
        /*
         * [1] W. S. Zwicker. "Introduction to the theory of voting." Handbook of Computational Social Choice, ch. 2,
         *     Cambridge University Press, 2016.
         */
        @Override public String id() { return "anti-plurality"; }
        @Override public String summary() { return "Fewest last places (unranked candidates tie at the bottom, and a tied bottom gives no last place)."; }
        @Override public String citation() { return "W. S. Zwicker, Introduction to the theory of voting, Handbook of Computational Social Choice, 2016"; }

        @Override
        public RuleResult apply(Election e) {
            Profile p = ordinal(e).profile();
            long[] last = new long[p.size()];
            boolean[] standing = all(p.size());
            for (Ballot b : p.ballots()) {
                int l = uniqueLast(b, standing, p.size());
                if (l >= 0) last[l] += b.count();
            }
            RuleResult r = MajorityRules.bestScores(id(), p.candidates(), last, false, Map.of());
            return RuleResult.of(id(), p.candidates(), r.winners(), Map.of("last_places", r.evidence().get("scores")));
        }
    }
}
