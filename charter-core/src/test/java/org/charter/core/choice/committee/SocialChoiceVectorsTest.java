package org.charter.core.choice.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The committee cases of ../shared/data/vectors/social-choice.json (its abcvoting section): Lackner and Skowron's
 * book, Example 1 (abcvoting's examples/abcbook) and Example 5, with committees and scores.
 */
class SocialChoiceVectorsTest {
    static JsonNode abcvoting() throws IOException {
        return new ObjectMapper().readTree(SharedData.path("vectors/social-choice.json").toFile()).get("abcvoting");
    }

    static JsonNode vector(String id) throws IOException {
        for (JsonNode v : abcvoting()) if (v.get("id").asText().equals(id)) return v;
        throw new AssertionError("no vector " + id);
    }

    /** Parses "3x{a,b},{e}" over candidates named by single letters a, b, ... */
    static ApprovalProfile profile(String text, int m) {
        var names = new ArrayList<String>();
        for (int c = 0; c < m; c++) names.add(Character.toString('a' + c));
        var approvals = new ArrayList<List<Integer>>();
        Matcher mt = Pattern.compile("(?:(\\d+)x)?\\{([a-z,]*)\\}").matcher(text);
        while (mt.find()) {
            int count = mt.group(1) == null ? 1 : Integer.parseInt(mt.group(1));
            var set = new ArrayList<Integer>();
            for (String s : mt.group(2).split(",")) if (!s.isEmpty()) set.add(s.charAt(0) - 'a');
            for (int i = 0; i < count; i++) approvals.add(set);
        }
        return new ApprovalProfile(names, approvals, null);
    }

    static List<Committee> committees(JsonNode list) {
        var out = new ArrayList<Committee>();
        for (JsonNode s : list) out.add(Committee.of(s.asText().chars().map(ch -> ch - 'a').boxed().toList()));
        out.sort(null);
        return out;
    }

    static CommitteeResult run(String rule, ApprovalProfile p, int k, boolean resolute) {
        return CommitteeRules.compute(CommitteeRules.find(rule).orElseThrow(), p, k, resolute);
    }

    @Test
    void lacknerSkowronExample1_everyRuleAndScore() throws IOException {
        JsonNode v = vector("LS_book_example1");
        ApprovalProfile p = profile(v.get("profile").asText(), v.get("num_cand").asInt());
        int k = v.get("k").asInt();
        JsonNode e = v.get("expect");
        assertThat(p.numVoters()).isEqualTo(12);

        assertThat(run("av", p, k, false).committees()).isEqualTo(committees(e.get("av")));
        var cc = run("cc", p, k, false);
        assertThat(cc.committees()).isEqualTo(committees(e.get("cc")));
        assertThat(cc.explanation().optimalScore()).isEqualTo(e.get("cc_score").asText());
        var pav = run("pav", p, k, false);
        assertThat(pav.committees()).isEqualTo(committees(e.get("pav")));
        assertThat(pav.explanation().optimalScore()).isEqualTo(e.get("pav_score").asText());

        var phr = run("seq-phragmen", p, k, false);
        assertThat(phr.committees()).isEqualTo(committees(e.get("seqphragmen")));
        // "(11/32)x3,(55/128)x3,(5/8)x2,55/128,0,0,0": voters' final loads in profile order
        assertThat(run("seq-phragmen", p, k, true).explanation().loads()).containsExactly(
                new CommitteeResult.Share("5/8", "2"), new CommitteeResult.Share("55/128", "4"),
                new CommitteeResult.Share("11/32", "3"), new CommitteeResult.Share("0", "3"));

        var monroe = run("monroe", p, k, false);
        assertThat(monroe.committees()).isEqualTo(committees(e.get("monroe")));
        assertThat(monroe.explanation().optimalScore()).isEqualTo(e.get("monroe_score").asText());
        assertThat(run("greedy-monroe", p, k, true).committees()).isEqualTo(committees(e.get("greedy_monroe")));
        assertThat(run("minimax-phragmen", p, k, false).committees()).isEqualTo(committees(e.get("minimaxphragmen")));

        var mes = run("equal-shares", p, k, false);
        assertThat(mes.committees()).isEqualTo(committees(e.get("equal_shares_phragmen_completion")));
        var mesPath = run("equal-shares", p, k, true).explanation().rounds();
        var phaseOne = mesPath.stream().filter(r -> !r.measure().startsWith("seq-Phragmén completion")).map(CommitteeResult.Round::chosen).toList();
        var expectedPhaseOne = new ArrayList<String>();
        e.get("mes_phase1").forEach(n -> expectedPhaseOne.add(n.asText()));
        assertThat(phaseOne).isEqualTo(expectedPhaseOne);
        assertThat(run("equal-shares-no-completion", p, k, false).committees()).containsExactly(Committee.of(0));
        // abcbook's Equal Shares run on Example 1: phase 1 buys a at price 1/8 per voter (budgets 1/3 each)
        assertThat(mesPath.get(0).values().get("a")).isEqualTo("1/8");
    }

    @Test
    void lacknerSkowronExample5_pavAgainstSeqPav() throws IOException {
        JsonNode v = vector("LS_example5");
        ApprovalProfile p = profile(v.get("profile").asText(), v.get("num_cand").asInt());
        int k = v.get("k").asInt();
        JsonNode e = v.get("expect");
        var pav = run("pav", p, k, false);
        assertThat(pav.committees()).isEqualTo(committees(e.get("pav")));
        assertThat(pav.explanation().optimalScore()).isEqualTo(e.get("pav_score").asText());
        var seq = run("seq-pav", p, k, false);
        assertThat(seq.committees()).isEqualTo(committees(e.get("seqpav")));
        assertThat(seq.explanation().optimalScore()).isEqualTo(e.get("seqpav_score").asText());
        assertThat(run("revseq-pav", p, k, false).committees()).isEqualTo(committees(e.get("revseqpav")));
    }

    /** The sweep over the registry: every rule runs on Example 1 in both modes and its result serialises to JSON. */
    @Test
    void everyRegisteredRule_runsOnExample1_andItsEvidenceSerialises() throws IOException {
        JsonNode v = vector("LS_book_example1");
        ApprovalProfile p = profile(v.get("profile").asText(), v.get("num_cand").asInt());
        var mapper = new ObjectMapper();
        assertThat(CommitteeRules.all()).hasSize(13);
        for (CommitteeRule rule : CommitteeRules.all()) {
            for (boolean resolute : new boolean[] {false, true}) {
                if (!resolute && !rule.supportsIrresolute()) continue;
                CommitteeResult r = CommitteeRules.compute(rule, p, 4, resolute);
                assertThat(r.rule()).isEqualTo(rule.id());
                assertThat(r.committees()).isNotEmpty().isSorted();
                for (Committee w : r.committees()) {
                    assertThat(w.size()).as(rule.id()).isLessThanOrEqualTo(4);
                    if (!rule.id().equals("equal-shares-no-completion")) assertThat(w.size()).as(rule.id()).isEqualTo(4);
                }
                JsonNode json = mapper.readTree(mapper.writeValueAsString(r));
                assertThat(json.get("explanation").get("method").asText()).as(rule.id()).isNotBlank();
                assertThat(json.get("explanation").get("tieBreaking").asText()).as(rule.id()).isNotBlank();
            }
        }
    }
}
