package org.charter.core.preference;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The passes over the data that every Luce fitting algorithm is made of, split into a fixed number of chunks that run
 * in parallel, each with its own accumulator, merged in chunk order: the result depends on the data size only, never
 * on the number of cores or on scheduling. Pairwise data (every set of two items) take a loop without offsets.
 * Counts the passes, the cost measure the benchmarks report beside iterations.
 */
final class LucePasses {
    /** Below this many choices one chunk: forking costs more than it saves. */
    static final int CHUNK = 1 << 17;
    static final int MAX_CHUNKS = 16;

    final Choices data;
    final int items;
    private final int m;
    private final int[] bounds;
    private final double[][] buffers;
    private final int[] chosen, offsets, members;
    private final double[] weights;
    private final boolean pairwise;
    private long passes;

    LucePasses(Choices data) {
        this.data = data;
        this.items = data.items();
        this.m = data.size();
        int chunks = (int) Math.max(1, Math.min(MAX_CHUNKS, (long) m / CHUNK));
        bounds = new int[chunks + 1];
        for (int k = 0; k <= chunks; k++) bounds[k] = (int) ((long) m * k / chunks);
        buffers = chunks == 1 ? null : new double[chunks][items];
        chosen = data.chosenArray();
        offsets = data.offsetsArray();
        members = data.membersArray();
        weights = data.weightsArray();
        pairwise = data.pairwise();
    }

    long passes() { return passes; }

    private interface Body {
        /** Processes choices [from, to), adding into {@code acc} (length items); returns a scalar partial sum. */
        double run(int from, int to, double[] acc);
    }

    /** Runs {@code body} over all choices; {@code out} (if not null) receives the merged accumulators. Returns the scalar sum. */
    private double pass(double[] out, Body body) {
        passes++;
        int chunks = bounds.length - 1;
        if (chunks == 1) {
            if (out != null) Arrays.fill(out, 0);
            return body.run(0, m, out == null ? new double[0] : out);
        }
        double[] partial = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(k -> {
            double[] acc = buffers[k];
            if (out != null) Arrays.fill(acc, 0);
            partial[k] = body.run(bounds[k], bounds[k + 1], acc);
        });
        double total = 0;
        for (int k = 0; k < chunks; k++) total += partial[k];
        if (out != null) {
            Arrays.fill(out, 0);
            for (int k = 0; k < chunks; k++) {
                double[] acc = buffers[k];
                for (int j = 0; j < items; j++) out[j] += acc[j];
            }
        }
        return total;
    }

    private double w(int c) {
        return weights == null ? 1.0 : weights[c];
    }

