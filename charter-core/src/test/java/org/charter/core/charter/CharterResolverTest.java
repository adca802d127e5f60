package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Parent charters: the health desk inherits the city helpdesk; children that widen and cycles are refused. */
class CharterResolverTest {
    @Test
    void healthDesk_inheritsTheCityHelpdesk_andMakesOneClauseStricter() {
        var child = ExampleCharters.dir().resolve("health-desk.yaml");
        CharterResolver.Resolved r = CharterResolver.resolve(ExampleCharters.read(child), child.toString(), ExampleCharters.files());
        Charter eff = r.effective();
        assertThat(r.chain()).hasSize(2);
        assertThat(eff.id()).isEqualTo("city-health-desk");
        assertThat(eff.parties()).isEqualTo(ExampleCharters.city().parties());
        assertThat(eff.policy().orElseThrow().onGap()).isEqualTo(CharterPolicy.Action.ESCALATE);
        assertThat(eff.clauses()).extracting(Clause::id).containsExactly("protect_personal_data", "cite_official_sources", "plain_language",
                "local_language", "no_party_politics", "warm_tone", "no_diagnosis", "emergency_first");
        Clause cite = eff.clause("cite_official_sources").orElseThrow();
        assertThat(cite.override()).isEqualTo(OverridePolicy.NEVER);
        assertThat(cite.kind()).isEqualTo(ClauseKind.RULE);
        assertThat(cite.scope().channels()).isEmpty(); // the parent's scope (any channel), kept
        assertThat(cite.title()).contains("Cite the city's own pages");
        assertThat(eff.precedents()).extracting(Precedent::id).containsExactly("p-2025-014");
    }

    static final String PARENT = """
            id: parent
            version: 1
            parties: [law, platform, community, user]
            policy: {onGap: escalate, onConflict: escalate, onUnreachable: escalate}
            clauses:
              - id: privacy
                text: Never reveal personal data.
                kind: rule
                authority: law
                override: never
              - id: tone
                text: Be friendly.
                kind: norm
                authority: community
                override: explicit
                scope: {channel: [web, phone]}
            """;

    static final String WIDENING = """
            id: child
            version: 1
            parent: parent.yaml
            parties: [platform, law, community, user]
            policy: {onGap: answer-with-caveat, onConflict: escalate, onUnreachable: refuse}
            clauses:
              - id: privacy
                text: Try not to reveal personal data.
                kind: default
                authority: user
                override: implicit
              - id: tone
                text: Be friendly.
                kind: norm
                authority: community
                override: explicit
                scope: {channel: [web]}
              - id: extra
                text: Be brief.
                kind: norm
                authority: boss
                override: implicit
            precedents:
              - {id: p1, prompt: Q, response: A, ruling: violates, clauses: [privacy, nope], decidedBy: board, date: 2025-01-01}
            """;

    @Test
    void childThatWidensItsParent_isRefusedWithEveryProblem() {
        InvalidCharterException e = catchThrowableOfType(InvalidCharterException.class, () -> CharterResolver.resolve(
                CharterReader.load(WIDENING, "child.yaml"), ExampleCharters.texts(Map.of("parent.yaml", PARENT))));
        List<String> lines = e.problems().stream().map(Problem::toString).toList();
        assertThat(lines).containsExactly(
                "child.yaml: parties: must keep the parent's chain of command [law, platform, community, user] in order (parties may be"
                        + " inserted, not dropped or reordered); found [platform, law, community, user] (line 4)",
                "child.yaml: policy.onGap: 'answer-with-caveat' is less cautious than the parent's 'escalate' (line 5)",
                "child.yaml: clauses[0].text: rewords the parent's clause 'privacy'; restate it word for word or add a new clause"
                        + " (a child may only add clauses or make inherited ones stricter) (line 8)",
                "child.yaml: clauses[0].authority: 'user' is lower than the parent's 'law' (a child may only add clauses or make inherited ones stricter) (line 10)",
                "child.yaml: clauses[0].override: 'implicit' is looser than the parent's 'never' (a child may only add clauses or make inherited ones stricter) (line 11)",
                "child.yaml: clauses[0].kind: 'default' is weaker than the parent's 'rule' (a child may only add clauses or make inherited ones stricter) (line 9)",
                "child.yaml: clauses[1].scope.channel: narrows the parent's scope, exempting requests from the inherited clause: parent [phone, web], child [web]"
                        + " (a child may only add clauses or make inherited ones stricter) (line 17)",
                "child.yaml: clauses[2].authority: unknown authority 'boss' (parties: law, platform, community, user) (line 21)",
                "child.yaml: precedents[0].clauses[1]: cites unknown clause 'nope' (line 24)");
    }

