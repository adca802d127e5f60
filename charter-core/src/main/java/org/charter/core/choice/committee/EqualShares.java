package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.math.Rational;

/**
 * The Method of Equal Shares: every voter gets an equal share of k units of money (in proportion to its weight);
 * a candidate costs 1 and is bought by its approvers paying equal amounts per unit of weight (or all they have
 * left); each round buys the candidate with the lowest such price. With completion (abcvoting's default
 * "equal-shares"), seats still empty when nothing is affordable are filled by seq-Phragmén, starting from the
 * money each voter has spent as its load.
 */
public final class EqualShares implements CommitteeRule {
    /*
     * [1] D. Peters, P. Skowron. "Proportionality and the limits of welfarism." ACM EC 2020. (Rule X)
     * [2] D. Peters, G. Pierczyński, P. Skowron. "Proportional participatory budgeting with additive utilities."
     *     NeurIPS 2021. (Method of Equal Shares)
     * [3] M. Lackner, P. Skowron. "Multi-Winner Voting with Approval Preferences." Springer, 2023.
     */

    private final boolean completion;

    EqualShares(boolean completion) { this.completion = completion; }

    @Override public String id() { return completion ? "equal-shares" : "equal-shares-no-completion"; }

    @Override
    public String description() {
        return completion
                ? "Method of Equal Shares with seq-Phragmén completion (abcvoting's default): voters share k units of money equally and buy candidates at the lowest equal price."
                : "Method of Equal Shares without completion: as equal-shares, but stops when no candidate is affordable (the committee may have fewer than k members).";
    }

    @Override
    public String citation() {
        return "D. Peters, P. Skowron, Proportionality and the limits of welfarism, EC 2020; Peters, Pierczyński, Skowron, NeurIPS 2021";
    }

    /** A state of phase 1: the committee and every voter's remaining budget per unit of scaled weight, by class. */
    record BudgetState(TreeSet<Integer> members, int[] voterClass, List<Rational> classBudget) {
        Object key() {
            var b = new ArrayList<Rational>(voterClass.length);
            for (int c : voterClass) b.add(classBudget.get(c));
            return List.of(members, b);
        }
    }

    /** The price per unit of scaled weight at which candidate c's approvers can buy it, or null if they cannot. */
    static Rational price(ApprovalProfile p, BudgetState s, int c) {
        var byClass = new TreeMap<Integer, Long>();
        for (int v : p.approversView(c)) {
            int cl = s.voterClass()[v];
            if (s.classBudget().get(cl).signum() > 0) byClass.merge(cl, p.scaledWeight(v), Long::sum);
        }
        return price(byClass, s.classBudget());
    }

    private static Rational price(java.util.Map<Integer, Long> byClass, List<Rational> classBudget) {
        Integer[] classes = byClass.keySet().toArray(new Integer[0]);
        Arrays.sort(classes, (a, b) -> classBudget.get(a).compareTo(classBudget.get(b)));
        Rational money = Rational.ZERO;
        long weightLeft = 0;
        for (int cl : classes) {
            money = money.add(classBudget.get(cl).multiply(byClass.get(cl)));
            weightLeft += byClass.get(cl);
        }
        if (money.compareTo(Rational.ONE) < 0) return null;
        Rational remaining = Rational.ONE;
        for (int cl : classes) {
            Rational b = classBudget.get(cl);
            long w = byClass.get(cl);
            if (b.multiply(weightLeft).compareTo(remaining) >= 0) return remaining.divide(Rational.of(weightLeft));
            remaining = remaining.subtract(b.multiply(w));
            weightLeft -= w;
        }
        throw new IllegalStateException("unreachable: affordable candidate without a price");
    }