    /**
     * d_j = sum over choices whose set contains j of weight / s_c, with s_c the sum of pi over the set (kept in
     * {@code sums}); returns sum over choices of weight * log(pi_chosen / s_c), the log-likelihood when pi = exp(theta)
     * up to a common factor, which the ratio cancels (0 unless {@code logLikelihood} is asked for: MM does not need it,
     * and a logarithm per choice costs more than the rest of the pass).
     */
    double denominators(double[] pi, double[] d, double[] sums, boolean logLikelihood) {
        return pass(d, (from, to, acc) -> {
            var ll = new LogProduct();
            if (pairwise) {
                for (int c = from; c < to; c++) {
                    int a = chosen[c], b = members[c];
                    double s = pi[a] + pi[b];
                    sums[c] = s;
                    double wt = w(c);
                    double v = wt / s;
                    acc[a] += v;
                    acc[b] += v;
                    if (logLikelihood) ll.add(pi[a] / s, wt);
                }
            } else {
                for (int c = from; c < to; c++) {
                    int a = chosen[c];
                    double s = pi[a];
                    for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) s += pi[members[o]];
                    sums[c] = s;
                    double wt = w(c);
                    double v = wt / s;
                    acc[a] += v;
                    for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) acc[members[o]] += v;
                    if (logLikelihood) ll.add(pi[a] / s, wt);
                }
            }
            return ll.value();
        });
    }

    /**
     * Sum of weight * log(p) over many probabilities p with few logarithms: unit-weight factors are multiplied
     * together and logged once the product nears the bottom of the double range (exact up to rounding).
     */
    static final class LogProduct {
        private double product = 1, sum;

        void add(double p, double weight) {
            if (weight == 0) return;
            if (weight != 1 || p < 1e-200) {
                sum += weight * Math.log(p);
                return;
            }
            product *= p;
            if (product < 1e-250) {
                sum += Math.log(product);
                product = 1;
            }
        }

        double value() {
            return sum + Math.log(product);
        }
    }

    /** The log-likelihood of theta (strengths exponentiated once per item, shifted to stay in range). */
    double logLikelihood(double[] theta) {
        double[] pi = LuceFitter.exp(theta);
        return pass(null, (from, to, acc) -> {
            var ll = new LogProduct();
            for (int c = from; c < to; c++) {
                double wt = w(c);
                if (wt == 0) continue;
                int a = chosen[c];
                double s = pi[a];
                if (pairwise) {
                    s += pi[members[c]];
                } else {
                    for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) s += pi[members[o]];
                }
                ll.add(pi[a] / s, wt);
            }
            return ll.value();
        });
    }

    /** hv = H v with H = sum over choices of weight (diag(p) - p p^T) + 2 alpha I, p = pi / s over the set. */
    void hessianTimes(double[] pi, double[] sums, double alpha, double[] v, double[] hv) {
        pass(hv, (from, to, acc) -> {
            for (int c = from; c < to; c++) {
                double wt = w(c);
                if (wt == 0) continue;
                int a = chosen[c];
                double s = sums[c];
                if (pairwise) {
                    int b = members[c];
                    // 2x2 block: p_a p_b [[1, -1], [-1, 1]]
                    double q = wt * pi[a] * pi[b] / (s * s) * (v[a] - v[b]);
                    acc[a] += q;
                    acc[b] -= q;
                    continue;
                }
                double pv = pi[a] * v[a];
                for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) pv += pi[members[o]] * v[members[o]];
                pv /= s;
                acc[a] += wt * pi[a] / s * (v[a] - pv);
                for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) {
                    int j = members[o];
                    acc[j] += wt * pi[j] / s * (v[j] - pv);
                }
            }
            return 0;
        });
        for (int j = 0; j < items; j++) hv[j] += 2 * alpha * v[j];
    }

    /** The Hessian's diagonal, sum over choices of weight p_j (1 - p_j), plus 2 alpha: CG's Jacobi preconditioner. */
    void hessianDiagonal(double[] pi, double[] sums, double alpha, double[] diag) {
        pass(diag, (from, to, acc) -> {
            for (int c = from; c < to; c++) {
                double wt = w(c);
                if (wt == 0) continue;
                int a = chosen[c];
                double s = sums[c];
                double pa = pi[a] / s;
                acc[a] += wt * pa * (1 - pa);
                if (pairwise) {
                    acc[members[c]] += wt * pa * (1 - pa);
                    continue;
                }
                for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) {
                    double pj = pi[members[o]] / s;
                    acc[members[o]] += wt * pj * (1 - pj);
                }
            }
            return 0;
        });
        for (int j = 0; j < items; j++) diag[j] += 2 * alpha;
    }

    /** One step of the embedded chain of iterative LSR: next_w = sum over choices of w of weight / s_c * sum over losers of ratio_l. */
    void inflow(double[] sums, double[] ratio, double[] next) {
        pass(next, (from, to, acc) -> {
            for (int c = from; c < to; c++) {
                double wt = w(c);
                if (wt == 0) continue;
                double in;
                if (pairwise) {
                    in = ratio[members[c]];
                } else {
                    in = 0;
                    for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) in += ratio[members[o]];
                }
                acc[chosen[c]] += wt / sums[c] * in;
            }
            return 0;
        });
    }

    /** out_j = sum over choices where j was not chosen of weight / s_c: the rate at which j moves away; keeps s_c. */
    void lossRates(double[] pi, double[] out, double[] sums) {
        pass(out, (from, to, acc) -> {
            for (int c = from; c < to; c++) {
                int a = chosen[c];
                double wt = w(c);
                if (pairwise) {
                    double s = pi[a] + pi[members[c]];
                    sums[c] = s;
                    acc[members[c]] += wt / s;
                    continue;
                }
                double s = pi[a];
                for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) s += pi[members[o]];
                sums[c] = s;
                double v = wt / s;
                for (int o = offsets[c], e = offsets[c + 1]; o < e; o++) acc[members[o]] += v;
            }
            return 0;
        });
    }
}
