package org.charter.core.choice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks axioms of a single-winner rule on one profile: Condorcet winner, Condorcet loser, Pareto, Smith, majority,
 * monotonicity (one-ballot lifts of a winner), participation (one ballot removed or added) and independence of clones
 * (one candidate duplicated). Each report says whether the axiom holds here, is violated (with the modified profile
 * and the changed result), or does not apply. For irresolute results the set-valued versions are used, stated in
 * each check.
 */
public final class Axioms {
    /*
     * [1] W. S. Zwicker. "Introduction to the theory of voting." Handbook of Computational Social Choice, 2016.
     * [2] H. Moulin. "Condorcet's principle implies the no show paradox." Journal of Economic Theory 45, 1988.
     * [3] T. N. Tideman. "Independence of clones as a criterion for voting rules." Social Choice and Welfare 4, 1987.
     * [4] W. H. Holliday, E. Pacuit. pref_voting's axioms module (set-valued monotonicity and participation).
     */
    private Axioms() { }

    /** The most modified profiles a search (monotonicity, participation, clones) tries. */
    public static final int SEARCH_LIMIT = 5_000;

    public enum Status { HOLDS, VIOLATED, NOT_APPLICABLE }

    /** One axiom's verdict on this profile; {@code counterexample} holds the modified profile and its result when violated. */
    public record Report(String axiom, Status status, String detail, Map<String, Object> counterexample) {
        public Report {
            counterexample = counterexample == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counterexample));
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("axiom", axiom);
            m.put("status", status.name().toLowerCase().replace('_', '-'));
            m.put("detail", detail);
            if (!counterexample.isEmpty()) m.put("counterexample", counterexample);
            return m;
        }
    }

    public static List<Report> check(Profile p, Truncation t, SingleWinnerRule rule) {
        OrdinalElection e = OrdinalElection.of(p, t);
        RuleResult r = rule.apply(e);
        List<Report> out = new ArrayList<>();
        out.add(condorcetWinner(e, r));
        out.add(condorcetLoser(e, r));
        out.add(pareto(e, r));
        out.add(smith(e, r));
        out.add(majority(e, r));
        out.add(monotonicity(e, r, rule));
        out.add(participation(e, r, rule));
        out.add(clones(e, r, rule));
        return out;
    }

    static String names(Profile p, List<Integer> set) {
        return String.join(", ", set.stream().map(p.candidates()::get).toList());
    }

    static Map<String, Object> counterexample(Profile modified, String change, RuleResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", change);
        m.put("profile", ProfileJson.toJson(modified));
        m.put("winners", result.winnerNames());
        return m;
    }

    static Report condorcetWinner(OrdinalElection e, RuleResult r) {
        int w = e.margins().condorcetWinner();
        if (w < 0) return new Report("condorcet-winner", Status.NOT_APPLICABLE, "there is no Condorcet winner", null);
        String name = e.candidates().get(w);
        return r.winners().equals(List.of(w)) ? new Report("condorcet-winner", Status.HOLDS, name + " is the Condorcet winner and the only winner", null)
                : new Report("condorcet-winner", Status.VIOLATED, name + " is the Condorcet winner but the winners are " + names(e.profile(), r.winners()), null);
    }

    static Report condorcetLoser(OrdinalElection e, RuleResult r) {
        int l = e.margins().condorcetLoser();
        if (l < 0 || e.candidates().size() < 2) return new Report("condorcet-loser", Status.NOT_APPLICABLE, "there is no Condorcet loser", null);
        String name = e.candidates().get(l);
        return !r.winners().contains(l) ? new Report("condorcet-loser", Status.HOLDS, name + " is the Condorcet loser and does not win", null)
                : new Report("condorcet-loser", Status.VIOLATED, name + " is the Condorcet loser but is among the winners", null);
    }

    /** Whether the ballot strictly prefers a to b under the truncation convention. */
    static boolean prefers(Ballot b, int a, int c, Truncation t, int[] rank) {
        b.fillRanks(rank, Integer.MAX_VALUE);
        if (rank[a] == Integer.MAX_VALUE) return false;
        if (rank[c] == Integer.MAX_VALUE) return t == Truncation.BELOW;
        return rank[a] < rank[c];
    }

    static Report pareto(OrdinalElection e, RuleResult r) {
        Profile p = e.profile();
        int[] rank = new int[p.size()];
        for (int w : r.winners()) {
            for (int d = 0; d < p.size(); d++) {
                if (d == w) continue;
                boolean all = !p.ballots().isEmpty();
                for (Ballot b : p.ballots()) if (!prefers(b, d, w, e.truncation(), rank)) { all = false; break; }
                if (all) return new Report("pareto", Status.VIOLATED, "every ballot prefers " + p.candidates().get(d) + " to the winner " + p.candidates().get(w), null);
            }
        }
        return new Report("pareto", Status.HOLDS, "no winner is Pareto-dominated", null);
    }

    static Report smith(OrdinalElection e, RuleResult r) {
        List<Integer> smith = MajorityRules.smithSet(e.margins());
        for (int w : r.winners()) {
            if (!smith.contains(w)) return new Report("smith", Status.VIOLATED, "winner " + e.candidates().get(w) + " is outside the Smith set {" + names(e.profile(), smith) + "}", null);
        }
        return new Report("smith", Status.HOLDS, "all winners lie in the Smith set {" + names(e.profile(), smith) + "}", null);
    }

    static Report majority(OrdinalElection e, RuleResult r) {
        Profile p = e.profile();
        long[] first = ScoringRules.firstPlaces(p, ScoringRules.all(p.size()));
        long voters = p.voters();
        for (int c = 0; c < p.size(); c++) {
            if (2 * first[c] > voters) {
                return r.winners().equals(List.of(c)) ? new Report("majority", Status.HOLDS, p.candidates().get(c) + " is first on a majority of ballots and the only winner", null)
                        : new Report("majority", Status.VIOLATED, p.candidates().get(c) + " is first on " + first[c] + " of " + voters + " ballots but the winners are " + names(p, r.winners()), null);
            }
        }
        return new Report("majority", Status.NOT_APPLICABLE, "no candidate is first on a majority of ballots", null);
    }

    /** Replace one copy of ballot i by {@code changed} (or drop it when null); optionally add {@code extra}. */
    static Profile modify(Profile p, int i, Ballot changed, Ballot extra) {
        List<Ballot> bs = new ArrayList<>();
        for (int k = 0; k < p.ballots().size(); k++) {
            Ballot b = p.ballots().get(k);
            if (k == i) {
                if (b.count() > 1) bs.add(b.withCount(b.count() - 1));
                if (changed != null) bs.add(changed.withCount(1));
            } else {
                bs.add(b);
            }
        }
        if (extra != null) bs.add(extra.withCount(1));
        return new Profile(p.candidates(), bs);
    }

    /** Rankings with w moved into or just above each better tier (w must be ranked). */
    static List<Ballot> lifts(Ballot b, int w) {
        List<List<Integer>> tiers = b.ranking();
        int tw = -1;
        for (int t = 0; t < tiers.size(); t++) if (tiers.get(t).contains(w)) tw = t;
        List<Ballot> out = new ArrayList<>();
        if (tw < 0) return out;
        for (int t = 0; t <= tw; t++) {
            for (boolean join : new boolean[] {false, true}) {
                if (t == tw && join) continue;                            // that is where it is
                if (t == tw && tiers.get(tw).size() == 1) continue;       // alone already: no lift within its tier
                List<List<Integer>> nt = new ArrayList<>();
                for (int k = 0; k < tiers.size(); k++) {
                    List<Integer> tier = new ArrayList<>(tiers.get(k));
                    tier.remove(Integer.valueOf(w));
                    if (k == t && !join) nt.add(List.of(w));
                    if (k == t && join) tier.add(w);
                    if (!tier.isEmpty()) nt.add(tier);
                }
                out.add(Ballot.of(nt, 1));
            }
        }
        return out;
    }

    static Report monotonicity(OrdinalElection e, RuleResult r, SingleWinnerRule rule) {
        Profile p = e.profile();
        int tried = 0;
        for (int w : r.winners()) {
            for (int i = 0; i < p.ballots().size(); i++) {
                for (Ballot lifted : lifts(p.ballots().get(i), w)) {
                    if (++tried > SEARCH_LIMIT) return new Report("monotonicity", Status.HOLDS, "no violation in the first " + SEARCH_LIMIT + " one-ballot lifts (search cut short)", null);
                    Profile q = modify(p, i, lifted, null);
                    RuleResult r2 = rule.apply(OrdinalElection.of(q, e.truncation()));
                    if (!r2.winners().contains(w)) {
                        return new Report("monotonicity", Status.VIOLATED, "lifting winner " + p.candidates().get(w) + " on one ballot " + render(p, p.ballots().get(i))
                                + " -> " + render(p, lifted) + " makes it lose", counterexample(q, "one ballot " + render(p, p.ballots().get(i)) + " becomes " + render(p, lifted), r2));
                    }
                }
            }
        }
        return new Report("monotonicity", Status.HOLDS, "every winner still wins after each of the " + tried + " one-ballot lifts", null);
    }

    static String render(Profile p, Ballot b) {
        List<String> tiers = new ArrayList<>();
        for (List<Integer> t : b.ranking()) tiers.add(t.size() == 1 ? p.candidates().get(t.get(0)) : "{" + names(p, t) + "}");
        return String.join(" > ", tiers);
    }

    /** True when the ballot strictly prefers every member of {@code better} to every member of {@code worse}. */
    static boolean prefersSet(Ballot b, List<Integer> better, List<Integer> worse, Truncation t, int n) {
        int[] rank = new int[n];
        for (int x : better) for (int y : worse) if (x == y || !prefers(b, x, y, t, rank)) return false;
        return true;
    }

    static Report participation(OrdinalElection e, RuleResult r, SingleWinnerRule rule) {
        Profile p = e.profile();
        int n = p.size();
        int tried = 0;
        // A voter who abstains: is the result without them better for them (every new winner preferred to every old one)?
        for (int i = 0; i < p.ballots().size() && p.voters() > 1; i++) {
            if (++tried > SEARCH_LIMIT) break;
            Ballot b = p.ballots().get(i);
            Profile q = modify(p, i, null, null);
            RuleResult r2 = rule.apply(OrdinalElection.of(q, e.truncation()));
            if (prefersSet(b, r2.winners(), r.winners(), e.truncation(), n)) {
                return new Report("participation", Status.VIOLATED, "a voter " + render(p, b) + " gets winners " + names(p, r2.winners())
                        + " by abstaining instead of " + names(p, r.winners()), counterexample(q, "one ballot " + render(p, b) + " removed", r2));
            }
        }
        // A new voter: does joining make the result worse for them?
        List<Ballot> candidates = new ArrayList<>(new HashSet<>(p.ballots().stream().map(b -> b.withCount(1)).toList()));
        if (n <= 5) for (int[] perm : permutations(n)) candidates.add(Ballot.linear(perm, 1));
        for (Ballot b : candidates) {
            if (++tried > SEARCH_LIMIT) break;
            Profile q = p.plus(b);
            RuleResult r2 = rule.apply(OrdinalElection.of(q, e.truncation()));
            if (prefersSet(b, r.winners(), r2.winners(), e.truncation(), n)) {
                return new Report("participation", Status.VIOLATED, "a new voter " + render(p, b) + " turns winners " + names(p, r.winners())
                        + " into " + names(p, r2.winners()) + ", worse for them", counterexample(q, "one ballot " + render(p, b) + " added", r2));
            }
        }
        return new Report("participation", Status.HOLDS, "no voter is better off abstaining and no added ballot hurts its voter (" + Math.min(tried, SEARCH_LIMIT) + " tried)", null);
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int c = 0; c < cur.length; c++) {
            if (used[c]) continue;
            used[c] = true;
            cur[k] = c;
            permute(cur, used, k + 1, out);
            used[c] = false;
        }
    }

    /** The profile with candidate c duplicated: the clone (named c + "'") comes directly below c on every ballot that ranks c. */
    static Profile cloneCandidate(Profile p, int c) {
        int n = p.size();
        List<String> names = new ArrayList<>(p.candidates());
        String name = p.candidates().get(c) + "'";
        while (names.contains(name)) name += "'";
        names.add(name);
        List<Ballot> bs = new ArrayList<>();
        for (Ballot b : p.ballots()) {
            List<List<Integer>> tiers = new ArrayList<>();
            for (List<Integer> t : b.ranking()) {
                if (!t.contains(c)) {
                    tiers.add(t);
                } else if (t.size() == 1) {
                    tiers.add(t);
                    tiers.add(List.of(n));
                } else {
                    List<Integer> rest = new ArrayList<>(t);
                    rest.add(n); // tied with c, so tied with c's tier
                    tiers.add(rest);
                }
            }
            bs.add(Ballot.of(tiers, b.count()));
        }
        return new Profile(names, bs);
    }

    static Report clones(OrdinalElection e, RuleResult r, SingleWinnerRule rule) {
        Profile p = e.profile();
        int n = p.size();
        for (int c = 0; c < n && c < SEARCH_LIMIT; c++) {
            Profile q = cloneCandidate(p, c);
            RuleResult r2;
            try {
                r2 = rule.apply(OrdinalElection.of(q, e.truncation()));
            } catch (RuleRefusedException refused) {
                return new Report("independence-of-clones", Status.NOT_APPLICABLE, refused.getMessage(), null);
            }
            Set<Integer> mapped = new TreeSet<>();
            for (int w : r2.winners()) mapped.add(w == n ? c : w);
            if (!mapped.equals(new TreeSet<>(r.winners()))) {
                return new Report("independence-of-clones", Status.VIOLATED, "adding a clone of " + p.candidates().get(c) + " changes the winners from "
                        + names(p, r.winners()) + " to " + String.join(", ", r2.winnerNames()), counterexample(q, "candidate " + q.candidates().get(n) + " added as a clone of " + p.candidates().get(c), r2));
            }
        }
        return new Report("independence-of-clones", Status.HOLDS, "cloning any one candidate leaves the winners the same (a clone of a winner counting as that winner)", null);
    }
}