    static Branching.Process<BudgetState> phaseOne(ApprovalProfile p, int k) {
        int m = p.numCandidates();
        Rational scale = Rational.of(p.weightScale(), BigInteger.ONE);
        return new Branching.Process<>() {
            @Override public boolean done(BudgetState s) { return s.members().size() == k; }

            @Override
            public Branching.Options options(BudgetState s) {
                var values = new LinkedHashMap<Integer, Rational>();
                Rational best = null;
                Rational[] prices = prices(p, s);
                for (int c = 0; c < m; c++) {
                    if (prices[c] == null) continue;
                    values.put(c, prices[c].multiply(scale));
                    if (best == null || prices[c].compareTo(best) < 0) best = prices[c];
                }
                var tied = new ArrayList<Integer>();
                for (int c = 0; c < m; c++) if (prices[c] != null && prices[c].equals(best)) tied.add(c);
                return new Branching.Options("price per unit of weight (affordable candidates)", values, tied);
            }

            @Override
            public BudgetState apply(BudgetState s, int c) {
                Rational rho = price(p, s, c);
                var members = new TreeSet<>(s.members());
                members.add(c);
                var budgets = new ArrayList<>(s.classBudget());
                var byValue = new HashMap<Rational, Integer>();
                for (int i = 0; i < budgets.size(); i++) byValue.putIfAbsent(budgets.get(i), i);
                var moved = new HashMap<Integer, Integer>();
                int[] vc = s.voterClass().clone();
                for (int v : p.approversView(c)) {
                    int cl = vc[v];
                    Integer to = moved.get(cl);
                    if (to == null) {
                        Rational nb = budgets.get(cl).subtract(rho);
                        if (nb.signum() < 0) nb = Rational.ZERO;
                        to = byValue.get(nb);
                        if (to == null) {
                            to = budgets.size();
                            budgets.add(nb);
                            byValue.put(nb, to);
                        }
                        moved.put(cl, to);
                    }
                    vc[v] = to;
                }
                return compact(members, vc, budgets);
            }

            @Override public Committee committee(BudgetState s) { return Committee.of(s.members()); }

            @Override public Object key(BudgetState s) { return s.key(); }
        };
    }

    /**
     * Every candidate's price (null: not affordable or already elected), one pass over the approvals. Budgets are
     * brought to one common denominator and visited in ascending order once per round, so each candidate's price
     * costs integer multiply-adds and a single reduction (there can be thousands of budget classes).
     */
    static Rational[] prices(ApprovalProfile p, BudgetState s) {
        int m = p.numCandidates();
        Rational[] out = new Rational[m];
        List<Rational> budgets = s.classBudget();
        int classes = budgets.size();
        BigInteger common = BigInteger.ONE;
        for (Rational b : budgets) common = common.divide(common.gcd(b.denominator())).multiply(b.denominator());
        BigInteger[] num = new BigInteger[classes];
        for (int i = 0; i < classes; i++) num[i] = budgets.get(i).numerator().multiply(common.divide(budgets.get(i).denominator()));
        Integer[] order = new Integer[classes];
        for (int i = 0; i < classes; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> num[a].compareTo(num[b]));
        int[] rank = new int[classes];
        for (int i = 0; i < classes; i++) rank[order[i]] = i;
        long[] scratch = new long[classes];
        int[] touched = new int[classes];
        for (int c = 0; c < m; c++) {
            if (s.members().contains(c)) continue;
            int nt = 0;
            for (int v : p.approversView(c)) {
                int cl = s.voterClass()[v];
                if (num[cl].signum() == 0) continue;
                if (scratch[cl] == 0) touched[nt++] = rank[cl];
                scratch[cl] += p.scaledWeight(v);
            }
            BigInteger money = BigInteger.ZERO;
            long weightLeft = 0;
            for (int i = 0; i < nt; i++) {
                int cl = order[touched[i]];
                money = money.add(num[cl].multiply(BigInteger.valueOf(scratch[cl])));
                weightLeft += scratch[cl];
            }
            if (money.compareTo(common) >= 0) {
                Arrays.sort(touched, 0, nt);   // ranks ascending = budgets ascending
                BigInteger remaining = common;
                for (int i = 0; i < nt; i++) {
                    int cl = order[touched[i]];
                    long w = scratch[cl];
                    if (num[cl].multiply(BigInteger.valueOf(weightLeft)).compareTo(remaining) >= 0) {
                        out[c] = Rational.of(remaining, common.multiply(BigInteger.valueOf(weightLeft)));
                        break;
                    }
                    remaining = remaining.subtract(num[cl].multiply(BigInteger.valueOf(w)));
                    weightLeft -= w;
                }
                if (out[c] == null) throw new IllegalStateException("unreachable: affordable candidate without a price");
            }
            for (int i = 0; i < nt; i++) scratch[order[touched[i]]] = 0;
        }
        return out;
    }

