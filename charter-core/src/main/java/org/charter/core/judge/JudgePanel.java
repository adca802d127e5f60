package org.charter.core.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.charter.core.charter.Clause;

/**
 * A panel of judges: each member judges the response, the panel's distribution for a clause is the weighted mean of
 * the members' distributions (a linear opinion pool), and the panel reports how much the members disagree.
 *
 * <p>Disagreement per clause, all computed from the members' distributions and weights w (normalised to sum 1):
 * <ul>
 *   <li>{@code spread}: the largest minus the smallest P(violates) among members;</li>
 *   <li>{@code sdViolates}: the weighted standard deviation of P(violates);</li>
 *   <li>{@code dissent}: the weight of the members whose own most probable verdict differs from the panel's;</li>
 *   <li>{@code entropyOfMean}: the entropy (bits) of the pooled distribution, the total uncertainty;</li>
 *   <li>{@code meanEntropy}: the weighted mean of the members' entropies, the uncertainty each admits;</li>
 *   <li>{@code jensenShannon}: their difference, the generalised Jensen-Shannon divergence of the members
 *       (0 when all agree; it is the "mutual information" split of total uncertainty used for ensembles [2]).</li>
 * </ul>
 */
public final class JudgePanel implements Judge {
    /*
     * [1] C. Genest, J. V. Zidek. "Combining Probability Distributions: A Critique and an Annotated Bibliography."
     *     Statistical Science 1(1), 1986 (the linear opinion pool).
     * [2] B. Lakshminarayanan, A. Pritzel, C. Blundell. "Simple and Scalable Predictive Uncertainty Estimation using
     *     Deep Ensembles." NeurIPS 2017; J. Lin. "Divergence measures based on the Shannon entropy." IEEE Trans.
     *     Information Theory 37(1), 1991 (the generalised Jensen-Shannon divergence).
     */

    /** A member and its weight (positive; weights are normalised over the panel). */
    public record Member(Judge judge, double weight) {
        public Member {
            Objects.requireNonNull(judge, "judge");
            if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("a panel weight must be positive and finite, not " + weight);
        }
    }

    /** How much the members disagree on one clause (see the class comment). */
    public record Disagreement(String clauseId, double spread, double sdViolates, double dissent, double entropyOfMean,
            double meanEntropy, double jensenShannon) { }

    /** The panel's judgement, each member's, and the disagreement per clause (in the order of the clauses). */
    public record PanelJudgement(Judgement combined, List<Judgement> members, List<Disagreement> disagreement) {
        public PanelJudgement {
            members = List.copyOf(members);
            disagreement = List.copyOf(disagreement);
        }
    }

    private final String id;
    private final List<Member> members;
    private final double[] weights;

    public JudgePanel(String id, List<Member> members) {
        this.id = Objects.requireNonNull(id, "id");
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) throw new IllegalArgumentException("a panel needs at least one judge");
        var ids = new java.util.HashSet<String>();
        for (Member m : this.members) if (!ids.add(m.judge().id())) throw new IllegalArgumentException("judge '" + m.judge().id() + "' sits twice on the panel");
        double total = this.members.stream().mapToDouble(Member::weight).sum();
        this.weights = this.members.stream().mapToDouble(m -> m.weight() / total).toArray();
    }

    /** A panel that weighs its judges equally. */
    public static JudgePanel equal(String id, List<Judge> judges) {
        return new JudgePanel(id, judges.stream().map(j -> new Member(j, 1)).toList());
    }

    @Override
    public String id() {
        return id;
    }

    public List<Member> members() {
        return members;
    }

    @Override
    public Judgement judge(String prompt, String response, List<Clause> clauses) {
        return judgeAll(prompt, response, clauses).combined();
    }

    /** Asks every member (in order), then pools their findings; a member that fails makes the panel fail. */
    public PanelJudgement judgeAll(String prompt, String response, List<Clause> clauses) {
        List<Judgement> found = new ArrayList<>(members.size());
        for (Member m : members) found.add(m.judge().judge(prompt, response, clauses));
        return combine(clauses.stream().map(Clause::id).toList(), found);
    }

    /** Pools the members' judgements (one per member, in panel order) over the given clause ids. */
    public PanelJudgement combine(List<String> clauseIds, List<Judgement> found) {
        if (found.size() != members.size()) throw new IllegalArgumentException(found.size() + " judgements for " + members.size() + " judges");
        List<ClauseJudgement> pooled = new ArrayList<>();
        List<Disagreement> dis = new ArrayList<>();
        for (String cid : clauseIds) {
            VerdictDistribution[] d = new VerdictDistribution[found.size()];
            for (int j = 0; j < found.size(); j++) {
                Judgement jj = found.get(j);
                d[j] = jj.clause(cid).orElseThrow(() -> new IllegalArgumentException("judge '" + jj.judgeId() + "' gave no finding on clause '" + cid + "'"))
                        .probabilities();
            }
            double c = 0, v = 0, na = 0, meanH = 0;
            for (int j = 0; j < d.length; j++) {
                c += weights[j] * d[j].complies();
                v += weights[j] * d[j].violates();
                na += weights[j] * d[j].notApplicable();
                meanH += weights[j] * d[j].entropyBits();
            }
            VerdictDistribution mean = VerdictDistribution.normalise(c, v, na);
            Verdict verdict = mean.argmax();
            double min = 1, max = 0, var = 0, dissent = 0;
            for (int j = 0; j < d.length; j++) {
                min = Math.min(min, d[j].violates());
                max = Math.max(max, d[j].violates());
                var += weights[j] * (d[j].violates() - mean.violates()) * (d[j].violates() - mean.violates());
                if (d[j].argmax() != verdict) dissent += weights[j];
            }
            double hMean = mean.entropyBits();
            Disagreement g = new Disagreement(cid, max - min, Math.sqrt(var), Math.min(1, dissent), hMean, meanH, Math.max(0, hMean - meanH));
            dis.add(g);
            var ev = new StringBuilder();
            for (int j = 0; j < d.length; j++) {
                ev.append(String.format(Locale.ROOT, "%s%s: P(violates) %.3f (%s, weight %.2f)", j == 0 ? "" : "; ", found.get(j).judgeId(),
                        d[j].violates(), d[j].argmax().wireName(), weights[j]));
            }
            ev.append(String.format(Locale.ROOT, "%ndisagreement: spread %.3f, sd %.3f, dissent %.2f, entropy of the mean %.3f bits, JS divergence %.3f bits",
                    g.spread(), g.sdViolates(), g.dissent(), g.entropyOfMean(), g.jensenShannon()));
            pooled.add(new ClauseJudgement(cid, verdict, mean, "panel: weighted mean of " + d.length + " judges", ev.toString()));
        }
        return new PanelJudgement(new Judgement(id, pooled), found, dis);
    }
}
