package org.charter.core.choice.committee;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Proportionality axioms for a committee: justified representation (JR), proportional justified representation
 * (PJR), extended justified representation (EJR) and priceability, each holding or failing with a counterexample.
 *
 * <p>With total voter weight n and committee size k, a group of voters N' is ℓ-cohesive when its weight is at least
 * ℓ·n/k and its members approve at least ℓ common candidates. JR: every 1-cohesive group has a voter approving a
 * member. PJR: every ℓ-cohesive group approves, together, at least ℓ members. EJR: every ℓ-cohesive group has a
 * voter approving at least ℓ members. JR, PJR and EJR are decided by exact search: for each ℓ, the ℓ-sets T of
 * common candidates are enumerated depth-first over voter bitsets, pruned as soon as the approving group's weight
 * falls below ℓ·n/k (for PJR also over the (ℓ-1)-subsets S of the committee that may hold all the group's approved
 * members). Priceability is decided by an exact rational linear program.
 */
public final class CommitteeAxioms {
    /*
     * [1] H. Aziz, M. Brill, V. Conitzer, E. Elkind, R. Freeman, T. Walsh. "Justified representation in
     *     approval-based committee voting." Social Choice and Welfare 48(2), 2017. (JR, EJR)
     * [2] L. Sánchez-Fernández, E. Elkind, M. Lackner, N. Fernández, J. A. Fisteus, P. Basanta Val, P. Skowron.
     *     "Proportional justified representation." AAAI 2017. (PJR)
     * [3] D. Peters, P. Skowron. "Proportionality and the limits of welfarism." ACM EC 2020. (priceability)
     */

    /** The largest number of candidate sets the exact search visits before refusing. */
    static final long MAX_SEARCH = 20_000_000L;

    private CommitteeAxioms() { }

    /** The axioms by id, in order. */
    public static final List<String> AXIOMS = List.of("jr", "pjr", "ejr", "priceability");

    /**
     * The outcome of checking one axiom.
     *
     * @param axiom          "jr", "pjr", "ejr" or "priceability"
     * @param holds          whether the committee satisfies it; null when the check was refused (see undecided)
     * @param method         how it was decided
     * @param counterexample when it fails: the group and what it is owed
     * @param witness        when priceability holds: the price found
     * @param undecided      when the instance is beyond the exact check's limits: why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AxiomResult(String axiom, Boolean holds, String method, Counterexample counterexample, String witness, String undecided) {
        AxiomResult(String axiom, boolean holds, String method, Counterexample counterexample, String witness) {
            this(axiom, Boolean.valueOf(holds), method, counterexample, witness, null);
        }
    }

    /**
     * A violation: an ℓ-cohesive group (voters, 0-based) with ℓ common candidates, its weight and the weight ℓ·n/k
     * that entitles it, and what it got.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counterexample(Integer ell, List<Integer> voters, List<String> commonCandidates, String groupWeight,
                                 String requiredWeight, String owed, String got) { }

    /**
     * All four axioms for a committee of target size k (normally the committee's size). An axiom whose exact check
     * is beyond its limits is reported as undecided (holds = null) with the reason, instead of failing the others.
     */
    public static List<AxiomResult> checkAll(ApprovalProfile p, Committee w, int k) {
        return List.of(guard("jr", () -> jr(p, w, k)), guard("pjr", () -> pjr(p, w, k)), guard("ejr", () -> ejr(p, w, k)),
                guard("priceability", () -> priceability(p, w)));
    }

    private static AxiomResult guard(String axiom, java.util.function.Supplier<AxiomResult> check) {
        try {
            return check.get();
        } catch (CommitteeLimitException e) {
            return new AxiomResult(axiom, null, null, null, null, e.getMessage());
        }
    }

    public static AxiomResult jr(ApprovalProfile p, Committee w, int k) {
        var c = searchEjr(p, w, k, 1);
        return new AxiomResult("jr", c.isEmpty(), "exact search", c.orElse(null), null);
    }

    public static AxiomResult ejr(ApprovalProfile p, Committee w, int k) {
        for (int ell = 1; ell <= k; ell++) {
            var c = searchEjr(p, w, k, ell);
            if (c.isPresent()) return new AxiomResult("ejr", false, "exact search", c.get(), null);
        }
        return new AxiomResult("ejr", true, "exact search", null, null);
    }

    public static AxiomResult pjr(ApprovalProfile p, Committee w, int k) {
        for (int ell = 1; ell <= k; ell++) {
            var c = searchPjr(p, w, k, ell);
            if (c.isPresent()) return new AxiomResult("pjr", false, "exact search", c.get(), null);
        }
        return new AxiomResult("pjr", true, "exact search", null, null);
    }

