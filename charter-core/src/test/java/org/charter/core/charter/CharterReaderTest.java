package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.charter.core.math.Rational;
import org.junit.jupiter.api.Test;

/** Reading charters: the example charters, and invalid ones whose problems are all reported together. */
class CharterReaderTest {
    @Test
    void cityHelpdesk_readsEveryField() {
        Charter c = ExampleCharters.city();
        assertThat(c.id()).isEqualTo("city-helpdesk");
        assertThat(c.version()).isEqualTo("3");
        assertThat(c.parties()).containsExactly("law", "platform", "community", "developer", "user");
        assertThat(c.policy()).contains(new CharterPolicy(CharterPolicy.Action.ASK, CharterPolicy.Action.ESCALATE, CharterPolicy.Action.ESCALATE));
        assertThat(c.clauses()).extracting(Clause::id).containsExactly("protect_personal_data", "cite_official_sources", "plain_language",
                "local_language", "no_party_politics", "warm_tone");
        Clause data = c.clause("protect_personal_data").orElseThrow();
        assertThat(data.text()).startsWith("Never reveal personal data").endsWith("request needs.").doesNotEndWith("\n");
        assertThat(data.examples().get(0).good().get(0).note()).contains("refuses the data, offers a lawful route");
        Provenance p = c.clause("plain_language").orElseThrow().provenance().orElseThrow();
        assertThat(p.support()).contains(Rational.of(41, 50));
        assertThat(p.supportByGroup()).containsEntry("A", Rational.of(79, 100)).containsEntry("B", Rational.of(22, 25));
        assertThat(p.statements()).containsExactly("s12", "s40");
        assertThat(c.clause("local_language").orElseThrow().scope().locales()).containsExactly("nl");
        assertThat(c.precedents().get(0).clauses()).containsExactly("no_party_politics");
        assertThat(c.precedents().get(0).ruling()).isEqualTo(Precedent.Ruling.COMPLIES);
    }

    @Test
    void defaults_partiesAndPolicyWhenAbsent() {
        Charter c = CharterReader.read("id: x\nversion: 1\nclauses:\n  - {id: a, text: Be kind., kind: value, authority: user, override: implicit}\n", "x.yaml");
        assertThat(c.parties()).isEqualTo(Charter.DEFAULT_PARTIES);
        assertThat(c.policy()).contains(CharterPolicy.DEFAULT);
        assertThat(c.version()).isEqualTo("1");
    }

    static final String BROKEN = """
            id: broken
            version: 1
            parties: [law, platform, user]
            colour: blue
            policy: {onGap: shrug}
            clauses:
              - id: a
                text: One.
                kind: rule
                authority: boss
                override: never
              - id: a
                text: Two.
                kind: rule
                authority: law
                override: never
              - id: c
                kind: maybe
                authority: user
                override: never
                scope: {domain: 3}
              - id: d
                text: [not, a, string]
                authority: user
                override: sometimes
                examples:
                  - prompt: hi
            precedents:
              - id: p1
                prompt: Q
                response: A
                ruling: complies
                clauses: [a, zzz]
                decidedBy: board
                date: 2025-13-01
            """;

    @Test
    void invalidCharter_listsEveryProblemWithPathAndLine() {
        InvalidCharterException e = catchThrowableOfType(InvalidCharterException.class, () -> CharterReader.read(BROKEN, "broken.yaml"));
        List<String> lines = e.problems().stream().map(Problem::toString).toList();
        // line numbers checked by hand against BROKEN; a missing field points at its clause's first line
        assertThat(lines).containsExactlyInAnyOrder(
                "broken.yaml: colour: unknown field (known: clauses, id, parent, parties, policy, precedents, title, version) (line 4)",
                "broken.yaml: policy.onGap: unknown action 'shrug' (expected ask, escalate, refuse or answer-with-caveat) (line 5)",
                "broken.yaml: clauses[0].authority: unknown authority 'boss' (parties: law, platform, user) (line 10)",
                "broken.yaml: clauses[1].id: duplicate clause id 'a' (first at clauses[0]) (line 12)",
                "broken.yaml: clauses[2].text: missing required field (line 17)",
                "broken.yaml: clauses[2].kind: unknown kind 'maybe' (expected rule, default, norm or value) (line 18)",
                "broken.yaml: clauses[2].scope.domain: expected a list of strings, found a number (3) (line 21)",
                "broken.yaml: clauses[3].text: expected a string, found a list (line 23)",
                "broken.yaml: clauses[3].kind: missing required field (line 22)",
                "broken.yaml: clauses[3].override: unknown override policy 'sometimes' (expected never, explicit or implicit) (line 25)",
                "broken.yaml: clauses[3].examples[0]: an example needs at least one good, bad or ok response (line 27)",
                "broken.yaml: precedents[0].date: expected a date YYYY-MM-DD, found '2025-13-01' (line 35)",
                "broken.yaml: precedents[0].clauses[1]: cites unknown clause 'zzz' (line 33)");
        assertThat(lines).hasSize(13);
        assertThat(e.getMessage()).contains("and 12 more problems");
    }

    @Test
    void json_isReadToo_andReportsItsOwnProblems() {
        Charter c = CharterReader.read(CanonicalForm.toJson(ExampleCharters.city()), "city.json");
        assertThat(c).isEqualTo(ExampleCharters.city());
        InvalidCharterException e = catchThrowableOfType(InvalidCharterException.class,
                () -> CharterReader.read("{\"id\": \"x\", \"version\": true, \"clauses\": {}}", "x.json"));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "x.json: version: expected a string, found a boolean (true) (line 1)",
                "x.json: clauses: expected a list of clauses, found a mapping (line 1)");
    }

    @Test
    void syntaxError_andDuplicateKeys_areOneProblemWithTheLine() {
        assertThatThrownBy(() -> CharterReader.read("id: x\nversion: [1\n", "x.yaml")).isInstanceOf(InvalidCharterException.class)
                .hasMessageStartingWith("x.yaml: (document): not valid YAML");
        InvalidCharterException e = catchThrowableOfType(InvalidCharterException.class, () -> CharterReader.read("id: x\nid: y\n", "x.yaml"));
        assertThat(e.problems().get(0).reason()).contains("Duplicate field 'id'");
        assertThat(e.problems().get(0).line()).isEqualTo(2);
        assertThat(catchThrowableOfType(InvalidCharterException.class, () -> CharterReader.read("", "e.yaml")).problems().get(0).reason())
                .startsWith("empty document");
    }

    @Test
    void requestContext_fromPairs() {
        RequestContext r = RequestContext.of(Map.of("locale", "nl-BE", "tags", "minor, urgent"));
        assertThat(r.locale()).contains("nl-BE");
        assertThat(r.tags()).containsExactly("minor", "urgent");
        assertThatThrownBy(() -> RequestContext.of(Map.of("colour", "red"))).hasMessageContaining("unknown context key 'colour'");
    }
}
