package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Rulings become precedents of the next version; foreign cases, unknown clauses and bad ids are refused. */
class AdjudicationTest {
    static OpenCase gap(String id, String charterId) {
        return new OpenCase(id, OpenCase.Kind.GAP, Instant.parse("2026-11-28T00:00:00Z"), charterId, "3", "sha256:x", Map.of("channel", "sms"),
                "Can I bring my dog to the town hall?", List.of("Yes.", "Only guide dogs."), "ask", List.of("the charter is silent here"), List.of(), List.of());
    }

    @Test
    void rulingsBecomePrecedents_openCasesAreCounted() throws Exception {
        Charter city = ExampleCharters.city();
        OpenCase ruled = gap("c1", city.id()).rule(city, 1, null, Precedent.Ruling.COMPLIES, List.of(), "Only assistance dogs are allowed inside.",
                "moderators", LocalDate.parse("2026-11-28"));
        assertThat(ruled.open()).isFalse();
        var amended = Adjudication.amend(city, city, List.of(ruled, gap("c2", city.id())), "4");
        assertThat(amended.added()).containsExactly("case-c1-1");
        assertThat(amended.stillOpen()).isEqualTo(1);
        Precedent p = amended.charter().precedents().get(amended.charter().precedents().size() - 1);
        assertThat(p.response()).isEqualTo("Only guide dogs.");
        assertThat(p.context().channel()).contains("sms");
        assertThat(p.clauses()).isEmpty(); // a ruling on a gap cites no clause
        assertThat(amended.charter().version()).isEqualTo("4");
        assertThat(amended.charter().clauses()).isEqualTo(city.clauses());
        // the new version survives the canonical round trip
        assertThat(CharterReader.read(CanonicalForm.toYaml(amended.charter()), "next.yaml")).isEqualTo(amended.charter());
    }

    @Test
    void refusals() throws Exception {
        Charter city = ExampleCharters.city();
        assertThatThrownBy(() -> Adjudication.amend(city, city, List.of(gap("c1", "other")), "4")).hasMessageContaining("cases of another charter than");
        assertThatThrownBy(() -> gap("c1", city.id()).rule(city, 0, null, Precedent.Ruling.VIOLATES, List.of("nope"), "r", "me", LocalDate.now()))
                .hasMessageContaining("no clause 'nope'");
        assertThatThrownBy(() -> gap("c1", city.id()).rule(city, 5, null, Precedent.Ruling.VIOLATES, List.of(), "r", "me", LocalDate.now()))
                .hasMessageContaining("no candidate 5");
        assertThatThrownBy(() -> gap("../etc", city.id())).hasMessageContaining("must be letters, digits");
    }
}
