package org.charter.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.SharedData;
import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterReader;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;
import org.charter.core.math.Rational;
import org.charter.core.opinion.OpinionMap;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of ratification, each expected outcome derived by hand in the comments.
 */
class RatificationTest {
    static final LocalDate DAY = LocalDate.parse("2026-11-28");
    static final VoteValue A = VoteValue.AGREE, D = VoteValue.DISAGREE, P = VoteValue.PASS;

    static VoteMatrix votes(VoteValue[][] rows) {
        Map<Integer, Map<Integer, VoteValue>> cells = new TreeMap<>();
        for (int pid = 0; pid < rows.length; pid++) {
            Map<Integer, VoteValue> row = new HashMap<>();
            for (int tid = 0; tid < rows[pid].length; tid++) if (rows[pid][tid] != null) row.put(tid, rows[pid][tid]);
            cells.put(pid, row);
        }
        return VoteMatrix.of(cells);
    }

    /**
     * Two groups of two: group 0 = {p0, p1}, group 1 = {p2, p3}.
     * s0 all agree:                      (2+1)/(2+2) * (2+1)/(2+2) = 3/4 * 3/4 = 9/16
     * s1 group 0 agrees, group 1 not:    3/4 * (0+1)/(2+2)          = 3/16
     * s2 p0 agrees, p1 passes; g1 agrees: (1+1)/(2+2) * 3/4          = 3/8
     */
    static Ratification.Input twoGroups() {
        VoteMatrix m = votes(new VoteValue[][] {{A, A, A}, {A, A, P}, {A, D, A}, {A, D, A}});
        return new Ratification.Input("helpdesk", Map.of(0, "Cite your sources.", 1, "Answer in the local dialect.", 2, "Say when you are unsure."),
                Map.of(0, 0, 1, 0, 2, 1, 3, 1), m);
    }

    static Charter base() {
        return Ratification.empty("helpdesk-charter", "1");
    }

