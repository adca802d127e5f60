package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.charter.core.SharedData;
import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.ModelSpecImporter;
import org.charter.core.judge.ClauseJudgement;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.Judge;
import org.charter.core.judge.JudgePanel;
import org.charter.core.judge.Judgement;
import org.charter.core.judge.VerdictDistribution;
import org.junit.jupiter.api.Test;

/**
 * The panel's own cost: a panel of the embedding judge and a scripted in-memory judge over the Model Spec, timed per
 * call, minus the time spent inside the two judges (each wrapped in a stopwatch). Prints the figures in NOTES-judges.md.
 */
class JudgePanelOverheadTest {
    /** Adds the time spent in the wrapped judge to a counter. */
    record Timed(Judge inner, AtomicLong nanos) implements Judge {
        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Judgement judge(String prompt, String response, List<Clause> clauses) {
            long t0 = System.nanoTime();
            try {
                return inner.judge(prompt, response, clauses);
            } finally {
                nanos.addAndGet(System.nanoTime() - t0);
            }
        }
    }

    record Scripted(String id) implements Judge {
        @Override
        public Judgement judge(String prompt, String response, List<Clause> clauses) {
            return new Judgement(id, clauses.stream().map(c -> ClauseJudgement.of(c.id(), new VerdictDistribution(0.6, 0.3, 0.1), "scripted", "")).toList());
        }
    }

    @Test
    void panelOverheadExcludingTheJudgesOwnTime() throws Exception {
        Charter spec = ModelSpecImporter.importSpec(Files.readString(SharedData.path("model-spec/model_spec.md")), "model_spec.md", "2025-12-18").charter();
        AtomicLong inside = new AtomicLong();
        var panel = JudgePanel.equal("panel", List.of(new Timed(EmbeddingJudge.of(spec, new EmbedderEncoder(Embedder.create())), inside),
                new Timed(new Scripted("scripted"), inside)));
        for (int clauses : new int[] {1, spec.clauses().size()}) {
            List<Clause> chosen = spec.clauses().subList(0, clauses);
            int warm = 200, n = 1000;
            long[] overhead = new long[n];
            long[] total = new long[n];
            for (int i = 0; i < warm + n; i++) {
                inside.set(0);
                long t0 = System.nanoTime();
                var r = panel.judgeAll("What is the capital of France?", "Paris." + (i % 10), chosen);
                long t = System.nanoTime() - t0;
                assertThat(r.combined().clauses()).hasSize(clauses);
                if (i >= warm) {
                    overhead[i - warm] = t - inside.get();
                    total[i - warm] = t;
                }
            }
            Arrays.sort(overhead);
            Arrays.sort(total);
            System.out.printf(Locale.ROOT, "panel of 2 judges, %d clauses: overhead p50 %.1f us, p99 %.1f us, mean %.1f us per call (whole call p50 %.1f us)%n",
                    clauses, overhead[n / 2] / 1e3, overhead[(int) (n * 0.99)] / 1e3, Arrays.stream(overhead).average().orElseThrow() / 1e3, total[n / 2] / 1e3);
            // a measurement, printed for BENCHMARKS.md; no time limit is asserted (the machine is shared and noisy)
            assertThat(overhead[n / 2]).isPositive();
        }
    }
}
