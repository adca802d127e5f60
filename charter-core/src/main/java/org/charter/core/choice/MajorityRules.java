package org.charter.core.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules that look only at the majority graph (who beats whom, not by how much): pref_voting's C1 family, with the
 * Condorcet winner and loser, Copeland, Llull, and the Smith, Schwartz, top-cycle and uncovered sets.
 */
public final class MajorityRules {
    private MajorityRules() { }

    /** Reachability: reach[a][b] when a path from a to b uses only edges passing {@code edge}. */
    static boolean[][] closure(int n, java.util.function.BiPredicate<Integer, Integer> edge) {
        boolean[][] r = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            r[a][a] = true;
            for (int b = 0; b < n; b++) if (a != b && edge.test(a, b)) r[a][b] = true;
        }
        for (int k = 0; k < n; k++) for (int a = 0; a < n; a++) if (r[a][k]) for (int b = 0; b < n; b++) if (r[k][b]) r[a][b] = true;
        return r;
    }

    static List<String> names(MarginGraph g, List<Integer> set) {
        return set.stream().map(g.candidates()::get).toList();
    }

    /** The Smith set: the smallest non-empty set whose members all beat every candidate outside it. */
    public static List<Integer> smithSet(MarginGraph g) {
        int n = g.size();
        boolean[][] r = closure(n, (a, b) -> g.margin(a, b) >= 0);
        List<Integer> out = new ArrayList<>();
        outer:
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) if (!r[a][b]) continue outer;
            out.add(a);
        }
        return out;
    }

    /** The Schwartz set: the union of the minimal sets that no outside candidate beats (GOCHA). */
    public static List<Integer> schwartzSet(MarginGraph g) {
        int n = g.size();
        boolean[][] r = closure(n, g::beats);
        List<Integer> out = new ArrayList<>();
        outer:
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) if (r[b][a] && !r[a][b]) continue outer;
            out.add(a);
        }
        return out;
    }

    /** Condorcet: the Condorcet winner if there is one, otherwise every candidate (as pref_voting's {@code condorcet}). */
    public static final class Condorcet extends MarginRule {
        /*
         * [1] Marquis de Condorcet. "Essai sur l'application de l'analyse a la probabilite des decisions rendues a la
         *     pluralite des voix." Imprimerie Royale, Paris, 1785.
         */
        @Override public String id() { return "condorcet"; }
        @Override public String summary() { return "The Condorcet winner (beats every other candidate head to head), or all candidates when there is none; also reports the Condorcet loser."; }
        @Override public String citation() { return "Condorcet, Essai sur l'application de l'analyse..., 1785"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            int w = g.condorcetWinner();
            int l = g.condorcetLoser();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("condorcet_winner", w < 0 ? "none" : g.candidates().get(w));
            ev.put("condorcet_loser", l < 0 ? "none" : g.candidates().get(l));
            ev.put("majority_edges", g.majorityEdges());
            List<Integer> winners = new ArrayList<>();
            if (w >= 0) winners.add(w);
            else for (int i = 0; i < g.size(); i++) winners.add(i);
            return RuleResult.of(id(), g.candidates(), winners, ev);
        }
    }

    /** Copeland: a pairwise win scores 1, a tie 0, a loss -1; the highest total wins. */
    public static final class Copeland extends MarginRule {
        /*
         * [1] A. H. Copeland. "A 'reasonable' social welfare function." Seminar on Applications of Mathematics to the
         *     Social Sciences, University of Michigan, 1951.
         */
        @Override public String id() { return "copeland"; }
        @Override public String summary() { return "Most pairwise wins minus pairwise losses (win 1, tie 0, loss -1)."; }
        @Override public String citation() { return "A. H. Copeland, A 'reasonable' social welfare function, Univ. of Michigan seminar, 1951"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            return pairwiseScore(id(), g, 1, 0, -1);
        }
    }

    /** Llull: a pairwise win or tie scores 1, a loss 0; the highest total wins. */
    public static final class Llull extends MarginRule {
        /*
         * [1] Ramon Llull. "Artifitium electionis personarum", c. 1274; see G. Hagele and F. Pukelsheim, "Llull's
         *     writings on electoral systems", Studia Lulliana 41, 2001.
         */
        @Override public String id() { return "llull"; }
        @Override public String summary() { return "Most pairwise wins, a tie counting as a win (win 1, tie 1, loss 0)."; }
        @Override public String citation() { return "R. Llull, Artifitium electionis personarum, c. 1274 (Hagele and Pukelsheim, Studia Lulliana, 2001)"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            return pairwiseScore(id(), g, 1, 1, 0);
        }
    }

    static RuleResult pairwiseScore(String id, MarginGraph g, long win, long tie, long loss) {
        int n = g.size();
        long[] score = new long[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) continue;
                long m = g.margin(a, b);
                score[a] += m > 0 ? win : m == 0 ? tie : loss;
            }
        }
        return bestScores(id, g.candidates(), score, true, Map.of());
    }

    /** Winners are the candidates with the highest (or lowest) score; the scores are the evidence. */
    static RuleResult bestScores(String id, List<String> names, long[] score, boolean highest, Map<String, Object> more) {
        long best = highest ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (long s : score) best = highest ? Math.max(best, s) : Math.min(best, s);
        List<Integer> winners = new ArrayList<>();
        Map<String, Long> scores = new LinkedHashMap<>();
        for (int i = 0; i < score.length; i++) {
            scores.put(names.get(i), score[i]);
            if (score[i] == best) winners.add(i);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("scores", scores);
        ev.putAll(more);
        return RuleResult.of(id, names, winners, ev);
    }

    /** The Smith set (top cycle of the weak majority relation). */
    public static final class SmithSet extends MarginRule {
        /*
         * [1] J. H. Smith. "Aggregation of preferences with variable electorate." Econometrica 41(6), 1973.
         */
        @Override public String id() { return "smith-set"; }
        @Override public String summary() { return "The smallest set of candidates who each beat every candidate outside it."; }
        @Override public String citation() { return "J. H. Smith, Aggregation of preferences with variable electorate, Econometrica, 1973"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            return RuleResult.of(id(), g.candidates(), smithSet(g), Map.of("majority_edges", g.majorityEdges()));
        }
    }

    /** The Schwartz set (GOCHA). */
    public static final class SchwartzSet extends MarginRule {
        /*
         * [1] T. Schwartz. "Rationality and the myth of the maximum." Nous 6(2), 1972.
         */
        @Override public String id() { return "schwartz-set"; }
        @Override public String summary() { return "The union of the minimal sets of candidates that no outside candidate beats (GOCHA)."; }
        @Override public String citation() { return "T. Schwartz, Rationality and the myth of the maximum, Nous, 1972"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            return RuleResult.of(id(), g.candidates(), schwartzSet(g), Map.of("majority_edges", g.majorityEdges()));
        }
    }

    /**
     * The top cycle (GETCHA): the candidates who reach every other candidate through a chain of pairwise wins or ties;
     * the same set as the Smith set (pref_voting's {@code top_cycle} is GETCHA), with the chains as evidence.
     */
    public static final class TopCycle extends MarginRule {
        /*
         * [1] T. Schwartz. "The Logic of Collective Choice." Columbia University Press, 1986 (GETCHA).
         * [2] J. H. Smith. "Aggregation of preferences with variable electorate." Econometrica 41(6), 1973.
         */
        @Override public String id() { return "top-cycle"; }
        @Override public String summary() { return "GETCHA: the candidates who reach every other through a chain of pairwise wins or ties (equals the Smith set)."; }
        @Override public String citation() { return "T. Schwartz, The Logic of Collective Choice, Columbia UP, 1986"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            List<Integer> top = smithSet(g);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("top_cycle", names(g, top));
            List<String> edges = new ArrayList<>();
            for (int a : top) for (int b : top) if (g.margin(a, b) >= 0 && a != b) edges.add(g.candidates().get(a) + " >= " + g.candidates().get(b) + ": " + g.margin(a, b));
            ev.put("edges_within", edges);
            return RuleResult.of(id(), g.candidates(), top, ev);
        }
    }

    /**
     * The uncovered set, Gillies' version (pref_voting's {@code uc_gill}): a covers b when a beats b and every
     * candidate who beats a also beats b; the winners are the candidates no one covers.
     */
    public static final class UncoveredSet extends MarginRule {
        /*
         * [1] D. B. Gillies. "Solutions to general non-zero-sum games." Contributions to the Theory of Games IV, Annals
         *     of Mathematics Studies 40, Princeton, 1959.
         * [2] N. R. Miller. "A new solution set for tournaments and majority voting." American Journal of Political
         *     Science 24(1), 1980.
         */
        @Override public String id() { return "uncovered-set"; }
        @Override public String summary() { return "Candidates no one covers (Gillies: a covers b if a beats b and everyone who beats a beats b)."; }
        @Override public String citation() { return "D. B. Gillies, Solutions to general non-zero-sum games, Annals of Math. Studies 40, 1959; N. R. Miller, AJPS, 1980"; }

        @Override
        public RuleResult apply(MarginGraph g) {
            int n = g.size();
            List<Integer> winners = new ArrayList<>();
            List<String> covered = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                int coverer = -1;
                for (int a = 0; a < n && coverer < 0; a++) {
                    if (a == b || !g.beats(a, b)) continue;
                    boolean covers = true;
                    for (int c = 0; c < n && covers; c++) if (c != a && c != b && g.beats(c, a) && !g.beats(c, b)) covers = false;
                    if (covers) coverer = a;
                }
                if (coverer < 0) winners.add(b);
                else covered.add(g.candidates().get(coverer) + " covers " + g.candidates().get(b));
            }
            return RuleResult.of(id(), g.candidates(), winners, Map.of("covered", covered));
        }
    }
}
