package org.charter.core.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Worked examples computed by hand (the arithmetic is in the comments). */
class CalibrationTest {
    static final double[] P = {0.1, 0.3, 0.35, 0.7, 0.9, 0.95};
    static final boolean[] Y = {false, true, false, true, true, true};

    @Test
    void ece_sixForecastsFiveBins_byHand() {
        // Bins of width 0.2, closed on the right: (0,.2] {.1: 0}; (.2,.4] {.3: 1, .35: 0}; (.6,.8] {.7: 1}; (.8,1] {.9: 1, .95: 1}.
        // gaps .1, |.5 - .325| = .175, .3, |1 - .925| = .075; ECE = (1*.1 + 2*.175 + 1*.3 + 2*.075)/6 = .9/6 = .15.
        Calibration.Report r = Calibration.ofProbabilities(P, Y, 5);
        assertThat(r.reliability()).extracting(Calibration.Bin::index).containsExactly(0, 1, 3, 4);
        assertThat(r.reliability()).extracting(Calibration.Bin::count).containsExactly(1L, 2L, 1L, 2L);
        assertThat(r.reliability().get(1).meanConfidence()).isCloseTo(0.325, within(1e-12));
        assertThat(r.reliability().get(1).accuracy()).isEqualTo(0.5);
        assertThat(r.ece()).isCloseTo(0.15, within(1e-12));
        assertThat(r.mce()).isCloseTo(0.3, within(1e-12));
        // Brier: (.01 + .49 + .1225 + .09 + .01 + .0025)/6 = .725/6.
        assertThat(r.brier()).isCloseTo(0.725 / 6, within(1e-12));
        double logLoss = -(Math.log(0.9) + Math.log(0.3) + Math.log(0.65) + Math.log(0.7) + Math.log(0.9) + Math.log(0.95)) / 6;
        assertThat(r.logLoss()).isCloseTo(logLoss, within(1e-12));
        assertThat(r.toText()).contains("ECE 0.1500", "(0.200,0.400]");
    }

    @Test
    void topLabel_sixForecasts_byHand() {
        // Predicted labels 0,0,0,1,1,1 with confidences .9,.7,.65,.7,.9,.95; correct: yes,no,yes,yes,yes,yes.
        // Bins of 0.2: (.6,.8] {.7 no, .65 yes, .7 yes} conf .6833 acc .6667; (.8,1] {.9, .9, .95} all correct, conf .9167.
        // ECE = (3*|2/3 - 2.05/3| + 3*|1 - 2.75/3|)/6 = (.05/3*3 + .25/3*3)/6 = (.05 + .25)/6 = .05.
        Calibration.Report r = Calibration.topLabel(P, Y, 5);
        assertThat(r.input()).isEqualTo("confidence of the predicted label");
        assertThat(r.ece()).isCloseTo(0.05, within(1e-12));
        // The Brier score and log-loss of a binary forecast do not depend on the form.
        assertThat(r.brier()).isCloseTo(Calibration.brier(P, Y), within(1e-12));
        assertThat(r.logLoss()).isCloseTo(Calibration.logLoss(P, Y), within(1e-12));
    }

    @Test
    void bins_areClosedOnTheRight_andZeroIsInTheFirst() {
        assertThat(Calibration.binOf(0.0, 15)).isZero();
        assertThat(Calibration.binOf(0.2, 5)).isZero();
        assertThat(Calibration.binOf(0.2000001, 5)).isEqualTo(1);
        assertThat(Calibration.binOf(1.0, 15)).isEqualTo(14);
        assertThat(Calibration.DEFAULT_BINS).isEqualTo(15);
    }

    @Test
    void riskCoverage_fiveItemsWithATie_byHand() {
        // Sorted: .9 right; .8 {wrong, right} (tied: half an error each); .6 right; .5 wrong.
        // Risk at k = 1..5: 0, (0 + 1/2)/2 = .25, 1/3, 1/4, 2/5; AURC = (0 + .25 + 1/3 + .25 + .4)/5.
        Calibration.RiskCoverage rc = Calibration.riskCoverage(new double[] {0.9, 0.8, 0.8, 0.6, 0.5},
                new boolean[] {false, true, false, false, true});
        assertThat(rc.aurc()).isCloseTo((0.25 + 1.0 / 3 + 0.25 + 0.4) / 5, within(1e-12));
        // Best order: three right then two wrong: (1/4 + 2/5)/5 = .13.
        assertThat(rc.optimalAurc()).isCloseTo(0.13, within(1e-12));
        assertThat(rc.fullRisk()).isCloseTo(0.4, within(1e-12));
        assertThat(rc.curve()).extracting(Calibration.Point::answered).containsExactly(1, 3, 4, 5);
        assertThat(rc.curve().get(1).risk()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(rc.curve().get(1).coverage()).isCloseTo(0.6, within(1e-12));
        assertThat(rc.curve().get(1).threshold()).isEqualTo(0.8);
    }

    @Test
    void wilson_eightOfTen_matchesPublishedInterval() {
        // Newcombe (1998), Table I: 8/10 -> Wilson 95% interval 0.4902 to 0.9433.
        ProportionInterval w = ProportionInterval.wilson95(8, 10);
        assertThat(w.lower()).isCloseTo(0.4902, within(1e-4));
        assertThat(w.upper()).isCloseTo(0.9433, within(1e-4));
        assertThat(ProportionInterval.wilson95(0, 10).lower()).isZero();
    }

    @Test
    void reports_serialiseToJson() throws Exception {
        var mapper = new ObjectMapper();
        JsonNode r = mapper.readTree(mapper.writeValueAsString(Calibration.ofProbabilities(P, Y, 5)));
        assertThat(r.get("ece").asDouble()).isCloseTo(0.15, within(1e-12));
        assertThat(r.get("reliability")).hasSize(4);
        assertThat(r.get("reliability").get(0).get("accuracy").asDouble()).isZero();
        JsonNode rc = mapper.readTree(mapper.writeValueAsString(Calibration.riskCoverage(new double[] {1, 0}, new boolean[] {false, true})));
        assertThat(rc.get("aurc").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(rc.get("curve")).hasSize(2);
    }

    @Test
    void badInput_isRejectedWithTheIndex() {
        assertThatThrownBy(() -> Calibration.ofProbabilities(new double[] {0.5, 1.5}, new boolean[] {true, false}))
                .hasMessageContaining("probability[1] = 1.5");
        assertThatThrownBy(() -> Calibration.brier(new double[] {0.5}, new boolean[] {true, false})).hasMessageContaining("1 probability values but 2 outcomes");
        assertThatThrownBy(() -> Calibration.ofProbabilities(new double[0], new boolean[0])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Calibration.riskCoverage(new double[] {0.5}, new double[] {2})).hasMessageContaining("loss[0] = 2.0");
        assertThat(List.of(Calibration.ofProbabilities(new double[] {0, 1}, new boolean[] {false, true}).ece())).containsExactly(0.0);
    }
}
