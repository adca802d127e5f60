package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.charter.core.SharedData;
import org.charter.core.math.Rational;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every pref_voting case in ../shared/data/vectors/social-choice.json, with pref_voting's method names mapped to ours. */
class SharedVectorsTest {
    /** pref_voting's method names -> Charter's rule ids (names with no Charter rule are absent). */
    static final Map<String, String> METHODS = Map.ofEntries(Map.entry("instant_runoff", "irv"), Map.entry("plurality", "plurality"),
            Map.entry("borda", "borda"), Map.entry("copeland", "copeland"), Map.entry("minimax", "minimax"),
            Map.entry("beat_path", "schulze"), Map.entry("split_cycle", "split-cycle"), Map.entry("ranked_pairs", "ranked-pairs"),
            Map.entry("kemeny_young", "kemeny-young"), Map.entry("smith_set", "smith-set"), Map.entry("river", "river"),
            Map.entry("stable_voting", "stable-voting"));

    /** The margin-based rules that every "most methods" / "irresolute methods" entry covers. */
    static final List<String> MARGIN_RULES = List.of("minimax", "schulze", "split-cycle", "ranked-pairs", "river", "stable-voting",
            "copeland", "kemeny-young", "smith-set", "schwartz-set", "top-cycle", "uncovered-set", "llull");

