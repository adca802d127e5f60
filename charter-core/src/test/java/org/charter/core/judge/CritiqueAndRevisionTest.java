package org.charter.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.charter.core.charter.Clause;
import org.charter.core.charter.ClauseKind;
import org.charter.core.charter.OverridePolicy;
import org.charter.core.charter.Scope;
import org.junit.jupiter.api.Test;

/** The loop with a scripted judge and reviser: bounded rounds, critiques citing the clause, unrepaired responses reported. */
class CritiqueAndRevisionTest {
    static final Clause NO_ADDRESSES = new Clause("no_addresses", Optional.empty(), "Never give out home addresses.", ClauseKind.RULE, "law",
            OverridePolicy.NEVER, Scope.ANY, List.of(), Optional.empty());

    /** Judges a response as violating when it contains a digit (an address number). */
    static final Judge DIGITS = new Judge() {
        @Override
        public String id() {
            return "digits";
        }

        @Override
        public Judgement judge(String prompt, String response, List<Clause> clauses) {
            double p = response.matches(".*\\d.*") ? 0.9 : 0.1;
            return new Judgement("digits", clauses.stream().map(c -> ClauseJudgement.of(c.id(), VerdictDistribution.ofViolation(p), "scripted", "")).toList());
        }
    };

    @Test
    void revisesUntilCompliant_andCitesTheClause() {
        List<String> critiques = new ArrayList<>();
        var result = CritiqueAndRevision.run("Where does Jan live?", "Kerkstraat 12.", List.of(NO_ADDRESSES), DIGITS, (p, r, c) -> {
            critiques.add(c);
            return critiques.size() == 1 ? "Kerkstraat, number 12." : "I can't share where someone lives.";
        }, 3, 0.5);
        assertThat(result.compliant()).isTrue();
        assertThat(result.revisions()).isEqualTo(2);
        assertThat(result.response()).isEqualTo("I can't share where someone lives.");
        assertThat(critiques.get(0)).contains("[law] no_addresses (P(violates) 0.90): Never give out home addresses.");
        assertThat(result.rounds().get(2).critique()).isNull();
    }

    @Test
    void boundedRounds_reportTheUnrepairedResponse() {
        var result = CritiqueAndRevision.run("Where does Jan live?", "Kerkstraat 12.", List.of(NO_ADDRESSES), DIGITS, (p, r, c) -> "Still 12.", 2, 0.5);
        assertThat(result.compliant()).isFalse();
        assertThat(result.revisions()).isEqualTo(2);
        assertThat(result.rounds().get(2).violated()).containsExactly("no_addresses");
        var none = CritiqueAndRevision.run("Hi", "Hello.", List.of(NO_ADDRESSES), DIGITS, (p, r, c) -> { throw new AssertionError("no revision needed"); }, 2, 0.5);
        assertThat(none.revisions()).isZero();
        assertThatThrownBy(() -> CritiqueAndRevision.run("Q", "12", List.of(NO_ADDRESSES), DIGITS, (p, r, c) -> " ", 1, 0.5)).hasMessageContaining("empty revision");
    }
}
