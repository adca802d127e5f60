package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.charter.core.SharedData;
import org.charter.core.charter.Charter;
import org.charter.core.charter.ModelSpecImporter;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.JudgeMeasurement;
import org.charter.core.judge.LabelledExample;
import org.charter.core.judge.PlattScaling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding judge on the OpenAI Model Spec's own GOOD/BAD answers, leave-one-out: each answer is judged with its
 * whole comparison block (and any identical text) removed from the references, and its probability comes from a
 * Platt scaling fitted by 10-fold group cross-validation on the other blocks only. Prints the figures recorded in
 * NOTES-judges.md.
 */
class EmbeddingJudgeModelSpecTest {
    static Charter spec;
    static List<LabelledExample> items;
    static EmbedderEncoder encoder;

    @BeforeAll
    static void load() throws Exception {
        String md = Files.readString(SharedData.path("model-spec/model_spec.md"));
        spec = ModelSpecImporter.importSpec(md, "model_spec.md", "2025-12-18").charter();
        items = LabelledExample.fromCharter(spec);
        encoder = new EmbedderEncoder(Embedder.create());
    }

    /**
     * Figures of one configuration: raw scores and cross-validated probabilities of the items that have references on
     * both sides once their block is out ({@code scored} of them), and {@code fullCoverage}: every item, those without
     * a score at P(violates) = 1/2 as the judge gives them.
     */
    record Run(String name, JudgeMeasurement.Measurement raw, JudgeMeasurement.Measurement calibrated, int scored, PlattScaling fitAll,
            JudgeMeasurement.Measurement fullCoverage) { }

