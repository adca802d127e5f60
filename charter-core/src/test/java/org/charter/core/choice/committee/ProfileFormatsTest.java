package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Readers and writers of approval profiles: abcvoting YAML, PrefLib .cat, Charter JSON; errors name file and place. */
class ProfileFormatsTest {
    static final String CAT = """
            # FILE NAME: tiny.cat
            # TITLE: A tiny categorical election
            # DESCRIPTION:
            # DATA TYPE: cat
            # MODIFICATION TYPE: synthetic
            # RELATES TO:
            # RELATED FILES:
            # PUBLICATION DATE: 2026-11-28
            # MODIFICATION DATE: 2026-11-28
            # NUMBER ALTERNATIVES: 4
            # NUMBER VOTERS: 5
            # NUMBER UNIQUE PREFERENCES: 3
            # NUMBER CATEGORIES: 2
            # CATEGORY NAME 1: Yes
            # CATEGORY NAME 2: No
            # ALTERNATIVE NAME 1: Alice
            # ALTERNATIVE NAME 2: Bob
            # ALTERNATIVE NAME 3: Carol
            # ALTERNATIVE NAME 4: Dave
            2: {1,2},{3,4}
            2: {3},{1,2,4}
            1: {},{1,2,3,4}
            """;

    @Test
    void preflibCat_firstCategoryIsApproved() {
        var p = PreflibCat.read(new StringReader(CAT), "tiny.cat");
        assertThat(p.names()).containsExactly("Alice", "Bob", "Carol", "Dave");
        assertThat(p.numVoters()).isEqualTo(5);
        assertThat(p.approvedList(0)).containsExactly(0, 1);
        assertThat(p.approvedList(2)).containsExactly(2);
        assertThat(p.approvedList(4)).isEmpty();
    }

    @Test
    void preflibCat_errorsNameFileAndLine() {
        assertThatThrownBy(() -> PreflibCat.read(new StringReader(CAT.replace("2: {3},{1,2,4}", "2: {3},{1,2,9}")), "tiny.cat"))
                .isInstanceOf(ProfileFormatException.class).hasMessage("tiny.cat:21: unknown alternative 9 (NUMBER ALTERNATIVES: 4)");
        assertThatThrownBy(() -> PreflibCat.read(new StringReader(CAT.replace("2: {3},{1,2,4}", "2: {3},{1,3,4}")), "tiny.cat"))
                .hasMessage("tiny.cat:21: alternative 3 appears twice");
        assertThatThrownBy(() -> PreflibCat.read(new StringReader(CAT.replace("# NUMBER VOTERS: 5", "# NUMBER VOTERS: 6")), "tiny.cat"))
                .hasMessage("tiny.cat:11: NUMBER VOTERS is 6 but the lines count 5 voters");
        assertThatThrownBy(() -> PreflibCat.read(new StringReader(CAT.replace("1: {},{1,2,3,4}", "1: {1,2,3,4}")), "tiny.cat"))
                .hasMessage("tiny.cat:22: 1 categories, the header says NUMBER CATEGORIES: 2");
    }

    @Test
    void abcYaml_readsWeightsAndExpectedResults_andNamesTheBadField() {
        String yaml = """
                profile: [[0, 1], [2]]
                num_cand: 3
                committeesize: 1
                voter_weights: [2, 0.5]
                compute:
                - rule_id: av
                  resolute: false
                  result: [[0], [1]]
                """;
        var inst = AbcYaml.read(new StringReader(yaml), "w.abc.yaml");
        assertThat(inst.profile().weights()).containsExactly(Rational.of(2), Rational.of(1, 2));
        assertThat(inst.compute().get(0).result().orElseThrow()).containsExactly(Committee.of(0), Committee.of(1));
        assertThat(CommitteeRules.compute(CommitteeRules.find("av").orElseThrow(), inst.profile(), 1, false).committees())
                .containsExactly(Committee.of(0), Committee.of(1));
        assertThatThrownBy(() -> AbcYaml.read(new StringReader(yaml.replace("[2]]", "[7]]")), "w.abc.yaml"))
                .hasMessage("w.abc.yaml: field 'profile[1][0]' is 7, not a candidate 0..2");
        assertThatThrownBy(() -> AbcYaml.read(new StringReader(yaml.replace("committeesize: 1\n", "")), "w.abc.yaml"))
                .hasMessage("w.abc.yaml: field 'committeesize' is missing");
        assertThatThrownBy(() -> AbcYaml.read(new StringReader(yaml.replace("0.5", "-1")), "w.abc.yaml"))
                .hasMessage("w.abc.yaml: field 'voter_weights[1]' must be positive, is -1");
    }

    @Test
    void json_readsNamesAndWeights_andNamesTheBadField() {
        var p = ApprovalJson.read(new StringReader("{\"candidates\":[\"x\",\"y\"],\"approvals\":[[0],[0,1]],\"weights\":[1,\"1/3\"]}"), "a.json");
        assertThat(p.names()).containsExactly("x", "y");
        assertThat(p.weight(1)).isEqualTo(Rational.of(1, 3));
        assertThatThrownBy(() -> ApprovalJson.read(new StringReader("{\"candidates\":[\"x\"],\"approvals\":[[0,0]]}"), "a.json"))
                .hasMessage("a.json: field 'approvals[0]' lists candidate 0 twice");
        assertThatThrownBy(() -> ApprovalJson.read(new StringReader("{\"candidates\":2,\"approvals\":[[0],[\"b\"]]}"), "a.json"))
                .hasMessage("a.json: field 'approvals[1][0]' is \"b\", not a candidate 0..1");
    }

    @Property(tries = 100)
    void json_writeThenReadIsTheSameProfile(@ForAll long seed) {
        var p = CommitteeProperties.randomProfile(seed);
        var weights = new java.util.ArrayList<Rational>();
        for (int v = 0; v < p.numVoters(); v++) weights.add(Rational.of(1 + Math.floorMod(seed + v, 3), 1 + Math.floorMod(seed >>> 3, 2)));
        var names = new java.util.ArrayList<String>();
        for (int c = 0; c < p.numCandidates(); c++) names.add("cand " + c);
        var q = new ApprovalProfile(names, java.util.stream.IntStream.range(0, p.numVoters()).mapToObj(p::approvedList).toList(), weights);
        for (ApprovalProfile r : List.of(p, q)) assertThat(ApprovalJson.read(new StringReader(ApprovalJson.write(r)), "x.json")).isEqualTo(r);
    }
}
