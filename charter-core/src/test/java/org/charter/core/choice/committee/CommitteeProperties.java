package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.charter.core.math.Rational;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties every rule or a named rule must have, on random small profiles (seeded). */
class CommitteeProperties {
    /** A random profile: 3..7 candidates, 2..10 voters, each approving a random subset. */
    static ApprovalProfile randomProfile(long seed) {
        var rnd = new SplittableRandom(seed);
        int m = 3 + rnd.nextInt(5);
        int n = 2 + rnd.nextInt(9);
        double p = 0.2 + rnd.nextDouble() * 0.5;
        var approvals = new ArrayList<List<Integer>>();
        for (int v = 0; v < n; v++) {
            var set = new ArrayList<Integer>();
            for (int c = 0; c < m; c++) if (rnd.nextDouble() < p) set.add(c);
            approvals.add(set);
        }
        return ApprovalProfile.of(m, approvals);
    }

    static int size(long seed, ApprovalProfile p) {
        return 1 + (int) Math.floorMod(seed >>> 7, (long) Math.min(4, p.numCandidates()));
    }

    static CommitteeResult run(String rule, ApprovalProfile p, int k, boolean resolute) {
        return CommitteeRules.compute(CommitteeRules.find(rule).orElseThrow(), p, k, resolute);
    }

    @Property(tries = 150)
    void pavCommitteesSatisfyEjr(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        for (Committee w : run("pav", p, k, false).committees()) {
            assertThat(CommitteeAxioms.ejr(p, w, k).holds()).as("%s k=%d %s", w, k, p).isTrue();
        }
    }

    @Property(tries = 150)
    void equalSharesCommitteesSatisfyEjr_andPhaseOneIsPriceable(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        for (Committee w : run("equal-shares", p, k, false).committees()) {
            assertThat(CommitteeAxioms.ejr(p, w, k).holds()).as("%s k=%d", w, k).isTrue();
        }
        for (Committee w : run("equal-shares-no-completion", p, k, false).committees()) {
            assertThat(CommitteeAxioms.ejr(p, w, k).holds()).as("%s k=%d", w, k).isTrue();
            assertThat(CommitteeAxioms.priceability(p, w).holds()).as("%s k=%d", w, k).isTrue();
        }
    }

    @Property(tries = 150)
    void seqPhragmenCommitteesSatisfyPjr_andArePriceable(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        for (Committee w : run("seq-phragmen", p, k, false).committees()) {
            assertThat(CommitteeAxioms.pjr(p, w, k).holds()).as("%s k=%d", w, k).isTrue();
            // a member nobody approves cannot be paid for: priceability is claimed when every member is approved
            boolean allApproved = w.members().stream().allMatch(c -> p.approversView(c).length > 0);
            assertThat(CommitteeAxioms.priceability(p, w).holds()).as("%s k=%d", w, k).isEqualTo(allApproved);
        }
    }

    @Property(tries = 60)
    void everyRule_resoluteCommitteeIsAmongTheIrresoluteOnes(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        for (CommitteeRule rule : CommitteeRules.all()) {
            Committee one = CommitteeRules.compute(rule, p, k, true).committees().get(0);
            if (!rule.supportsIrresolute()) continue;
            assertThat(CommitteeRules.compute(rule, p, k, false).committees()).as(rule.id()).contains(one);
        }
    }

    @Property(tries = 60)
    void everyRule_irresoluteResultIsInvariantUnderRenamingCandidatesAndReorderingVoters(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        var rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int m = p.numCandidates();
        int[] perm = shuffled(m, rnd);
        int[] voterOrder = shuffled(p.numVoters(), rnd);
        var renamed = new ArrayList<List<Integer>>();
        for (int v : voterOrder) {
            var set = new ArrayList<Integer>();
            for (int c : p.approved(v)) set.add(perm[c]);
            renamed.add(set);
        }
        var q = ApprovalProfile.of(m, renamed);
        for (CommitteeRule rule : CommitteeRules.all()) {
            if (!rule.supportsIrresolute()) continue;   // greedy Monroe breaks ties by numbers by definition
            var expected = new ArrayList<Committee>();
            for (Committee w : CommitteeRules.compute(rule, p, k, false).committees()) {
                expected.add(Committee.of(w.members().stream().map(c -> perm[c]).toList()));
            }
            expected.sort(null);
            assertThat(CommitteeRules.compute(rule, q, k, false).committees()).as(rule.id()).isEqualTo(expected);
        }
    }

    @Property(tries = 60)
    void weightedRules_aVoterOfWeightTwoCountsAsTwoVoters(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        var doubled = new ArrayList<List<Integer>>();
        var weights = new ArrayList<Rational>();
        var plain = new ArrayList<List<Integer>>();
        for (int v = 0; v < p.numVoters(); v++) {
            plain.add(p.approvedList(v));
            if (v == 0) { plain.add(p.approvedList(v)); weights.add(Rational.of(2)); } else weights.add(Rational.ONE);
            doubled.add(p.approvedList(v));
        }
        var weighted = new ApprovalProfile(p.names(), doubled, weights);
        var duplicated = ApprovalProfile.of(p.numCandidates(), plain);
        for (String id : List.of("av", "sav", "pav", "seq-pav", "revseq-pav", "cc", "seq-cc", "seq-phragmen", "minimax-phragmen",
                "equal-shares", "equal-shares-no-completion")) {
            var a = run(id, weighted, k, false);
            var b = run(id, duplicated, k, false);
            assertThat(a.committees()).as(id).isEqualTo(b.committees());
            assertThat(a.explanation().optimalScore()).as(id).isEqualTo(b.explanation().optimalScore());
        }
    }

    @Property(tries = 40)
    void pavBranchAndBound_agreesWithBruteForce(@ForAll long seed) {
        var p = randomProfile(seed);
        int k = size(seed, p);
        Rational best = null;
        var optima = new ArrayList<Committee>();
        for (int[] w : ThieleRules.combinations(p.numCandidates(), k)) {
            Rational s = ThieleRules.score(p, Committee.of(w), ThieleRules.Kind.PAV);
            if (best == null || s.compareTo(best) > 0) { best = s; optima.clear(); }
            if (s.equals(best)) optima.add(Committee.of(w));
        }
        var res = run("pav", p, k, false);
        assertThat(res.committees()).isEqualTo(optima);
        assertThat(res.explanation().optimalScore()).isEqualTo(best.toString());
    }

    static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }
}