    @Test
    void consensusThreshold_half_takesOnlyTheStatementEveryGroupAgreesWith() {
        var r = Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.ConsensusThreshold(Rational.of(1, 2)),
                Ratification.Settings.community("2", DAY), List.of());
        assertThat(r.supports()).extracting(Ratification.Support::consensus)
                .containsExactly(Rational.of(9, 16), Rational.of(3, 16), Rational.of(3, 8));
        assertThat(r.chosen()).containsExactly(0);
        assertThat(r.charter().clauses()).extracting(c -> c.id()).containsExactly("helpdesk-s0");
        var p = r.charter().clauses().get(0).provenance().orElseThrow();
        assertThat(p.rule()).contains("group-aware consensus >= 1/2");
        assertThat(p.supportByGroup()).containsEntry("0", Rational.ONE).containsEntry("1", Rational.ONE);
        assertThat(p.statements()).containsExactly("0");
        assertThat(r.diff().clausesAdded()).containsExactly("helpdesk-s0");
        assertThat(r.charter().version()).isEqualTo("2");
        // the new version reads back as itself
        assertThat(CharterReader.read(CanonicalForm.toYaml(r.charter()), "v2.yaml")).isEqualTo(r.charter());
    }

    @Test
    void consensusThreshold_isInclusive_threeEighthsTakesS0AndS2() {
        var r = Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.ConsensusThreshold(Rational.of(3, 8)),
                Ratification.Settings.community("2", DAY), List.of());
        assertThat(r.chosen()).containsExactly(0, 2);
        var s2 = r.supports().get(2);
        assertThat(s2.byGroup().get("0")).isEqualTo(new Ratification.Tally(1, 0, 1));
        assertThat(s2.byGroup().get("1")).isEqualTo(new Ratification.Tally(2, 0, 0));
        assertThat(s2.overall().agreeShare()).isEqualTo(Rational.of(3, 4));
        assertThat(r.toText()).contains("+ s2  consensus 3/8").contains("group 0 1/0/1");
    }

    /**
     * A second ratification replaces the assembly's clauses: from v2 = {s0, s2} at threshold 1/2 only s0 remains
     * (s2 removed); a clause from elsewhere stays.
     */
    @Test
    void reratification_replacesTheAssemblysClauses_keepsOthers() throws Exception {
        Charter city = CharterReader.read(Files.readString(SharedData.root().resolve("examples/charters/city-helpdesk.yaml")), "city.yaml");
        var input = new Ratification.Input("helpdesk", twoGroups().statements(), twoGroups().groupOf(), twoGroups().votes());
        var v4 = Ratification.ratify(city, city, input, new RatificationRule.ConsensusThreshold(Rational.of(3, 8)),
                Ratification.Settings.community("4", DAY), List.of()).charter();
        var v5 = Ratification.ratify(v4, v4, input, new RatificationRule.ConsensusThreshold(Rational.of(1, 2)),
                Ratification.Settings.community("5", DAY), List.of());
        assertThat(v5.diff().clausesRemoved()).containsExactly("helpdesk-s2");
        assertThat(v5.diff().clausesAdded()).isEmpty();
        assertThat(v5.charter().clauses()).hasSize(city.clauses().size() + 1);
        assertThat(v5.charter().clauses().subList(0, city.clauses().size())).isEqualTo(city.clauses());
    }

    /**
     * Five participants: p0..p2 agree with s0 and s1 and disagree with s2; p3, p4 agree with s2 only.
     * Approval voting (k=2) takes s0, s1 (3 approvals each against 2).
     * PAV: {s0,s1} scores 3 * (1 + 1/2) = 9/2, {s0,s2} scores 3 + 2 = 5: PAV takes s0 and s2.
     * seq-Phragmén: round 1, s0 and s1 cost 1/3 each against s2's 1/2, tie broken by lowest index: s0; round 2,
     * s1 would put its 3 voters at (1 + 3 * 1/3) / 3 = 2/3, s2 its 2 voters at 1/2: s2. Slate {s0, s2}.
     */
    @Test
    void committeeSlate_pavAndPhragmenGiveTheMinorityASeat_avDoesNot() {
        VoteMatrix m = votes(new VoteValue[][] {{A, A, D}, {A, A, D}, {A, A, D}, {D, D, A}, {D, D, A}});
        var input = new Ratification.Input("helpdesk", Map.of(0, "a", 1, "b", 2, "c"), Map.of(), m);
        var settings = Ratification.Settings.community("2", DAY);
        assertThat(Ratification.ratify(base(), base(), input, new RatificationRule.CommitteeSlate("av", 2), settings, List.of()).chosen())
                .containsExactly(0, 1);
        var pav = Ratification.ratify(base(), base(), input, new RatificationRule.CommitteeSlate("pav", 2), settings, List.of());
        assertThat(pav.chosen()).containsExactly(0, 2);
        assertThat(pav.committee().explanation().optimalScore()).isEqualTo("5");
        var phragmen = Ratification.ratify(base(), base(), input, new RatificationRule.CommitteeSlate("seq-phragmen", 2), settings, List.of());
        assertThat(phragmen.chosen()).containsExactly(0, 2);
        assertThat(phragmen.committee().explanation().rounds()).hasSize(2);
        assertThat(phragmen.committee().explanation().rounds().get(1).values()).containsEntry("s1", "2/3").containsEntry("s2", "1/2");
        assertThat(phragmen.charter().clauses().get(1).provenance().orElseThrow().rule()).contains("seq-phragmen slate of 2");
        // without groups every voter is in the one group "all": s2 has 2 agrees of 5
        assertThat(phragmen.supports().get(2).byGroup()).containsOnlyKeys("all");
        assertThat(phragmen.supports().get(2).overall().agreeShare()).isEqualTo(Rational.of(2, 5));
    }

    @Test
    void osccai_takesTheMapsCandidates() {
        var cand = new OpinionMap.ConstitutionCandidate(2, 0.9, 0.85, Map.of(0, 0.7, 1, 0.9));
        var r = Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.OsccaiCandidates(List.of(cand)),
                Ratification.Settings.community("2", DAY), List.of());
        assertThat(r.chosen()).containsExactly(2);
        assertThat(r.supports().get(2).osccaiScore()).isEqualTo(0.9);
        assertThat(r.rule()).contains("0.8500");
    }

    @Test
    void aRuledCase_becomesAPrecedentOfTheSameVersion() {
        var c = new OpenCase("c1", OpenCase.Kind.GAP, Instant.parse("2026-11-28T00:00:00Z"), "helpdesk-charter", "1", "sha256:x", Map.of(),
                "May I bring my dog?", List.of("Yes.", "Only guide dogs."), "ask", List.of(), List.of(), List.of());
        var verdicts = List.of(
                Panel.Verdict.on(c, base(), 1, null, Precedent.Ruling.COMPLIES, List.of(), "Assistance dogs only.", "alice", DAY),
                Panel.Verdict.on(c, base(), 1, null, Precedent.Ruling.COMPLIES, List.of(), "As the rules say.", "bob", DAY),
                Panel.Verdict.on(c, base(), 0, null, Precedent.Ruling.COMPLIES, List.of(), "Dogs are fine.", "carol", DAY));
        var outcome = Panel.outcome(Panel.Rule.parse("majority:3"), verdicts);
        assertThat(outcome.decided()).isTrue();
        assertThat(outcome.explain()).startsWith("2 of 3 rulings agree (alice, bob)");
        var ruling = outcome.ruling().orElseThrow();
        OpenCase ruled = c.rule(base(), ruling.candidate(), ruling.response(), ruling.ruling(), ruling.clauses(), ruling.rationale(),
                ruling.decidedBy(), ruling.date());
        var r = Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.ConsensusThreshold(Rational.of(1, 2)),
                Ratification.Settings.community("2", DAY), List.of(ruled));
        assertThat(r.precedentsAdded()).containsExactly("case-c1-1");
        assertThat(r.diff().precedentsAdded()).containsExactly("case-c1-1");
        assertThat(r.charter().precedents().get(0).response()).isEqualTo("Only guide dogs.");
        assertThat(r.charter().precedents().get(0).decidedBy()).isEqualTo("panel (2 of 3: alice, bob)");
        var only = Ratification.precedents(base(), base(), List.of(ruled), "2");
        assertThat(only.charter().clauses()).isEmpty();
        assertThat(only.precedentsAdded()).containsExactly("case-c1-1");
    }

    @Test
    void panel_withoutMajorityOrQuorum_isUndecided() {
        var c = new OpenCase("c2", OpenCase.Kind.GAP, Instant.parse("2026-11-28T00:00:00Z"), "x", "1", "sha256:x", Map.of(),
                "?", List.of("a", "b"), "ask", List.of(), List.of(), List.of());
        var v1 = new Panel.Verdict(0, "a", Precedent.Ruling.COMPLIES, List.of(), "r", "p1", DAY);
        var v2 = new Panel.Verdict(1, "b", Precedent.Ruling.COMPLIES, List.of(), "r", "p2", DAY);
        assertThat(Panel.outcome(new Panel.Rule(3), List.of(v1)).decided()).isFalse();
        assertThat(Panel.outcome(new Panel.Rule(1), List.of(v1, v2)).decided()).as("1 of 2 is no strict majority").isFalse();
        assertThat(Panel.outcome(new Panel.Rule(1), List.of(v1)).decided()).isTrue();
        assertThatThrownBy(() -> Panel.outcome(new Panel.Rule(1), List.of(v1, v1))).hasMessageContaining("ruled twice");
        assertThatThrownBy(() -> Panel.Rule.parse("most")).hasMessageContaining("majority:N");
        assertThat(c.open()).isTrue();
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> new RatificationRule.ConsensusThreshold(Rational.ZERO)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new RatificationRule.CommitteeSlate("nope", 2)).hasMessageContaining("unknown committee rule 'nope'");
        assertThatThrownBy(() -> Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.CommitteeSlate("pav", 4),
                Ratification.Settings.community("2", DAY), List.of())).hasMessageContaining("slate of 4 from 3");
        assertThatThrownBy(() -> new Ratification.Input("bad name", Map.of(), Map.of(), votes(new VoteValue[0][]))).hasMessageContaining("assembly name");
        assertThatThrownBy(() -> Ratification.ratify(base(), base(), twoGroups(), new RatificationRule.ConsensusThreshold(Rational.ONE),
                new Ratification.Settings("2", "nobody", org.charter.core.charter.ClauseKind.NORM, org.charter.core.charter.OverridePolicy.EXPLICIT, DAY),
                List.of())).hasMessageContaining("authority 'nobody' is not a party");
        assertThat(RatificationRule.KINDS).extracting(RatificationRule.Kind::id).containsExactly("consensus", "osccai", "committee");
    }

    @Test
    void caseJson_roundTrips() {
        var c = new OpenCase("c9", OpenCase.Kind.CONFLICT, Instant.parse("2026-11-28T00:00:00Z"), "x", "1", "sha256:x", Map.of("channel", "sms"),
                "?", List.of("a"), "escalate", List.of("r"), List.of(new OpenCase.Risk(0, "k", 0.5)), List.of());
        assertThat(CaseJson.readCase(CaseJson.write(c), "t")).isEqualTo(c);
        var v = new Panel.Verdict(0, "a", Precedent.Ruling.VIOLATES, List.of("k"), "r", "p1", DAY);
        assertThat(CaseJson.readVerdict(CaseJson.write(v), "t")).isEqualTo(v);
        assertThatThrownBy(() -> CaseJson.readCase("{}", "file.json")).hasMessageStartingWith("file.json: not a case");
    }
}
