package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.charter.core.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every abcvoting instance in ../shared/data/abcvoting: each listed computation of a rule we implement. */
class AbcvotingInstancesTest {
    static List<Path> instances() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.path("abcvoting"))) {
            return s.filter(f -> f.toString().endsWith(".abc.yaml")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyListedComputationMatches() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        List<Path> files = instances();
        assertThat(files).hasSize(3);
        int checked = 0;
        for (Path f : files) {
            AbcYaml.Instance inst;
            try (var r = Files.newBufferedReader(f)) {
                inst = AbcYaml.read(r, f.getFileName().toString());
            }
            for (var c : inst.compute()) {
                var rule = CommitteeRules.fromAbcvoting(c.ruleId());
                if (rule.isEmpty() || c.result().isEmpty()) continue;
                boolean resolute = c.resolute().orElse(false);
                List<Committee> expected = c.result().get();
                checked++;
                tests.add(DynamicTest.dynamicTest(f.getFileName() + " " + c.ruleId() + (resolute ? " resolute" : " irresolute"), () -> {
                    var result = CommitteeRules.compute(rule.get(), inst.profile(), inst.committeeSize(), resolute);
                    if (resolute) {
                        assertThat(result.committees()).hasSize(1);
                        assertThat(expected).contains(result.committees().get(0));
                    } else {
                        assertThat(result.committees()).containsExactlyElementsOf(expected.stream().sorted().toList());
                    }
                }));
            }
        }
        // the two full instances list 2 x 12 computations of our rules (greedy-monroe resolute only) + equal-shares
        assertThat(checked).isGreaterThanOrEqualTo(40);
        return tests;
    }
}
