package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.charter.core.SharedData;
import org.charter.core.choice.Ballot;
import org.charter.core.choice.PrefLib;
import org.charter.core.choice.Profile;
import org.charter.core.preference.LuceFitter.Algorithm;
import org.charter.core.preference.LuceFitter.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Luce-model fitting against choix's test cases, closed forms, the Netflix election, and recovery of planted strengths. */
class LuceFitterTest {
    static JsonNode choix() throws IOException {
        return new ObjectMapper().readTree(Files.readString(SharedData.path("vectors/social-choice.json"))).get("choix");
    }

    static JsonNode choixCase(String prefix) throws IOException {
        for (JsonNode c : choix()) if (c.get("id").asText().startsWith(prefix)) return c;
        throw new AssertionError("no choix case " + prefix + " in ../shared/data/vectors/social-choice.json");
    }

    static int[][] rows(JsonNode data) {
        int[][] out = new int[data.size()][];
        for (int r = 0; r < data.size(); r++) {
            out[r] = new int[data.get(r).size()];
            for (int k = 0; k < out[r].length; k++) out[r][k] = data.get(r).get(k).asInt();
        }
        return out;
    }

    /** choix's tolerance: |a - b| <= atol + rtol * |b|. */
    static void assertClose(double[] actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertThat(actual[i]).as("item " + i).isCloseTo(e, within(1e-4 + 1e-5 * Math.abs(e)));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void choixPairwise2_maximumLikelihood(Algorithm algorithm) throws IOException {
        JsonNode c = choixCase("pairwise-2");
        Choices data = Choices.pairwise(c.get("n").asInt(), rows(c.get("data")));
        StrengthFit fit = LuceFitter.fit("bt", data, Options.defaults().with(algorithm));
        assertClose(fit.strengths(), c.get("ml_est"));
        assertThat(fit.converged()).isTrue();
        assertThat(fit.gradientNorm()).isLessThan(1e-6);
        assertThat(fit.notes()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void choixRankings2_plackettLuce(Algorithm algorithm) throws IOException {
        JsonNode c = choixCase("rankings-2");
        Choices data = Choices.rankings(c.get("n").asInt(), rows(c.get("data")));
        assertThat(data.size()).isEqualTo(2 + 2 + 1);
        assertThat(data.observations()).isEqualTo(3);
        StrengthFit fit = LuceFitter.fit("pl", data, Options.defaults().with(algorithm));
        assertClose(fit.strengths(), c.get("ml_est"));
    }

    @Test
    void choixCycles_giveEqualStrengths() throws IOException {
        JsonNode c = choixCase("pairwise-1 / rankings-1 / top1-1");
        // a pure cycle in each form: every item beats the next once
        var pairwise = Choices.pairwise(3, new int[][] {{0, 1}, {1, 2}, {2, 0}});
        var rankings = Choices.rankings(3, new int[][] {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}});
        var top1 = Choices.top1(3, new int[] {0, 1, 2}, new int[][] {{1, 2}, {2, 0}, {0, 1}});
        for (Algorithm a : Algorithm.values()) {
            assertClose(LuceFitter.fit("bt", pairwise, Options.defaults().with(a)).strengths(), c.get("ml_est"));
            assertClose(LuceFitter.fit("pl", rankings, Options.defaults().with(a)).strengths(), c.get("ml_est"));
            assertClose(LuceFitter.fit("top1", top1, Options.defaults().with(a)).strengths(), c.get("ml_est"));
        }
    }

    @Test
    void choixLsrEstimate_isOneSpectralStepFromUniform() throws IOException {
        JsonNode pw = choixCase("pairwise-2");
        var run = LuceFitter.ilsr(Choices.pairwise(3, rows(pw.get("data"))), new double[3], 1e-12, 1, false);
        assertThat(run.iterations()).isEqualTo(1);
        double[] theta = new double[3];
        LuceFitter.ilsr(Choices.pairwise(3, rows(pw.get("data"))), theta, 1e-12, 1, false);
        assertClose(theta, pw.get("lsr_est"));
        JsonNode rk = choixCase("rankings-2");
        double[] t2 = new double[4];
        LuceFitter.ilsr(Choices.rankings(4, rows(rk.get("data"))), t2, 1e-12, 1, false);
        assertClose(t2, rk.get("lsr_est"));
    }

    @Test
    void twoItems_closedFormStrengthsAndStandardErrors() {
        // 7 wins against 3: theta_0 - theta_1 = ln(7/3); Var(diff) = 1 / (N p (1 - p)) with p = 0.7, N = 10
        int[][] pairs = new int[10][];
        for (int k = 0; k < 10; k++) pairs[k] = k < 7 ? new int[] {0, 1} : new int[] {1, 0};
        StrengthFit fit = LuceFitter.fit("bt", Choices.pairwise(2, pairs), Options.defaults().with(Algorithm.NEWTON));
        assertThat(fit.strength(0) - fit.strength(1)).isCloseTo(Math.log(7.0 / 3.0), within(1e-9));
        double seDiff = Math.sqrt(1 / (10 * 0.7 * 0.3));
        assertThat(fit.stderr()[0]).isCloseTo(seDiff / 2, within(1e-9));
        assertThat(fit.stderr()[1]).isCloseTo(seDiff / 2, within(1e-9));
        assertThat(fit.logLikelihood()).isCloseTo(7 * Math.log(0.7) + 3 * Math.log(0.3), within(1e-9));
        assertThat(fit.probability(0, 1)).isCloseTo(0.7, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"MM", "NEWTON"})
    void penalty_matchesTheStationaryConditionOfChoixsObjective(Algorithm algorithm) {
        // a chain with a never-winning item: only the penalised objective has a minimum; its gradient must vanish
        var data = Choices.pairwise(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {0, 2}, {1, 0}, {2, 1}});
        StrengthFit fit = LuceFitter.fit("bt", data, Options.defaults().with(algorithm).withAlpha(0.5).withTolerance(1e-12));
        assertThat(fit.gradientNorm()).isLessThan(1e-8);
        assertThat(fit.alpha()).isEqualTo(0.5);
        assertThat(fit.notes()).isEmpty();
        double objective = 0.5 * sumSquares(fit.strengths()) - LuceFitter.logLikelihood(data, fit.strengths());
        assertThat(fit.objective()).isCloseTo(objective, within(1e-12));
        // nudging any strength raises the objective
        for (int j = 0; j < 4; j++) {
            double[] t = fit.strengths();
            t[j] += 1e-3;
            assertThat(0.5 * sumSquares(t) - LuceFitter.logLikelihood(data, t)).isGreaterThan(objective);
        }
    }

    @Test
    void noWins_isRegularisedAndSaidSo_neverNaN() {
        // item 3 never wins: the maximum-likelihood estimate would send it to minus infinity
        var data = Choices.pairwise(4, new int[][] {{0, 1}, {1, 2}, {2, 0}, {0, 3}, {1, 3}});
        for (Algorithm a : Algorithm.values()) {
            StrengthFit fit = LuceFitter.fit("bt", List.of("a", "b", "c", "d"), data, Options.defaults().with(a));
            assertThat(fit.alpha()).isEqualTo(LuceFitter.AUTOMATIC_ALPHA);
            assertThat(fit.notes().get(0)).contains("item \"d\" is never chosen").contains("alpha = 0.01");
            assertThat(java.util.Arrays.stream(fit.strengths()).allMatch(Double::isFinite)).isTrue();
            assertThat(fit.ranking()[3]).isEqualTo(3);
            assertThat(fit.gradientNorm()).isLessThan(1e-6);
        }
    }

    @Test
    void disconnectedGroups_areDetected() {
        // {0,1} always beat {2,3}, but each pair has its own cycle
        var data = Choices.pairwise(4, new int[][] {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {0, 2}, {1, 3}});
        assertThat(LuceFitter.whyNoMaximumLikelihood(List.of("a", "b", "c", "d"), data)).contains("split into groups");
        var connected = Choices.pairwise(4, new int[][] {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {0, 2}, {3, 1}});
        assertThat(LuceFitter.whyNoMaximumLikelihood(List.of("a", "b", "c", "d"), connected)).isNull();
    }

    @Test
    void ilsrWithPenalty_isRefusedWithAReason() {
        var data = Choices.pairwise(2, new int[][] {{0, 1}, {1, 0}});
        assertThatThrownBy(() -> LuceFitter.fit("bt", data, Options.defaults().with(Algorithm.ILSR).withAlpha(1)))
                .hasMessageContaining("without a penalty");
    }

    /** Bradley-Terry on a complete linear profile ranks as Borda does (each pair is compared by every voter). */
    @Test
    void netflixElection_bradleyTerryRanksAsBorda() throws IOException {
        var path = SharedData.path("preflib/00004-00000006.soc");
        Profile profile = PrefLib.read(Files.readString(path), path.getFileName().toString()).profile();
        int m = profile.candidates().size();
        List<int[]> rankings = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long[] borda = new long[m];
        for (Ballot b : profile.ballots()) {
            int[] order = new int[b.rankedCount()];
            for (int i = 0; i < order.length; i++) order[i] = b.candidateAt(i);
            rankings.add(order);
            counts.add(b.count());
            for (int i = 0; i < order.length; i++) borda[order[i]] += (long) (m - 1 - i) * b.count();
        }
        assertThat(profile.voters()).isEqualTo(940);
        StrengthFit fit = LuceFitter.fit("bt", profile.candidates(), Choices.pairwiseFromRankings(m, rankings, counts), Options.defaults());
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (borda[a] > borda[b]) assertThat(fit.strength(a)).as(profile.candidates().get(a) + " over " + profile.candidates().get(b)).isGreaterThan(fit.strength(b));
            }
        }
        // and the data's own order: X-Files (300 + 269 first places) is strongest
        assertThat(fit.items().get(fit.ranking()[0])).isEqualTo("The X-Files: Season 3");
    }

    @Test
    void recovery_errorFallsAsDataGrows() {
        int n = 30;
        var random = new SplittableRandom(7);
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) truth[i] = random.nextGaussian();
        LuceFitter.centre(truth);
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {500, 5_000, 50_000}) {
            Choices data = Simulate.pairwise(truth, m, new SplittableRandom(m));
            StrengthFit fit = LuceFitter.fit("bt", data, Options.defaults().withStandardErrors(false));
            double rmse = 0;
            for (int i = 0; i < n; i++) rmse += Math.pow(fit.strength(i) - truth[i], 2);
            rmse = Math.sqrt(rmse / n);
            assertThat(rmse).as("RMSE with " + m + " comparisons").isLessThan(previous * 0.6);
            previous = rmse;
        }
        assertThat(previous).isLessThan(0.05);
    }

    @Test
    void algorithmsAgree_andWarmStartNeedsFewerIterations() {
        double[] truth = {1.2, 0.5, 0, -0.3, -1.4, 0.8, -0.8};
        Choices data = Simulate.rankings(truth, 2_000, 4, new SplittableRandom(3));
        StrengthFit mm = LuceFitter.fit("pl", data, Options.defaults());
        StrengthFit ilsr = LuceFitter.fit("pl", data, Options.defaults().with(Algorithm.ILSR));
        StrengthFit newton = LuceFitter.fit("pl", data, Options.defaults().with(Algorithm.NEWTON));
        for (int i = 0; i < truth.length; i++) {
            assertThat(ilsr.strength(i)).isCloseTo(mm.strength(i), within(1e-6));
            assertThat(newton.strength(i)).isCloseTo(mm.strength(i), within(1e-6));
        }
        assertThat(ilsr.iterations()).isLessThan(mm.iterations());
        Choices more = data.append(Simulate.rankings(truth, 20, 4, new SplittableRandom(4)));
        StrengthFit cold = LuceFitter.fit("pl", more, Options.defaults());
        StrengthFit warm = LuceFitter.fit("pl", more, Options.defaults().withInitial(mm.strengths()));
        assertThat(warm.iterations()).isLessThan(cold.iterations());
        for (int i = 0; i < truth.length; i++) assertThat(warm.strength(i)).isCloseTo(cold.strength(i), within(1e-6));
    }

    @Test
    void bootstrap_intervalsCoverTheEstimateAndNarrowWithData() {
        double[] truth = {1, 0, -1};
        Choices small = Simulate.pairwise(truth, 100, new SplittableRandom(1));
        Choices large = Simulate.pairwise(truth, 2_000, new SplittableRandom(2));
        StrengthFit fs = LuceFitter.fit("bt", small, Options.defaults());
        StrengthFit fl = LuceFitter.fit("bt", large, Options.defaults());
        var is = LuceFitter.bootstrap(fs, small, Options.defaults(), 200, 0.95, 11);
        var il = LuceFitter.bootstrap(fl, large, Options.defaults(), 200, 0.95, 11);
        for (int i = 0; i < 3; i++) {
            assertThat(is.lower()[i]).isLessThanOrEqualTo(fs.strength(i));
            assertThat(is.upper()[i]).isGreaterThanOrEqualTo(fs.strength(i));
            assertThat(il.upper()[i] - il.lower()[i]).isLessThan(is.upper()[i] - is.lower()[i]);
            // the percentile interval's width is close to 2 x 1.96 standard errors
            assertThat(il.upper()[i] - il.lower()[i]).isCloseTo(2 * 1.96 * fl.stderr()[i], within(0.3 * 2 * 1.96 * fl.stderr()[i]));
        }
        assertThat(LuceFitter.bootstrap(fs, small, Options.defaults(), 200, 0.95, 11).lower()).containsExactly(is.lower());
    }

    static double sumSquares(double[] t) {
        double s = 0;
        for (double v : t) s += v * v;
        return s;
    }
}
