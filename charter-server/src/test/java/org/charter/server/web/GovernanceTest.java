package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;
import org.charter.core.governance.Panel;
import org.charter.core.governance.RatificationRule;
import org.charter.core.math.Rational;
import org.charter.store.AssemblyStore;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.ConflictException;
import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.junit.jupiter.api.Test;

/** Ratifying a stored assembly into stored charter versions, and a case decided by its panel, without the pages. */
class GovernanceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    /** Four participants, no opinion map (no groups): s0 agreed by all four, s1 by one, s2 rejected by the moderator. */
    static long assembly(AssemblyStore store) {
        var a = store.createAssembly("Helpdesk", "How should it answer?", AssemblySettings.DEFAULT);
        store.addStatement(a.id(), "Cite your sources.", null, false, true, Moderation.ACCEPTED, 2000);
        store.addStatement(a.id(), "Answer in verse.", null, false, true, Moderation.ACCEPTED, 2000);
        store.addStatement(a.id(), "Rejected statement.", null, false, true, Moderation.REJECTED, 2000);
        for (int p = 0; p < 4; p++) {
            store.addParticipant(a.id(), "p" + p, Map.of());
            store.castVote(a.id(), p, 0, VoteValue.AGREE, null);
            store.castVote(a.id(), p, 1, p == 0 ? VoteValue.AGREE : VoteValue.DISAGREE, null);
        }
        return a.id();
    }

    @Test
    void previewConfirm_andAStalePreviewIsRefused() {
        try (Database db = TestDatabases.open(StoreKind.SQLITE)) {
            var assemblies = new AssemblyStore(db, CLOCK);
            var gov = new Governance(assemblies, new CharterStore(db, CLOCK), new CaseStore(db, CLOCK), id -> Optional.empty(), CLOCK);
            long id = assembly(assemblies);
            // one group "all": s0 (4+1)/(4+2) = 5/6, s1 (1+1)/(4+2) = 1/3; threshold 1/2 takes s0 only
            RatificationRule rule = Governance.rule("consensus", "0.5", null, null, Optional.empty());
            var p = gov.preview(id, "helpdesk", rule, null);
            assertThat(p.parent()).isEmpty();
            assertThat(p.ratified().supports()).extracting(s -> s.tid()).containsExactly(0, 1); // s2 rejected: not eligible
            assertThat(p.ratified().supports().get(0).consensus()).isEqualTo(Rational.of(5, 6));
            assertThat(p.ratified().diff().clausesAdded()).containsExactly("assembly-" + id + "-s0");
            var v1 = gov.confirm(id, "helpdesk", rule, null, Optional.empty(), p.hash(), "mod");
            assertThat(v1.number()).isEqualTo(1);
            assertThat(v1.label()).isEqualTo("1");
            assertThat(v1.rule()).contains("group-aware consensus >= 1/2");
            // the same preview confirmed again: the charter moved on
            assertThatThrownBy(() -> gov.confirm(id, "helpdesk", rule, null, Optional.empty(), p.hash(), "mod")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("newer version");
            // votes changed after the preview: refused
            var p2 = gov.preview(id, "helpdesk", Governance.rule("consensus", "1/4", null, null, Optional.empty()), null);
            assertThat(p2.ratified().diff().clausesAdded()).containsExactly("assembly-" + id + "-s1");
            assemblies.castVote(id, 2, 1, VoteValue.AGREE, null); // now s1 has 2 agrees: (2+1)/(4+2) = 1/2
            assertThatThrownBy(() -> gov.confirm(id, "helpdesk", Governance.rule("consensus", "1/4", null, null, Optional.empty()), null,
                    Optional.of(1), p2.hash(), "mod")).isInstanceOf(ConflictException.class).hasMessageContaining("changed since the preview");
            assertThatThrownBy(() -> Governance.rule("consensus", "lots", null, null, Optional.empty())).hasMessageContaining("not a number");
            assertThatThrownBy(() -> Governance.rule("committee", null, "pav", "two", Optional.empty())).hasMessageContaining("whole number");
        }
    }

    @Test
    void aCaseRuledByItsPanel_isAPrecedentOfTheNextRatification() {
        try (Database db = TestDatabases.open(StoreKind.SQLITE)) {
            var assemblies = new AssemblyStore(db, CLOCK);
            var cases = new CaseStore(db, CLOCK);
            var gov = new Governance(assemblies, new CharterStore(db, CLOCK), cases, id -> Optional.empty(), CLOCK);
            long id = assembly(assemblies);
            RatificationRule rule = Governance.rule("consensus", "1/2", null, null, Optional.empty());
            var v1 = gov.confirm(id, "helpdesk", rule, null, Optional.empty(), gov.preview(id, "helpdesk", rule, null).hash(), "mod");
            var c = new OpenCase("c1", OpenCase.Kind.GAP, Instant.parse("2026-11-28T09:00:00Z"), "helpdesk", "1", v1.hash(), Map.of(),
                    "Can I pay in bitcoin?", List.of("Yes.", "No, by card or transfer."), "ask", List.of(), List.of(), List.of());
            cases.importCases(List.of(c), new Panel.Rule(1));
            assertThatThrownBy(() -> gov.rule("c1", 1, null, Precedent.Ruling.COMPLIES, List.of("nope"), "r", "alice")).hasMessageContaining("no clause 'nope'");
            var decided = gov.rule("c1", 1, null, Precedent.Ruling.COMPLIES, List.of("assembly-" + id + "-s0"), "The city takes cards.", "alice");
            assertThat(decided.decided()).isTrue();
            var p = gov.preview(id, "helpdesk", rule, null);
            assertThat(p.ratified().precedentsAdded()).containsExactly("case-c1-1");
            assertThat(gov.confirm(id, "helpdesk", rule, null, Optional.of(1), p.hash(), "mod").charter().precedents()).hasSize(1);
        }
    }
}
