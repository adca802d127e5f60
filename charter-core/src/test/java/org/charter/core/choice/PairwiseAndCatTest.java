package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.charter.core.SharedData;
import org.charter.core.choice.committee.AbcYaml;
import org.charter.core.choice.committee.ApprovalProfile;
import org.charter.core.choice.committee.PreflibCat;
import org.junit.jupiter.api.Test;

/** Choices from menus as an election, and PrefLib .cat written and read back. */
class PairwiseAndCatTest {
    static final String COMPARISONS = """
            {"candidates": ["a", "b", "c"], "comparisons": [
              {"menu": ["a", "b"], "choice": "a", "count": 3},
              {"menu": ["b", "c"], "choice": "b", "count": 2},
              {"menu": ["a", "c"], "choice": "c"},
              {"menu": ["a", "b", "c"], "choice": "a"}]}""";

    @Test
    void choicesFromMenusGiveMarginsForMarginRules() {
        Election e = ProfileJson.read(COMPARISONS, "c.json", Truncation.INCOMPARABLE);
        assertThat(e).isInstanceOf(PairwiseProfile.class);
        MarginGraph m = ((PairwiseProfile) e).margins();
        // a over b: 3 (pair) + 1 (menu of three); b over c: 2; a against c: -1 (pair) + 1 (menu of three) = 0.
        assertThat(m.margin(0, 1)).isEqualTo(4);
        assertThat(m.margin(1, 2)).isEqualTo(2);
        assertThat(m.margin(0, 2)).isZero();
        assertThat(Rules.get("copeland").apply(e).winners()).containsExactly(0); // a: +1, b: 0, c: -1
        assertThat(Rules.get("schulze").apply(e).winners()).containsExactly(0); // a reaches c through b
        assertThatThrownBy(() -> Rules.get("irv").apply(e)).isInstanceOf(RuleRefusedException.class)
                .hasMessageContaining("pairwise");
    }

    @Test
    void badComparisonsAreNamed() {
        assertThatThrownBy(() -> ProfileJson.read("{\"candidates\":[\"a\",\"b\"],\"comparisons\":[{\"menu\":[\"a\",\"b\"],\"choice\":\"z\"}]}",
                "c.json", Truncation.INCOMPARABLE)).hasMessageContaining("comparisons[0].choice").hasMessageContaining("unknown candidate");
        assertThatThrownBy(() -> ProfileJson.read("{\"candidates\":[\"a\",\"b\",\"c\"],\"comparisons\":[{\"menu\":[\"a\",\"b\"],\"choice\":\"c\"}]}",
                "c.json", Truncation.INCOMPARABLE)).hasMessageContaining("is not on the menu");
    }

    @Test
    void catWrittenThenReadKeepsEveryBallot() throws Exception {
        var instance = AbcYaml.read(java.nio.file.Files.newBufferedReader(SharedData.path("abcvoting/instanceS0000.abc.yaml")),
                "instanceS0000.abc.yaml");
        ApprovalProfile profile = instance.profile();
        String cat = PreflibCat.write(profile, "instanceS0000");
        assertThat(cat).contains("# DATA TYPE: cat", "# NUMBER CATEGORIES: 2", "# NUMBER VOTERS: " + profile.numVoters());
        ApprovalProfile back = PreflibCat.read(new StringReader(cat), "written.cat");
        assertThat(sorted(back)).isEqualTo(sorted(profile));
        assertThat(back.names()).isEqualTo(profile.names());
    }

    private static List<List<Integer>> sorted(ApprovalProfile p) {
        var out = new ArrayList<List<Integer>>();
        for (int v = 0; v < p.numVoters(); v++) out.add(p.approvedList(v));
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }
}
