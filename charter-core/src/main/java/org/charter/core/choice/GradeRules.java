package org.charter.core.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * Rules over approvals and grades: approval, score (range), STAR and majority judgment. A candidate a graded ballot
 * leaves out is not graded by it: it adds nothing to sums and is not among the grades whose median is taken.
 */
public final class GradeRules {
    private GradeRules() { }

    static GradeProfile graded(SingleWinnerRule rule, Election e) {
        if (e instanceof GradeProfile g) return g;
        throw new RuleRefusedException(rule.id(), "it needs graded ballots (JSON \"grades\"), got " + e.kind() + " ballots");
    }

    static long[] totals(GradeProfile g) {
        long[] t = new long[g.candidates().size()];
        for (GradeProfile.GradeBallot b : g.ballots()) for (var e : b.scores().entrySet()) t[e.getKey()] = Math.addExact(t[e.getKey()], Math.multiplyExact(e.getValue(), b.count()));
        return t;
    }

    /** Approval: the largest total weight of ballots approving the candidate. */
    public static final class Approval implements SingleWinnerRule {
        /*
         * [1] S. J. Brams, P. C. Fishburn. "Approval voting." American Political Science Review 72(3), 831-847, 1978.
         */
        @Override public String id() { return "approval"; }
        @Override public String summary() { return "Largest total (weighted) approval."; }
        @Override public String citation() { return "S. J. Brams, P. C. Fishburn, Approval voting, APSR 72, 1978"; }

        @Override
        public RuleResult apply(Election e) {
            if (!(e instanceof ApprovalProfile a)) throw new RuleRefusedException(id(), "it needs approval ballots (JSON \"approvals\"), got " + e.kind() + " ballots");
            int n = a.candidates().size();
            Rational[] score = new Rational[n];
            java.util.Arrays.fill(score, Rational.ZERO);
            for (ApprovalProfile.ApprovalBallot b : a.ballots()) for (int c : b.approved()) score[c] = score[c].add(b.weight());
            Rational best = score[0];
            for (Rational r : score) best = best.max(r);
            List<Integer> winners = new ArrayList<>();
            Map<String, String> scores = new LinkedHashMap<>();
            for (int c = 0; c < n; c++) {
                scores.put(a.candidates().get(c), score[c].toString());
                if (score[c].equals(best)) winners.add(c);
            }
            return RuleResult.of(id(), a.candidates(), winners, Map.of("approval_weight", scores));
        }
    }

    /** Score (range) voting: the largest sum of grades. */
    public static final class Score implements SingleWinnerRule {
        /*
         * [1] W. D. Smith. "Range voting." 2000; C. Laslier, M. R. Sanver (eds.), Handbook on Approval Voting,
         *     Springer, 2010.
         */
        @Override public String id() { return "score"; }
        @Override public String summary() { return "Score (range) voting: largest sum of grades."; }
        @Override public String citation() { return "W. D. Smith, Range voting, 2000"; }

        @Override
        public RuleResult apply(Election e) {
            GradeProfile g = graded(this, e);
            return MajorityRules.bestScores(id(), g.candidates(), totals(g), true, Map.of());
        }
    }

    /**
     * STAR (score then automatic runoff): the two highest totals meet in a runoff decided by the ballots that grade
     * one strictly above the other; a runoff tie goes to the higher total, and a tie on both keeps both. Ties for the
     * finalist places are explored: every possible finalist pair is run off and the winners are united.
     */
    public static final class Star implements SingleWinnerRule {
        /*
         * [1] M. Frohnmayer, S. Wolk, et al. "STAR voting." Equal Vote Coalition, 2014; see S. Wolk, J. Quinn, M.
         *     Ogren, "STAR Voting, equality of voice, and voter satisfaction." Constitutional Political Economy 34, 2023.
         */
        @Override public String id() { return "star"; }
        @Override public String summary() { return "Score then automatic runoff between the two highest totals (runoff tie: higher total)."; }
        @Override public String citation() { return "S. Wolk, J. Quinn, M. Ogren, STAR Voting, equality of voice, and voter satisfaction, Constitutional Political Economy 34, 2023"; }