    @Test
    void stricterRestatement_isAccepted_andInsertedPartiesKeepTheOrder() {
        String child = """
                id: child
                version: 1
                parent: parent.yaml
                parties: [law, platform, health-authority, community, user]
                policy: {onGap: refuse, onConflict: escalate, onUnreachable: escalate}
                clauses:
                  - id: tone
                    text: Be friendly.
                    kind: default
                    authority: platform
                    override: never
                    scope: {channel: [web, phone, sms]}
                  - {id: triage, text: Refer urgent cases., kind: rule, authority: health-authority, override: never}
                """;
        Charter eff = CharterResolver.resolve(CharterReader.read(child, "child.yaml"), "child.yaml",
                ExampleCharters.texts(Map.of("parent.yaml", PARENT))).effective();
        assertThat(eff.clauses()).extracting(Clause::id).containsExactly("privacy", "tone", "triage");
        assertThat(eff.rank("health-authority")).isEqualTo(2);
    }

    @Test
    void cycleOfParents_isRefused() {
        String a = "id: a\nversion: 1\nparent: b.yaml\nclauses: []\n";
        String b = "id: b\nversion: 1\nparent: a.yaml\nclauses: []\n";
        InvalidCharterException e = catchThrowableOfType(InvalidCharterException.class, () -> CharterResolver.resolve(
                CharterReader.read(a, "a.yaml"), "a.yaml", ExampleCharters.texts(Map.of("a.yaml", a, "b.yaml", b))));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("b.yaml: parent: cycle of parents: a.yaml -> b.yaml -> a.yaml (line 3)");
    }

    @Test
    void missingParent_andInvalidParent_areReported() {
        String child = "id: c\nversion: 1\nparent: gone.yaml\n";
        assertThat(catchThrowableOfType(InvalidCharterException.class, () -> CharterResolver.resolve(CharterReader.read(child, "c.yaml"), "c.yaml",
                ExampleCharters.texts(Map.of()))).problems()).extracting(Problem::toString)
                .containsExactly("c.yaml: parent: parent charter 'gone.yaml' not found");
        String badParent = "id: g\nversion: 1\nclauses: [{id: x, text: t, kind: rule, authority: nobody, override: never}]\n";
        assertThat(catchThrowableOfType(InvalidCharterException.class, () -> CharterResolver.resolve(CharterReader.read(child, "c.yaml"), "c.yaml",
                ExampleCharters.texts(Map.of("gone.yaml", badParent)))).problems()).extracting(Problem::path).containsExactly("clauses[0].authority");
    }

    @Test
    void scopeNarrowing_isSubsetOfMatchedRequests() {
        Scope en = new Scope(List.of("en"), List.of(), List.of(), List.of(), List.of(), List.of());
        Scope enGb = new Scope(List.of("en-GB"), List.of(), List.of("health"), List.of(), List.of(), List.of());
        assertThat(enGb.narrows(en)).isTrue();
        assertThat(en.narrows(enGb)).isFalse();
        assertThat(Scope.ANY.narrows(en)).isFalse();
        assertThat(en.narrows(Scope.ANY)).isTrue();
        assertThat(en.matches(RequestContext.of(Map.of("locale", "en_US")))).isTrue();
        assertThat(en.matches(RequestContext.of(Map.of("locale", "eng")))).isFalse();
        assertThat(enGb.matches(RequestContext.of(Map.of("locale", "en-GB")))).as("domain unknown: no match").isFalse();
    }
}
