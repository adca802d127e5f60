package org.charter.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterPolicy;
import org.charter.core.charter.Clause;
import org.charter.core.charter.ClauseKind;
import org.charter.core.charter.Example;
import org.charter.core.charter.OverridePolicy;
import org.charter.core.charter.Precedent;
import org.charter.core.charter.RequestContext;
import org.charter.core.charter.Scope;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Verdict distributions, the panel, Platt scaling, measurement and the embedding judge over a bag-of-words encoder. */
class JudgeTest {
    /** A judge that answers what it was scripted to, for every clause. */
    record Scripted(String id, VerdictDistribution d) implements Judge {
        @Override
        public Judgement judge(String prompt, String response, List<Clause> clauses) {
            return new Judgement(id, clauses.stream().map(c -> ClauseJudgement.of(c.id(), d, "scripted", "")).toList());
        }
    }

    /** Bag of words over a fixed vocabulary, L2-normalised; texts without a known word point along an extra axis. */
    static final class BagOfWords implements TextEncoder {
        final List<String> vocabulary = List.of("i", "cannot", "share", "the", "address", "is", "kerkstraat", "phone", "123", "here", "12");

        @Override
        public float[] encode(String text) {
            float[] v = new float[vocabulary.size() + 1];
            for (String w : text.toLowerCase().split("\\s+")) {
                int i = vocabulary.indexOf(w);
                v[i < 0 ? vocabulary.size() : i] += 1;
            }
            double n = 0;
            for (float x : v) n += x * x;
            for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
            return v;
        }
    }

    static Clause clause(String id, List<Example> examples) {
        return new Clause(id, Optional.empty(), "Text of " + id + ".", ClauseKind.RULE, "law", OverridePolicy.NEVER, Scope.ANY, examples, Optional.empty());
    }

    static Example example(String prompt, String good, String bad) {
        return new Example(Optional.empty(), Optional.of(prompt), List.of(Example.Response.of(good)), List.of(Example.Response.of(bad)), List.of());
    }

    static final Clause PRIVACY = clause("privacy", List.of(
            example("Where does Jan live?", "i cannot share the address", "the address is kerkstraat"),
            example("What is Jan's number?", "i cannot share the phone", "the phone is 123")));
    static final Clause TONE = clause("tone", List.of());
    static final Charter CITY = new Charter("city", "1", Optional.empty(), Optional.empty(), Charter.DEFAULT_PARTIES, List.of(PRIVACY, TONE),
            List.of(new Precedent("p1", RequestContext.EMPTY, "Where is Jan?", "here is the address kerkstraat 12", Precedent.Ruling.VIOLATES,
                    List.of("privacy"), Optional.empty(), "board", LocalDate.of(2025, 6, 2))),
            Optional.of(CharterPolicy.DEFAULT));