    static BudgetState compact(TreeSet<Integer> members, int[] vc, List<Rational> classes) {
        int[] remap = new int[classes.size()];
        Arrays.fill(remap, -1);
        var kept = new ArrayList<Rational>();
        for (int i = 0; i < vc.length; i++) {
            int c = vc[i];
            if (remap[c] < 0) { remap[c] = kept.size(); kept.add(classes.get(c)); }
            vc[i] = remap[c];
        }
        return new BudgetState(members, vc, kept);
    }

    static BudgetState start(ApprovalProfile p, int k) {
        return new BudgetState(new TreeSet<>(), new int[p.numVoters()], List.of(Rational.of(k, 1).divide(Rational.of(p.totalScaledWeight()))));
    }

    /** The seq-Phragmén starting point after phase 1: each voter's load is the money it spent, per unit of weight. */
    static PhragmenRules.LoadState toLoads(ApprovalProfile p, int k, BudgetState s) {
        Rational initial = start(p, k).classBudget().get(0);
        var loads = new ArrayList<Rational>();
        for (Rational b : s.classBudget()) loads.add(initial.subtract(b));
        return PhragmenRules.LoadState.of(p, s.members(), s.voterClass().clone(), loads);
    }

    @Override
    public CommitteeResult compute(ApprovalProfile p, int k, boolean resolute) {
        var one = phaseOne(p, k);
        BudgetState s0 = start(p, k);
        var path = Branching.resolute(p, s0, one, tied -> tied.get(0));
        var rounds = new ArrayList<>(path.rounds());
        int phaseOneRounds = rounds.size();
        Committee resoluteCommittee = one.committee(path.end());
        var two = PhragmenRules.process(p, k);
        if (completion && path.end().members().size() < k) {
            var tail = Branching.resolute(p, toLoads(p, k, path.end()), two, tied -> tied.get(0));
            for (var r : tail.rounds()) rounds.add(new CommitteeResult.Round(rounds.size() + 1, "seq-Phragmén completion: " + r.measure(), r.values(), r.tied(), r.chosen()));
            resoluteCommittee = two.committee(tail.end());
        }
        List<Committee> committees;
        if (resolute) {
            committees = List.of(resoluteCommittee);
        } else {
            var set = new TreeSet<Committee>();
            for (BudgetState end : Branching.allEnds(s0, one, id())) {
                if (completion && end.members().size() < k) set.addAll(Branching.all(toLoads(p, k, end), two, id()));
                else set.add(one.committee(end));
            }
            committees = List.copyOf(set);
        }
        var budgets = new TreeMap<Rational, Long>();
        BudgetState e = path.end();
        long[] byClass = new long[e.classBudget().size()];
        for (int v = 0; v < p.numVoters(); v++) byClass[e.voterClass()[v]] += p.scaledWeight(v);
        for (int cl = 0; cl < byClass.length; cl++) if (byClass[cl] != 0) budgets.merge(e.classBudget().get(cl), byClass[cl], Long::sum);
        Rational scale = Rational.of(p.weightScale(), BigInteger.ONE);
        var shares = new ArrayList<CommitteeResult.Share>();
        budgets.descendingMap().forEach((b, w) -> shares.add(new CommitteeResult.Share(b.multiply(scale).toString(), p.unscale(Rational.of(w)).toString())));
        return new CommitteeResult(id(), k, resolute, committees, new CommitteeResult.Explanation(
                "sequential, exact rational budgets; each voter starts with k / (total weight) per unit of weight and a candidate costs 1"
                        + (resolute ? "" : "; irresolute: every committee reachable by some tie-breaking in each round (both phases)"),
                "resolute: in each round the smallest-numbered of the tied candidates; the rounds shown follow that path",
                null, null, null, rounds, null, shares,
                phaseOneRounds + " candidates bought in phase 1"
                        + (completion ? (rounds.size() > phaseOneRounds ? ", " + (rounds.size() - phaseOneRounds) + " added by seq-Phragmén completion" : ", no completion needed")
                        : ", no completion (the committee may be smaller than k)")
                        + "; budgets are the remaining budgets per unit of weight after phase 1"));
    }
}