    /** Voters as bitsets, plus the search state shared by the EJR and PJR searches. */
    private static final class Search {
        final ApprovalProfile p;
        final int words;
        final int k;
        final int ell;
        long visited;

        Search(ApprovalProfile p, int k, int ell) {
            this.p = p;
            this.words = (p.numVoters() + 63) >>> 6;
            this.k = k;
            this.ell = ell;
        }

        boolean enough(long weight) {
            // weight >= ell * total / k  <=>  weight * k >= ell * total
            return BigInteger.valueOf(weight).multiply(BigInteger.valueOf(k))
                    .compareTo(BigInteger.valueOf(ell).multiply(BigInteger.valueOf(p.totalScaledWeight()))) >= 0;
        }

        long weight(long[] set) {
            long s = 0;
            for (int i = 0; i < words; i++) {
                long word = set[i];
                while (word != 0) {
                    s += p.scaledWeight((i << 6) + Long.numberOfTrailingZeros(word));
                    word &= word - 1;
                }
            }
            return s;
        }

        /** A set T of ell candidates whose approvers within {@code eligible} weigh enough, depth-first. */
        Optional<int[]> find(long[] eligible) {
            if (!enough(weight(eligible))) return Optional.empty();
            int[] chosen = new int[ell];
            return dfs(eligible, 0, 0, chosen) ? Optional.of(chosen) : Optional.empty();
        }

        private boolean dfs(long[] group, int from, int depth, int[] chosen) {
            if (depth == ell) return true;
            for (int c = from; c < p.numCandidates(); c++) {
                if (++visited > MAX_SEARCH) {
                    throw new CommitteeLimitException("the exact cohesive-group search visited more than " + MAX_SEARCH + " candidate sets");
                }
                long[] next = new long[words];
                boolean any = false;
                for (int v : p.approversView(c)) {
                    if ((group[v >>> 6] >>> (v & 63) & 1L) != 0) { next[v >>> 6] |= 1L << (v & 63); any = true; }
                }
                if (!any || !enough(weight(next))) continue;
                chosen[depth] = c;
                if (dfs(next, c + 1, depth + 1, chosen)) return true;
            }
            return false;
        }

        List<Integer> voters(long[] set) {
            var out = new ArrayList<Integer>();
            for (int v = 0; v < p.numVoters(); v++) if ((set[v >>> 6] >>> (v & 63) & 1L) != 0) out.add(v);
            return out;
        }

        long[] approversOfAll(long[] eligible, int[] t) {
            long[] g = eligible.clone();
            for (int c : t) {
                long[] a = new long[words];
                for (int v : p.approversView(c)) a[v >>> 6] |= 1L << (v & 63);
                for (int i = 0; i < words; i++) g[i] &= a[i];
            }
            return g;
        }

        String required() {
            return p.unscale(Rational.of(BigInteger.valueOf(ell).multiply(BigInteger.valueOf(p.totalScaledWeight())), BigInteger.valueOf(k))).toString();
        }
    }

    private static Optional<Counterexample> searchEjr(ApprovalProfile p, Committee w, int k, int ell) {
        var s = new Search(p, k, ell);
        boolean[] in = ThieleRules.membership(p, w);
        long[] eligible = new long[s.words];
        int[][] approvals = p.approvalsView();
        for (int v = 0; v < approvals.length; v++) {
            int cnt = 0;
            for (int c : approvals[v]) if (in[c]) cnt++;
            if (cnt < ell) eligible[v >>> 6] |= 1L << (v & 63);
        }
        return s.find(eligible).map(t -> {
            long[] group = s.approversOfAll(eligible, t);
            return new Counterexample(ell, s.voters(group), names(p, t), p.unscale(Rational.of(s.weight(group))).toString(), s.required(),
                    ell == 1 ? "at least one voter approving a member" : "at least one voter approving " + ell + " members",
                    "every voter of the group approves fewer than " + ell + " members");
        });
    }

    private static Optional<Counterexample> searchPjr(ApprovalProfile p, Committee w, int k, int ell) {
        var s = new Search(p, k, ell);
        int[] members = w.toArray();
        int subset = Math.min(ell - 1, members.length);
        int[][] approvals = p.approvalsView();
        for (int[] pick : ThieleRules.combinations(members.length, subset)) {
            boolean[] allowed = new boolean[p.numCandidates()];
            for (int i : pick) allowed[members[i]] = true;
            boolean[] in = ThieleRules.membership(p, w);
            long[] eligible = new long[s.words];
            for (int v = 0; v < approvals.length; v++) {
                boolean ok = true;
                for (int c : approvals[v]) if (in[c] && !allowed[c]) { ok = false; break; }
                if (ok) eligible[v >>> 6] |= 1L << (v & 63);
            }
            var t = s.find(eligible);
            if (t.isPresent()) {
                long[] group = s.approversOfAll(eligible, t.get());
                var union = new java.util.TreeSet<Integer>();
                for (int v : s.voters(group)) for (int c : approvals[v]) if (in[c]) union.add(c);
                return Optional.of(new Counterexample(ell, s.voters(group), names(p, t.get()),
                        p.unscale(Rational.of(s.weight(group))).toString(), s.required(),
                        ell + " members approved by someone in the group",
                        union.size() + " " + union.stream().map(p::name).toList()));
            }
        }
        return Optional.empty();
    }