    static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        cases = new ObjectMapper().readTree(Files.readString(SharedData.path("vectors/social-choice.json"))).get("pref_voting");
    }

    static JsonNode byId(String id) {
        for (JsonNode c : cases) if (c.get("id").asText().equals(id)) return c;
        throw new AssertionError("no case " + id);
    }

    static Profile profile(JsonNode node) {
        List<int[]> rankings = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        int n = 0;
        for (JsonNode r : node.get("rankings")) {
            int[] o = new int[r.size()];
            for (int i = 0; i < o.length; i++) o[i] = r.get(i).asInt();
            n = Math.max(n, o.length);
            rankings.add(o);
        }
        for (JsonNode c : node.get("counts")) counts.add(c.asLong());
        return Profile.ofRankings(n, rankings, counts);
    }

    static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : a) out.add(x.asInt());
        return out;
    }

    /** Checks every "method": [winners] entry of an object whose profile is given. */
    static void checkExpectations(String caseId, Election e, JsonNode expect) {
        for (var it = expect.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().equals("condorcet_winner")) {
                assertThat(Rules.get("condorcet").apply(e).winners()).as(caseId + " condorcet").containsExactly(f.getValue().asInt());
                continue;
            }
            if (f.getKey().equals("rankings") || f.getKey().equals("counts")) continue;
            String rule = METHODS.get(f.getKey());
            assertThat(rule).as(caseId + ": pref_voting method " + f.getKey() + " has no Charter rule mapped").isNotNull();
            assertThat(Rules.get(rule).apply(e).winners()).as(caseId + " " + rule).isEqualTo(ints(f.getValue()));
        }
    }

    @Test
    void irvCondorcetWinner3c3v() {
        JsonNode c = byId("IRV_condorcet_winner_3c_3v");
        checkExpectations(c.get("id").asText(), Elections.election(profile(c)), c.get("expect"));
    }

    @Test
    void bordaCondorcetWinner3c3v() {
        JsonNode c = byId("Borda_condorcet_winner_3c_3v");
        checkExpectations(c.get("id").asText(), Elections.election(profile(c)), c.get("expect"));
    }

    @Test
    void irvMonotonicity3c9v_liftingZeroMakesZeroLose() {
        JsonNode c = byId("IRV_monotonicity_3c_9v");
        checkExpectations("before", Elections.election(profile(c.get("before"))), c.get("before"));
        checkExpectations("after", Elections.election(profile(c.get("after_lifting_0"))), c.get("after_lifting_0"));
    }

    @Test
    void minimaxSmith4c3v_minimaxLeavesTheSmithSet() {
        JsonNode c = byId("Minimax_smith_4c_3v");
        checkExpectations(c.get("id").asText(), Elections.election(profile(c)), c.get("expect"));
    }

    @Test
    void beatPathParticipation4c4v() {
        JsonNode c = byId("BeatPath_participation_4c_4v");
        checkExpectations("full", Elections.election(profile(c.get("full"))), c.get("full"));
        checkExpectations("abstains", Elections.election(profile(c.get("voter_0321_abstains"))), c.get("voter_0321_abstains"));
    }

    static MarginGraph graph(JsonNode fixture) {
        List<long[]> edges = new ArrayList<>();
        int n = 0;
        for (JsonNode e : fixture.get("margin_edges")) {
            edges.add(new long[] {e.get(0).asLong(), e.get(1).asLong(), e.get(2).asLong()});
            n = Math.max(n, Math.max(e.get(0).asInt(), e.get(1).asInt()) + 1);
        }
        return MarginGraph.ofEdges(n, edges);
    }

    static MarginRule marginRule(String id) {
        return (MarginRule) Rules.get(id);
    }

    @Test
    void marginBasedFixtures_cycle() {
        JsonNode cycle = byId("test_margin_based_methods fixtures").get("cycle");
        MarginGraph g = graph(cycle);
        for (String method : "minimax|split_cycle|beat_path|ranked_pairs|river|stable_voting|loss_trimmer".split("\\|")) {
            String rule = METHODS.get(method);
            if (rule == null) continue; // loss_trimmer: not a Charter rule
            assertThat(marginRule(rule).apply(g).winners()).as(rule).isEqualTo(ints(cycle.get("minimax|split_cycle|beat_path|ranked_pairs|river|stable_voting|loss_trimmer")));
        }
        JsonNode lottery = cycle.get("maximal_lottery_computed_here");
        RuleResult ml = marginRule("maximal-lottery").apply(g);
        for (int i = 0; i < 3; i++) assertThat(ml.lottery().get(i)).isEqualTo(Rational.parse(lottery.get(Integer.toString(i)).asText()));
    }

    @Test
    void marginBasedFixtures_linearMarginGraph() {
        JsonNode lin = byId("test_margin_based_methods fixtures").get("linear_margin_graph_0");
        MarginGraph g = graph(lin);
        for (String rule : MARGIN_RULES) assertThat(marginRule(rule).apply(g).winners()).as(rule).isEqualTo(ints(lin.get("most_methods")));
        MarginGraph restricted = g.restrict(List.of(1, 2));
        for (String rule : MARGIN_RULES) {
            assertThat(marginRule(rule).apply(restricted).winnerNames()).as(rule + " restricted")
                    .containsExactly(ints(lin.get("restricted_to_[1,2]")).stream().map(String::valueOf).toArray(String[]::new));
        }
    }

    @Test
    void marginBasedFixtures_condorcetCycle() {
        JsonNode cc = byId("test_margin_based_methods fixtures").get("condorcet_cycle");
        MarginGraph g = graph(cc);
        // A symmetric three-cycle: every irresolute margin-based rule returns all three.
        for (String rule : MARGIN_RULES) assertThat(marginRule(rule).apply(g).winners()).as(rule).isEqualTo(ints(cc.get("irresolute_methods")));
        int[] order = {0, 1, 2};
        assertThat(((MarginRules.LockingRule) Rules.get("ranked-pairs")).fixedOrder(g, order).winners()).isEqualTo(ints(cc.get("ranked_pairs_tb|river_tb")));
        assertThat(((MarginRules.LockingRule) Rules.get("river")).fixedOrder(g, order).winners()).isEqualTo(ints(cc.get("ranked_pairs_tb|river_tb")));
        assertThat(marginRule("split-cycle").apply(g.restrict(List.of(0, 1))).winnerNames()).containsExactly("0");
    }
}