        @Override
        public RuleResult apply(Election e) {
            GradeProfile g = graded(this, e);
            int n = g.candidates().size();
            long[] t = totals(g);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("totals", ScoringRules.named(g.candidates(), t));
            if (n == 1) return RuleResult.of(id(), g.candidates(), List.of(0), ev);
            TreeMap<Long, List<Integer>> byTotal = new TreeMap<>();
            for (int c = 0; c < n; c++) byTotal.computeIfAbsent(t[c], k -> new ArrayList<>()).add(c);
            List<Integer> top = byTotal.lastEntry().getValue();
            List<int[]> pairs = new ArrayList<>();
            if (top.size() >= 2) {
                for (int i = 0; i < top.size(); i++) for (int j = i + 1; j < top.size(); j++) pairs.add(new int[] {top.get(i), top.get(j)});
            } else {
                for (int x : byTotal.lowerEntry(byTotal.lastKey()).getValue()) pairs.add(new int[] {top.get(0), x});
            }
            TreeSet<Integer> winners = new TreeSet<>();
            List<String> runoffs = new ArrayList<>();
            for (int[] p : pairs) {
                long a = 0, b = 0;
                for (GradeProfile.GradeBallot ballot : g.ballots()) {
                    Long ga = ballot.scores().get(p[0]), gb = ballot.scores().get(p[1]);
                    if (ga == null || gb == null) continue;
                    if (ga > gb) a += ballot.count();
                    else if (gb > ga) b += ballot.count();
                }
                String an = g.candidates().get(p[0]), bn = g.candidates().get(p[1]);
                runoffs.add(an + " " + a + " - " + b + " " + bn);
                if (a != b) winners.add(a > b ? p[0] : p[1]);
                else if (t[p[0]] != t[p[1]]) winners.add(t[p[0]] > t[p[1]] ? p[0] : p[1]);
                else {
                    winners.add(p[0]);
                    winners.add(p[1]);
                }
            }
            ev.put("runoffs", runoffs);
            return RuleResult.of(id(), g.candidates(), winners, ev);
        }
    }

    /**
     * Majority judgment: the highest median grade (the lower median for an even number of grades); ties are broken
     * by removing one median grade at a time from the tied candidates and comparing again (Balinski and Laraki's
     * majority value, compared lexicographically).
     */
    public static final class MajorityJudgment implements SingleWinnerRule {
        /*
         * [1] M. Balinski, R. Laraki. "A theory of measuring, electing, and ranking." PNAS 104(21), 8720-8725, 2007.
         * [2] M. Balinski, R. Laraki. "Majority Judgment: Measuring, Ranking, and Electing." MIT Press, 2011.
         */
        @Override public String id() { return "majority-judgment"; }
        @Override public String summary() { return "Highest median grade, ties broken by Balinski and Laraki's majority value."; }
        @Override public String citation() { return "M. Balinski, R. Laraki, A theory of measuring, electing, and ranking, PNAS 104, 2007"; }

        /** One candidate's grades, sorted, as runs: grade[i] repeated up to cumulative[i]. */
        record Grades(long[] grade, long[] cumulative) {
            long size() {
                return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
            }

            long at(long index) {
                int i = java.util.Arrays.binarySearch(cumulative, index + 1);
                if (i < 0) i = -i - 1;
                return grade[i];
            }

            /**
             * The step-th element of the majority value (successive lower medians). With k the first lower median:
             * odd m gives k, k-1, k+1, k-2, k+2...; even m gives k, k+1, k-1, k+2, k-2...
             */
            long majorityValue(long step) {
                long m = size();
                long k = (m - 1) / 2;
                if (step == 0) return at(k);
                long half = (step + 1) / 2;
                boolean odd = m % 2 == 1;
                boolean down = (step % 2 == 1) == odd;
                return at(down ? k - half : k + half);
            }
        }

        static Grades grades(GradeProfile g, int c) {
            TreeMap<Long, Long> counts = new TreeMap<>();
            for (GradeProfile.GradeBallot b : g.ballots()) {
                Long grade = b.scores().get(c);
                if (grade != null) counts.merge(grade, b.count(), Long::sum);
            }
            long[] grade = new long[counts.size()], cum = new long[counts.size()];
            int i = 0;
            long sum = 0;
            for (var e : counts.entrySet()) {
                grade[i] = e.getKey();
                sum += e.getValue();
                cum[i++] = sum;
            }
            return new Grades(grade, cum);
        }

        static int compare(Grades x, Grades y) {
            if (x.size() == 0 || y.size() == 0) return Boolean.compare(x.size() > 0, y.size() > 0);
            long steps = Math.min(x.size(), y.size());
            for (long s = 0; s < steps; s++) {
                int c = Long.compare(x.majorityValue(s), y.majorityValue(s));
                if (c != 0) return c;
            }
            return 0;
        }

        @Override
        public RuleResult apply(Election e) {
            GradeProfile g = graded(this, e);
            int n = g.candidates().size();
            List<Grades> all = new ArrayList<>();
            for (int c = 0; c < n; c++) all.add(grades(g, c));
            int best = 0;
            for (int c = 1; c < n; c++) if (compare(all.get(c), all.get(best)) > 0) best = c;
            List<Integer> winners = new ArrayList<>();
            Map<String, Object> medians = new LinkedHashMap<>();
            for (int c = 0; c < n; c++) {
                if (compare(all.get(c), all.get(best)) == 0) winners.add(c);
                Grades gr = all.get(c);
                medians.put(g.candidates().get(c), gr.size() == 0 ? "no grades" : gr.at((gr.size() - 1) / 2));
            }
            return RuleResult.of(id(), g.candidates(), winners, Map.of("median_grades", medians,
                    "tie_break", "successive lower medians (majority value), compared lexicographically"));
        }
    }
}