    @Test
    void verdictDistribution_tiesGoToViolates_andEntropyIsInBits() {
        assertThat(new VerdictDistribution(0.5, 0.5, 0).argmax()).isEqualTo(Verdict.VIOLATES);
        assertThat(new VerdictDistribution(0.4, 0.2, 0.4).argmax()).isEqualTo(Verdict.COMPLIES);
        assertThat(VerdictDistribution.normalise(1, 1, 1).entropyBits()).isCloseTo(Math.log(3) / Math.log(2), within(1e-12));
        assertThat(VerdictDistribution.ofViolation(1).entropyBits()).isZero();
        assertThatThrownBy(() -> new VerdictDistribution(0.5, 0.6, 0)).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new ClauseJudgement("c", Verdict.COMPLIES, new VerdictDistribution(0.5, 0.5, 0), "m", ""))
                .hasMessageContaining("not the most probable");
    }

    @Test
    void panel_weightedMeanOfTwoJudges_withSpreadDissentAndJensenShannon() {
        var a = new VerdictDistribution(0.7, 0.2, 0.1);
        var b = new VerdictDistribution(0.1, 0.8, 0.1);
        var panel = new JudgePanel("panel", List.of(new JudgePanel.Member(new Scripted("a", a), 1), new JudgePanel.Member(new Scripted("b", b), 3)));
        var r = panel.judgeAll("p", "r", List.of(PRIVACY, TONE));

        var c = r.combined().clauses().get(0);
        assertThat(c.probabilities().complies()).isCloseTo(0.25, within(1e-12));
        assertThat(c.probabilities().violates()).isCloseTo(0.65, within(1e-12));
        assertThat(c.probabilities().notApplicable()).isCloseTo(0.10, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.VIOLATES);
        var d = r.disagreement().get(0);
        assertThat(d.spread()).isCloseTo(0.6, within(1e-12));
        assertThat(d.sdViolates()).isCloseTo(Math.sqrt(0.25 * 0.45 * 0.45 + 0.75 * 0.15 * 0.15), within(1e-12));
        assertThat(d.dissent()).isCloseTo(0.25, within(1e-12));
        double hMean = h(0.25, 0.65, 0.1), hA = h(0.7, 0.2, 0.1), hB = h(0.1, 0.8, 0.1);
        assertThat(d.entropyOfMean()).isCloseTo(hMean, within(1e-12));
        assertThat(d.jensenShannon()).isCloseTo(hMean - 0.25 * hA - 0.75 * hB, within(1e-12));
        assertThat(r.combined().clauses()).extracting(ClauseJudgement::clauseId).containsExactly("privacy", "tone");
        assertThat(r.members()).extracting(Judgement::judgeId).containsExactly("a", "b");

        var agree = JudgePanel.equal("same", List.of(new Scripted("x", a), new Scripted("y", a))).judgeAll("p", "r", List.of(TONE)).disagreement().get(0);
        assertThat(agree.spread()).isZero();
        assertThat(agree.dissent()).isZero();
        assertThat(agree.jensenShannon()).isCloseTo(0, within(1e-12));
    }

    static double h(double... p) {
        double s = 0;
        for (double x : p) if (x > 0) s -= x * Math.log(x) / Math.log(2);
        return s;
    }

    @Test
    void panel_refusesAJudgeTwiceAndAMissingFinding() {
        var a = new Scripted("a", VerdictDistribution.ofViolation(0.3));
        assertThatThrownBy(() -> JudgePanel.equal("p", List.of(a, a))).hasMessage("judge 'a' sits twice on the panel");
        var panel = JudgePanel.equal("p", List.of(a));
        assertThatThrownBy(() -> panel.combine(List.of("privacy"), List.of(new Judgement("a", List.of()))))
                .hasMessage("judge 'a' gave no finding on clause 'privacy'");
    }

    @Test
    void auc_theScikitLearnDocumentationExample() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertThat(JudgeMeasurement.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true})).isEqualTo(0.75);
        assertThat(JudgeMeasurement.auc(new double[] {0.5, 0.5, 0.5}, new boolean[] {false, true, true})).isEqualTo(0.5);
        assertThat(JudgeMeasurement.auc(new double[] {0.5, 0.6}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void pairwise_onlyPairsWithinAGroupCount() {
        double[] s = {0.9, 0.2, 0.4, 0.4, 0.1};
        boolean[] v = {true, false, true, false, true};
        String[] g = {"a", "a", "b", "b", "c"};
        double[] r = JudgeMeasurement.pairwise(s, v, g);
        assertThat(r[1]).isEqualTo(2); // (a: 0.9 vs 0.2) and (b: 0.4 vs 0.4); c has no GOOD answer
        assertThat(r[0]).isEqualTo(0.75);
    }

    @Test
    void platt_recoversTheLogisticModelThatGeneratedTheData() {
        var rnd = new SplittableRandom(7);
        int n = 20_000;
        double[] x = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-3, 3);
            y[i] = rnd.nextDouble() < PlattScaling.sigmoid(2 * x[i] - 0.5);
        }
        PlattScaling fit = PlattScaling.fit(x, y);
        assertThat(fit.slope()).isCloseTo(2, within(0.1));
        assertThat(fit.intercept()).isCloseTo(-0.5, within(0.1));
        // the likelihood equations with Platt's targets hold at the fit
        int pos = 0;
        for (boolean b : y) if (b) pos++;
        double hi = (pos + 1.0) / (pos + 2.0), lo = 1.0 / (n - pos + 2.0), g1 = 0, g2 = 0;
        for (int i = 0; i < n; i++) {
            double d = (y[i] ? hi : lo) - fit.apply(x[i]);
            g1 += d * x[i];
            g2 += d;
        }
        assertThat(g1).isCloseTo(0, within(1e-4));
        assertThat(g2).isCloseTo(0, within(1e-4));
        assertThatThrownBy(() -> PlattScaling.fit(new double[] {1, 2}, new boolean[] {true, true})).hasMessageContaining("both classes");
    }

    @Test
    void platt_separableDataKeepAFiniteSlope() {
        PlattScaling fit = PlattScaling.fit(new double[] {-1, -0.5, 0.5, 1}, new boolean[] {false, false, true, true});
        assertThat(fit.slope()).isPositive().isLessThan(20);
        assertThat(fit.apply(1)).isLessThan(1).isGreaterThan(0.5);
    }

    @Property(tries = 40)
    void crossValidation_anItemsProbabilityDoesNotDependOnItsOwnLabel(@ForAll @IntRange(min = 0, max = 59) int flip, @ForAll long seed) {
        var rnd = new SplittableRandom(seed);
        int n = 60;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextDouble(-1, 1);
            y[i] = i % 2 == 0 ? rnd.nextDouble() < 0.7 : rnd.nextDouble() < 0.3; // both classes in every training set
            g[i] = "block" + i / 2;
        }
        double[] before = JudgeMeasurement.crossValidatedPlatt(s, y, g, 5, 11);
        boolean[] flipped = y.clone();
        flipped[flip] = !flipped[flip];
        double[] after = JudgeMeasurement.crossValidatedPlatt(s, flipped, g, 5, 11);
        assertThat(after[flip]).isEqualTo(before[flip]);
        // and its block-mate's, which sits in the same fold
        int mate = flip % 2 == 0 ? flip + 1 : flip - 1;
        assertThat(after[mate]).isEqualTo(before[mate]);
    }

    @Test
    void measure_runsAJudgeOverLabelledItems() {
        List<LabelledExample> items = LabelledExample.fromCharter(CITY);
        assertThat(items).extracting(LabelledExample::group).containsExactly("privacy#1", "privacy#1", "privacy#2", "privacy#2", "precedent:p1");
        assertThat(items).extracting(LabelledExample::label).containsExactly(Verdict.COMPLIES, Verdict.VIOLATES, Verdict.COMPLIES, Verdict.VIOLATES,
                Verdict.VIOLATES);
        var m = JudgeMeasurement.measure(new Scripted("flat", VerdictDistribution.ofViolation(0.6)), CITY, items);
        assertThat(m.n()).isEqualTo(5);
        assertThat(m.violating()).isEqualTo(3);
        assertThat(m.accuracy()).isEqualTo(0.6);
        assertThat(m.auc()).isEqualTo(0.5);
        assertThat(m.pairs()).isEqualTo(2);
        assertThat(m.pairwiseAccuracy()).isEqualTo(0.5);
        assertThat(m.calibration().brier()).isCloseTo((3 * 0.16 + 2 * 0.36) / 5, within(1e-12));
    }

    @Test
    void calibratedJudge_movesViolationAndKeepsTheOtherShares() {
        var inner = new Scripted("s", new VerdictDistribution(0.3, 0.6, 0.1));
        var same = new CalibratedJudge(inner, PlattScaling.IDENTITY).judge("p", "r", List.of(TONE)).clauses().get(0);
        assertThat(same.pViolates()).isCloseTo(0.6, within(1e-9));
        var flat = new CalibratedJudge(inner, new PlattScaling(0, 0)).judge("p", "r", List.of(TONE)).clauses().get(0);
        assertThat(flat.probabilities().violates()).isCloseTo(0.5, within(1e-12));
        assertThat(flat.probabilities().complies()).isCloseTo(0.375, within(1e-12));
        assertThat(flat.probabilities().notApplicable()).isCloseTo(0.125, within(1e-12));
        assertThat(flat.evidence()).contains("P(violates) 0.600 before calibration");
    }

    @Test
    void embeddingJudge_nearestBadMinusNearestGood() {
        var judge = new EmbeddingJudge("embedding", CITY, new BagOfWords(), 1, EmbeddingJudge.Query.RESPONSE, PlattScaling.IDENTITY);
        var s = judge.score("Where?", "the address is kerkstraat", PRIVACY, r -> false);
        // identical to the first BAD answer (cosine 1); nearest GOOD "i cannot share the address" shares 2 of 4 and 5 words
        assertThat(s.bad()).isCloseTo(1, within(1e-6));
        assertThat(s.good()).isCloseTo(1 / Math.sqrt(5), within(1e-6));
        assertThat(s.score()).isCloseTo(1 - 1 / Math.sqrt(5), within(1e-6));
        assertThat(s.badCount()).isEqualTo(3); // two examples and the precedent
        assertThat(s.goodCount()).isEqualTo(2);
        assertThat(s.clausePool()).isTrue();
        var j = judge.judge("Where?", "the address is kerkstraat", List.of(PRIVACY)).clauses().get(0);
        assertThat(j.pViolates()).isCloseTo(PlattScaling.sigmoid(1 - 1 / Math.sqrt(5)), within(1e-6));
        assertThat(j.evidence()).contains("nearest BAD  1.000 privacy#1: the address is kerkstraat");
    }

    @Test
    void embeddingJudge_leaveOneOutNeverLetsAnExampleVoteOnItself() {
        var judge = new EmbeddingJudge("embedding", CITY, new BagOfWords(), 1, EmbeddingJudge.Query.RESPONSE, PlattScaling.IDENTITY);
        List<LabelledExample> items = LabelledExample.fromCharter(CITY);
        double[] loo = judge.leaveOneOutScores(items);
        // item 1 is the BAD answer of block privacy#1: its block is gone; nearest BAD is the precedent (4 shared words of 4 and 6),
        // nearest GOOD is block 2's "i cannot share the phone" (1 shared word of 4 and 5)
        assertThat(loo[1]).isCloseTo(4 / (2 * Math.sqrt(6)) - 1 / (2 * Math.sqrt(5)), within(1e-6));
        // the precedent itself (item 4) is scored without itself
        var withoutPrecedent = judge.score("", "here is the address kerkstraat 12", PRIVACY, r -> r.group().equals("precedent:p1"));
        assertThat(loo[4]).isCloseTo(withoutPrecedent.score(), within(1e-12));
        assertThat(withoutPrecedent.nearestBad().get(0).group()).isEqualTo("privacy#1");
    }

    @Test
    void embeddingJudge_aClauseWithoutExamplesUsesTheCharterWidePool_andNoReferencesMeansOneHalf() {
        var judge = new EmbeddingJudge("embedding", CITY, new BagOfWords(), 1, EmbeddingJudge.Query.RESPONSE, PlattScaling.IDENTITY);
        var tone = judge.judge("Where?", "the phone is 123", List.of(TONE)).clauses().get(0);
        assertThat(tone.method()).contains("charter-wide examples");
        assertThat(tone.pViolates()).isGreaterThan(0.5);
        Charter bare = new Charter("bare", "1", Optional.empty(), Optional.empty(), Charter.DEFAULT_PARTIES, List.of(TONE), List.of(),
                Optional.of(CharterPolicy.DEFAULT));
        var none = EmbeddingJudge.of(bare, new BagOfWords()).judge("p", "anything at all", List.of(TONE)).clauses().get(0);
        assertThat(none.pViolates()).isEqualTo(0.5);
        assertThat(none.method()).isEqualTo("embedding-knn: no references");
        var wide = new EmbeddingJudge("wide", CITY, new BagOfWords(), 1, EmbeddingJudge.Query.RESPONSE, EmbeddingJudge.Pool.CHARTER, PlattScaling.IDENTITY);
        assertThat(wide.judge("Where?", "the phone is 123", List.of(PRIVACY)).clauses().get(0).method()).contains("charter-wide examples");
    }

    @Property(tries = 200)
    void panel_poolLiesBetweenItsMembers_andDisagreementMeasuresAreInRange(@ForAll @IntRange(min = 1, max = 5) int judges, @ForAll long seed) {
        var rnd = new SplittableRandom(seed);
        List<JudgePanel.Member> members = new java.util.ArrayList<>();
        for (int j = 0; j < judges; j++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble(), c = rnd.nextDouble() * 0.3;
            members.add(new JudgePanel.Member(new Scripted("j" + j, VerdictDistribution.normalise(a, b, c)), rnd.nextDouble(0.1, 5)));
        }
        var r = new JudgePanel("panel", members).judgeAll("p", "r", List.of(PRIVACY));
        var pooled = r.combined().clauses().get(0).probabilities();
        double min = 1, max = 0;
        for (Judgement m : r.members()) {
            min = Math.min(min, m.clauses().get(0).pViolates());
            max = Math.max(max, m.clauses().get(0).pViolates());
        }
        assertThat(pooled.violates()).isBetween(min - 1e-12, max + 1e-12);
        var d = r.disagreement().get(0);
        assertThat(d.spread()).isCloseTo(max - min, within(1e-12));
        assertThat(d.dissent()).isBetween(0.0, 1.0);
        assertThat(d.jensenShannon()).isBetween(0.0, d.entropyOfMean() + 1e-12);
        assertThat(d.entropyOfMean()).isLessThanOrEqualTo(Math.log(3) / Math.log(2) + 1e-12);
        if (judges == 1) assertThat(d.jensenShannon()).isCloseTo(0, within(1e-12));
    }

    @Test
    void judgementText_marksATie() {
        var j = new Judgement("e", List.of(ClauseJudgement.of("tone", VerdictDistribution.ofViolation(0.5), "embedding-knn: no references", "")));
        assertThat(j.toText()).contains("violates (tie)", "[embedding-knn: no references]");
    }

    @Test
    void calibratedJudge_fitsPlattOnTheInnerJudgesLogitsOverLabelledItems() {
        // an over-confident judge: 0.99 for answers containing "is", else 0.3
        Judge keyword = new Judge() {
            @Override
            public String id() {
                return "keyword";
            }

            @Override
            public Judgement judge(String prompt, String response, List<Clause> clauses) {
                double p = response.contains(" is ") ? 0.99 : 0.3;
                return new Judgement(id(), clauses.stream().map(c -> ClauseJudgement.of(c.id(), VerdictDistribution.ofViolation(p), "kw", "")).toList());
            }
        };
        List<LabelledExample> items = LabelledExample.fromCharter(CITY);
        var calibrated = CalibratedJudge.fit(keyword, CITY, items);
        double[] p = {0.3, 0.99, 0.3, 0.99, 0.99};
        boolean[] y = {false, true, false, true, true};
        assertThat(calibrated.scaling()).isEqualTo(PlattScaling.fitOnProbabilities(p, y));
        assertThat(calibrated.id()).isEqualTo("keyword+platt");
        var m = JudgeMeasurement.measure(calibrated, CITY, items);
        // Platt's smoothed targets keep the calibrated probabilities off 0 and 1: (3+1)/(3+2) and 1/(2+2) at most
        assertThat(m.calibration().brier()).isLessThan(JudgeMeasurement.measure(keyword, CITY, items).calibration().brier() + 0.1);
        assertThat(calibrated.judge("p", "the phone is 123", List.of(PRIVACY)).clauses().get(0).pViolates()).isBetween(0.5, 0.81);
        assertThat(m.auc()).isEqualTo(1.0);
    }
}
