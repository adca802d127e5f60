package org.charter.core.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.uncertainty.Calibration;

/**
 * How good a judge's violation probabilities are on labelled items: accuracy at 1/2, the area under the ROC curve
 * (the probability that a random violating response gets a higher P(violates) than a random complying one, ties
 * counting 1/2, as the Mann-Whitney statistic [1]), pairwise accuracy within groups (each BAD answer against each
 * GOOD answer of the same example: is the BAD one rated more violating?), the calibration report of P(violates)
 * ({@link Calibration#ofProbabilities}: ECE, Brier, reliability) and the risk-coverage curve of the predicted
 * verdicts ordered by their confidence {@code max(p, 1 - p)}.
 *
 * <p>{@link #crossValidatedPlatt} calibrates scores by group k-fold cross-validation, so that no item's probability
 * comes from a fit that saw it (or its group).
 */
public final class JudgeMeasurement {
    /*
     * [1] J. A. Hanley, B. J. McNeil. "The meaning and use of the area under a receiver operating characteristic
     *     (ROC) curve." Radiology 143(1), 1982.
     */
    private JudgeMeasurement() { }

    /** The figures of one measurement. */
    public record Measurement(int n, int violating, double accuracy, double auc, int pairs, double pairwiseAccuracy,
            Calibration.Report calibration, Calibration.RiskCoverage riskCoverage) {
        public String toText() {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%d items (%d violating): accuracy at 1/2 %.4f, AUC %.4f, pairwise accuracy %.4f over %d BAD/GOOD pairs%n",
                    n, violating, accuracy, auc, pairwiseAccuracy, pairs));
            sb.append(calibration.toText());
            sb.append(riskCoverage.toText());
            return sb.toString();
        }
    }

    /** Measures probabilities {@code pViolates} against the truth, with pairs formed within {@code groups}. */
    public static Measurement measure(double[] pViolates, boolean[] violates, String[] groups) {
        int n = pViolates.length;
        if (violates.length != n || groups.length != n) throw new IllegalArgumentException("probabilities, labels and groups differ in length");
        if (n == 0) throw new IllegalArgumentException("nothing to measure");
        int correct = 0, pos = 0;
        double[] conf = new double[n];
        boolean[] wrong = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean predicted = pViolates[i] >= 0.5;
            if (predicted == violates[i]) correct++;
            if (violates[i]) pos++;
            conf[i] = Math.max(pViolates[i], 1 - pViolates[i]);
            wrong[i] = predicted != violates[i];
        }
        double[] pair = pairwise(pViolates, violates, groups);
        return new Measurement(n, pos, (double) correct / n, auc(pViolates, violates), (int) pair[1], pair[0],
                Calibration.ofProbabilities(pViolates, violates), Calibration.riskCoverage(conf, wrong));
    }

    /** Runs a judge on every item (each against its own clause of {@code charter}) and measures its P(violates). */
    public static Measurement measure(Judge judge, Charter charter, List<LabelledExample> items) {
        double[] p = new double[items.size()];
        boolean[] y = new boolean[items.size()];
        String[] g = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            LabelledExample e = items.get(i);
            Clause c = charter.clause(e.clauseId()).orElseThrow(() -> new IllegalArgumentException("no clause '" + e.clauseId() + "' in charter " + charter.id()));
            p[i] = judge.judge(e.prompt(), e.response(), List.of(c)).clauses().get(0).pViolates();
            y[i] = e.violates();
            g[i] = e.group();
        }
        return measure(p, y, g);
    }

    /** The area under the ROC curve of scores for the positive class (ties count 1/2); NaN when a class is missing. */
    public static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long nPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++) if (positive[order[k]]) { rankSumPos += midRank; nPos++; }
            i = j;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return Double.NaN;
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /** Pairwise accuracy within groups: {share of (violating, complying) pairs ordered correctly (ties 1/2), number of pairs}. */
    public static double[] pairwise(double[] score, boolean[] violates, String[] groups) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < score.length; i++) byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        double won = 0;
        long pairs = 0;
        for (List<Integer> members : byGroup.values()) {
            for (int b : members) {
                if (!violates[b]) continue;
                for (int g : members) {
                    if (violates[g]) continue;
                    pairs++;
                    won += score[b] > score[g] ? 1 : score[b] == score[g] ? 0.5 : 0;
                }
            }
        }
        return new double[] {pairs == 0 ? Double.NaN : won / pairs, pairs};
    }

    /**
     * Probabilities for raw scores by group k-fold cross-validation: groups are shuffled with {@code seed} and dealt
     * into {@code folds} folds; each fold's items get the Platt scaling fitted on the other folds' items only.
     */
    public static double[] crossValidatedPlatt(double[] score, boolean[] violates, String[] groups, int folds, long seed) {
        if (folds < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds");
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(Arrays.asList(groups)));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = distinct.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = distinct.get(i);
            distinct.set(i, distinct.get(j));
            distinct.set(j, t);
        }
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) foldOf.put(distinct.get(i), i % folds);
        double[] out = new double[score.length];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < score.length; i++) if (foldOf.get(groups[i]) != f) train.add(i);
            double[] x = new double[train.size()];
            boolean[] y = new boolean[train.size()];
            for (int k = 0; k < train.size(); k++) {
                x[k] = score[train.get(k)];
                y[k] = violates[train.get(k)];
            }
            PlattScaling fit = PlattScaling.fit(x, y);
            for (int i = 0; i < score.length; i++) if (foldOf.get(groups[i]) == f) out[i] = fit.apply(score[i]);
        }
        return out;
    }
}
