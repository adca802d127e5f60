package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every registered rule on every election of a table: it answers (sorted winners, JSON-ready evidence) or refuses with a reason. */
class RegistrySweepTest {
    static Map<String, Election> table() throws IOException {
        Map<String, Election> t = new LinkedHashMap<>();
        for (String f : List.of("00002-00000001.soi", "00002-00000006.toc", "00004-00000006.soc")) {
            Profile p = PrefLib.read(Files.readString(SharedData.path("preflib/" + f)), f).profile();
            for (Truncation tr : Truncation.values()) t.put(f + " " + tr, OrdinalElection.of(p, tr));
        }
        t.put("tennessee", Elections.election(Elections.letters("MNCK", "42 MNCK", "26 NCKM", "15 CKNM", "17 KCNM")));
        t.put("one candidate", Elections.election(new Profile(List.of("only"), List.of(Ballot.linear(new int[] {0}, 3)))));
        t.put("no ballots", Elections.election(new Profile(List.of("a", "b"), List.of())));
        t.put("grades", ProfileJson.read("{\"candidates\":[\"a\",\"b\",\"c\"],\"grades\":[{\"scores\":{\"a\":2,\"b\":1}},{\"scores\":{\"c\":2}}]}", "g.json", Truncation.INCOMPARABLE));
        t.put("approvals", ProfileJson.read("{\"candidates\":[\"a\",\"b\"],\"approvals\":[{\"approved\":[\"b\"]}]}", "a.json", Truncation.INCOMPARABLE));
        return t;
    }

    @Test
    void everyRuleAnswersOrRefusesOnEveryElection() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> refusals = new ArrayList<>();
        for (var entry : table().entrySet()) {
            Election e = entry.getValue();
            for (SingleWinnerRule rule : Rules.all()) {
                String label = rule.id() + " on " + entry.getKey();
                boolean fits = Rules.isOrdinal(rule) ? e instanceof OrdinalElection
                        : rule.id().equals("approval") ? e instanceof ApprovalProfile : e instanceof GradeProfile;
                boolean noBallots = e instanceof OrdinalElection o && o.profile().ballots().isEmpty();
                if (!fits || (noBallots && rule.id().equals("random-dictator"))) {
                    assertThatThrownBy(() -> rule.apply(e)).as(label).isInstanceOf(RuleRefusedException.class)
                            .hasMessageStartingWith(rule.id() + " refuses: ");
                    refusals.add(label);
                    continue;
                }
                RuleResult r = rule.apply(e);
                assertThat(r.rule()).isEqualTo(rule.id());
                assertThat(r.winners()).as(label).isNotEmpty().isSorted().doesNotHaveDuplicates();
                assertThat(r.winners()).contains(r.resoluteWinner());
                assertThat(json.writeValueAsString(r.toJson())).as(label).contains("\"rule\":\"" + rule.id() + "\"");
                assertThat(r.describe()).startsWith(rule.id() + ": ");
                if (e instanceof OrdinalElection o && o.profile().size() == 1) assertThat(r.winners()).as(label).containsExactly(0);
            }
        }
        assertThat(refusals).isNotEmpty();
    }

    @Test
    void everyRuleHasASummaryAndACitation() {
        for (SingleWinnerRule rule : Rules.all()) {
            assertThat(rule.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(rule.summary()).as(rule.id()).isNotBlank().endsWith(".");
            assertThat(rule.citation()).as(rule.id()).matches(".*\\d{4}.*");
            assertThat(Rules.get(rule.id())).isSameAs(rule);
        }
        assertThat(Rules.all()).hasSize(31);
    }
}