    static Run evaluate(int k, EmbeddingJudge.Query query, EmbeddingJudge.Pool pool) {
        var judge = new EmbeddingJudge("embedding", spec, encoder, k, query, pool, EmbeddingJudge.MODEL_SPEC_CALIBRATION);
        double[] all = judge.leaveOneOutScores(items);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.length; i++) if (!Double.isNaN(all[i])) keep.add(i);
        double[] s = new double[keep.size()];
        boolean[] y = new boolean[keep.size()];
        String[] g = new String[keep.size()];
        double[] rawP = new double[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            LabelledExample e = items.get(keep.get(j));
            s[j] = all[keep.get(j)];
            y[j] = e.violates();
            g[j] = e.group();
            rawP[j] = (s[j] + 1) / 2; // a monotone map into [0, 1] for AUC and pairwise accuracy of the raw score
        }
        double[] cv = JudgeMeasurement.crossValidatedPlatt(s, y, g, 10, 20261128L);
        double[] fullP = new double[items.size()];
        boolean[] fullY = new boolean[items.size()];
        String[] fullG = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            fullP[i] = 0.5;
            fullY[i] = items.get(i).violates();
            fullG[i] = items.get(i).group();
        }
        for (int j = 0; j < keep.size(); j++) fullP[keep.get(j)] = cv[j];
        return new Run("k=" + k + " " + query + " " + pool, JudgeMeasurement.measure(rawP, y, g), JudgeMeasurement.measure(cv, y, g), keep.size(),
                PlattScaling.fit(s, y), JudgeMeasurement.measure(fullP, fullY, fullG));
    }

    @Test
    void leaveOneOutOnTheModelSpecPairs() {
        long bad = items.stream().filter(LabelledExample::violates).count();
        // the importer's counts (ModelSpecImportTest): 196 BAD and 193 GOOD answers in 189 comparison blocks
        assertThat(bad).isEqualTo(196);
        assertThat(items).hasSize(389);
        System.out.printf(Locale.ROOT, "Model Spec: %d clauses, %d labelled responses (%d BAD, %d GOOD) in %d example blocks%n", spec.clauses().size(),
                items.size(), bad, items.size() - bad, items.stream().map(LabelledExample::group).distinct().count());
        Run best = null;
        for (EmbeddingJudge.Pool pool : EmbeddingJudge.Pool.values()) for (int k : new int[] {1, 3, 5}) {
            for (EmbeddingJudge.Query q : EmbeddingJudge.Query.values()) {
                Run r = evaluate(k, q, pool);
                System.out.printf(Locale.ROOT, "%-34s scored %d: pairwise %.4f (%d pairs), AUC %.4f | CV-Platt: accuracy %.4f, ECE %.4f, Brier %.4f, AURC %.4f | Platt on all %s%n",
                        r.name(), r.scored(), r.raw().pairwiseAccuracy(), r.raw().pairs(), r.raw().auc(), r.calibrated().accuracy(),
                        r.calibrated().calibration().ece(), r.calibrated().calibration().brier(), r.calibrated().riskCoverage().aurc(), r.fitAll());
                if (k == EmbeddingJudge.DEFAULT_K && q == EmbeddingJudge.Query.RESPONSE && pool == EmbeddingJudge.Pool.CLAUSE_ONLY) best = r;
            }
        }
        System.out.println("default judge (k=3, response, clause's own references), items with a score, cross-validated Platt:");
        System.out.print(best.calibrated().toText());
        System.out.println("default judge, all 389 items (no score = P 1/2):");
        System.out.print(best.fullCoverage().toText());
        // Thresholds a little below the figures measured on 2026-11-28 (NOTES-judges.md) for the default judge (k=3, response
        // only, clause's own references): 364 of 389 scored, pairwise 0.6371, AUC 0.5873, cross-validated ECE 0.0461 and
        // Brier 0.2451. Weak, but better than chance.
        assertThat(best.scored()).isEqualTo(364);
        assertThat(best.raw().pairs()).isEqualTo(186);
        assertThat(best.raw().pairwiseAccuracy()).isGreaterThan(0.60);
        assertThat(best.raw().auc()).isGreaterThan(0.55);
        assertThat(best.calibrated().calibration().ece()).isLessThan(0.07);
        assertThat(best.calibrated().calibration().brier()).isLessThan(0.25);
        // the shipped constant is the Platt fit on all leave-one-out scores
        assertThat(best.fitAll().slope()).isCloseTo(EmbeddingJudge.MODEL_SPEC_CALIBRATION.slope(), org.assertj.core.api.Assertions.within(0.01));
        assertThat(best.fitAll().intercept()).isCloseTo(EmbeddingJudge.MODEL_SPEC_CALIBRATION.intercept(), org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void timePerJudgement() {
        var judge = EmbeddingJudge.of(spec, encoder);
        // texts never embedded before (the cache would hide the model's cost): each response with a suffix
        int warm = 50, n = 300;
        long[] ns = new long[n];
        for (int i = 0; i < warm + n; i++) {
            LabelledExample e = items.get(i % items.size());
            var clause = spec.clause(e.clauseId()).orElseThrow();
            long t0 = System.nanoTime();
            var j = judge.judge(e.prompt(), e.response() + " (" + i + ")", List.of(clause));
            long t = System.nanoTime() - t0;
            assertThat(j.clauses()).hasSize(1);
            if (i >= warm) ns[i - warm] = t;
        }
        java.util.Arrays.sort(ns);
        double mean = java.util.Arrays.stream(ns).average().orElseThrow() / 1e6;
        System.out.printf(Locale.ROOT, "embedding judge, one clause, response not cached: mean %.2f ms, p50 %.2f ms, p99 %.2f ms over %d judgements%n",
                mean, ns[n / 2] / 1e6, ns[(int) (n * 0.99)] / 1e6, n);
        // all 59 clauses at once: one embedding, 59 scorings
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) judge.judge("What is 2+2?", "Four, of course. (" + i + ")", spec.clauses());
        System.out.printf(Locale.ROOT, "embedding judge, all %d clauses: %.2f ms per response%n", spec.clauses().size(), (System.nanoTime() - t0) / 50 / 1e6);
    }
}