    private static List<String> names(ApprovalProfile p, int[] t) {
        var out = new ArrayList<String>();
        for (int c : t) out.add(p.name(c));
        return out;
    }

    /**
     * Priceability, decided exactly: the committee is priceable when some price p > 0 and payments x(i, c) >= 0
     * (only for members c that voter i approves) exist such that each voter pays at most its weight, each member's
     * payments sum to p, and no non-member's approvers have more than p left over in total. Solved as the rational
     * LP "maximise p" (two-phase simplex, Bland's rule): priceable iff it is feasible with p > 0.
     */
    public static AxiomResult priceability(ApprovalProfile p, Committee w) {
        String method = "exact rational LP (two-phase simplex): maximise the price p over price systems";
        int n = p.numVoters();
        int[] members = w.toArray();
        if (members.length == 0) return new AxiomResult("priceability", true, method, null, "the empty committee is priceable at any price above every candidate's support");
        boolean[] in = ThieleRules.membership(p, w);
        // variables: 0 = p, then one per (voter, approved member), then voters' slack, then non-members' surplus
        var pairs = new ArrayList<int[]>();
        for (int v = 0; v < n; v++) for (int c : p.approvalsView()[v]) if (in[c]) pairs.add(new int[] {v, c});
        var outside = new ArrayList<Integer>();
        for (int c = 0; c < p.numCandidates(); c++) if (!in[c] && p.approversView(c).length > 0) outside.add(c);
        int nx = pairs.size();
        int vars = 1 + nx + n + outside.size();
        int rows = members.length + n + outside.size();
        Rational[][] a = new Rational[rows][vars];
        for (Rational[] r : a) java.util.Arrays.fill(r, Rational.ZERO);
        Rational[] b = new Rational[rows];
        java.util.Arrays.fill(b, Rational.ZERO);
        int[] memberRow = new int[p.numCandidates()];
        for (int j = 0; j < members.length; j++) {
            memberRow[members[j]] = j;
            a[j][0] = Rational.ONE.negate();   // sum_i x(i, c) - p = 0
        }
        for (int x = 0; x < nx; x++) {
            int v = pairs.get(x)[0];
            int c = pairs.get(x)[1];
            a[memberRow[c]][1 + x] = Rational.ONE;
            a[members.length + v][1 + x] = Rational.ONE;   // sum_c x(i, c) + slack_i = w_i
        }
        for (int v = 0; v < n; v++) {
            a[members.length + v][1 + nx + v] = Rational.ONE;
            b[members.length + v] = Rational.of(p.scaledWeight(v));
        }
        for (int o = 0; o < outside.size(); o++) {
            int row = members.length + n + o;
            int c = outside.get(o);
            // sum over approvers i of c of sum_c' x(i, c') + p - surplus_c = w(N_c)
            boolean[] approves = new boolean[n];
            long wn = 0;
            for (int v : p.approversView(c)) { approves[v] = true; wn += p.scaledWeight(v); }
            for (int x = 0; x < nx; x++) if (approves[pairs.get(x)[0]]) a[row][1 + x] = Rational.ONE;
            a[row][0] = Rational.ONE;
            a[row][1 + nx + n + o] = Rational.ONE.negate();
            b[row] = Rational.of(wn);
        }
        Rational[] obj = new Rational[vars];
        java.util.Arrays.fill(obj, Rational.ZERO);
        obj[0] = Rational.ONE;
        var x = ExactLp.maximize(a, b, obj);
        if (x.isEmpty() || x.get()[0].signum() <= 0) {
            return new AxiomResult("priceability", false, method, new Counterexample(null, null, null, null, null,
                    "a price p > 0 and payments from approvers (each voter paying at most its weight) covering every member, with no "
                            + "non-member's approvers holding more than p",
                    x.isEmpty() ? "no such price system exists (the LP is infeasible)" : "only p = 0 is feasible"), null);
        }
        Rational price = p.unscale(x.get()[0]);
        return new AxiomResult("priceability", true, method, null, "largest feasible price " + price + " (budget: each voter's weight)");
    }
}
