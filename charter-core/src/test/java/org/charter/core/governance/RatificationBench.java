package org.charter.core.governance;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.core.charter.Charter;
import org.charter.core.math.Rational;

/**
 * Timings for NOTES-gov.md (not a test: run by hand): one ratification of a synthetic assembly (participants in four
 * groups, each voting on 60% of the statements, agreeing with a probability that depends on group and statement;
 * seed 7) by the consensus threshold and by a seq-Phragmén slate, first call and median of {@code repeat} calls.
 *
 * <pre>
 * java -cp charter-core/target/classes:charter-core/target/test-classes:JACKSON_AND_SNAKEYAML_JARS org.charter.core.governance.RatificationBench [participants statements k repeat]
 * </pre>
 */
public final class RatificationBench {
    private RatificationBench() { }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Random rnd = new Random(7);
        double[][] agreeByGroup = new double[4][m];
        for (double[] row : agreeByGroup) for (int t = 0; t < m; t++) row[t] = rnd.nextDouble();
        Map<Integer, Map<Integer, VoteValue>> cells = new TreeMap<>();
        Map<Integer, Integer> groupOf = new HashMap<>();
        long votes = 0;
        for (int p = 0; p < n; p++) {
            int g = p % 4;
            groupOf.put(p, g);
            Map<Integer, VoteValue> row = new HashMap<>();
            for (int t = 0; t < m; t++) {
                if (rnd.nextDouble() >= 0.6) continue;
                double u = rnd.nextDouble();
                row.put(t, u < agreeByGroup[g][t] ? VoteValue.AGREE : u < agreeByGroup[g][t] + 0.1 ? VoteValue.PASS : VoteValue.DISAGREE);
                votes++;
            }
            cells.put(p, row);
        }
        Map<Integer, String> texts = new TreeMap<>();
        for (int t = 0; t < m; t++) texts.put(t, "Statement " + t);
        var input = new Ratification.Input("bench", texts, groupOf, VoteMatrix.of(cells));
        Charter base = Ratification.empty("bench", "1");
        var settings = Ratification.Settings.community("2", LocalDate.EPOCH);
        System.out.printf("RatificationBench: %d participants x %d statements, %d votes, 4 groups; first call, then median of %d; %d cores, Java %s%n",
                n, m, votes, repeat, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (RatificationRule rule : List.of(new RatificationRule.ConsensusThreshold(Rational.of(1, 20)), new RatificationRule.CommitteeSlate("seq-phragmen", k),
                new RatificationRule.CommitteeSlate("equal-shares", k))) {
            long t0 = System.nanoTime();
            var r = Ratification.ratify(base, base, input, rule, settings, List.of());
            double cold = (System.nanoTime() - t0) / 1e6;
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long s = System.nanoTime();
                Ratification.ratify(base, base, input, rule, settings, List.of());
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("  %-36s %3d clauses  first %8.1f ms  median %8.1f ms%n", rule.describe(), r.charter().clauses().size(), cold, ms[repeat / 2]);
        }
    }
}
