package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Diffs between charter versions and the compiled system prompt, on the city helpdesk example. */
class CharterDiffAndCompileTest {
    static final String CITY = ExampleCharters.city() == null ? "" : CanonicalForm.toYaml(ExampleCharters.city());

    /** Version 4 of the city helpdesk: one clause reworded and raised, one removed, one added, the gap policy changed. */
    static Charter version4() {
        String y = CITY.replace("version: \"3\"", "version: \"4\"")
                .replace("Answer in short sentences and everyday words;", "Answer in short sentences, everyday words and at most 120 words;")
                .replace("onGap: ask", "onGap: escalate");
        Charter c = CharterReader.read(y, "city-v4.yaml");
        List<Clause> clauses = new java.util.ArrayList<>(c.clauses().stream().filter(x -> !x.id().equals("warm_tone")).toList());
        Clause plain = c.clause("plain_language").orElseThrow();
        clauses.set(clauses.indexOf(plain), new Clause(plain.id(), plain.title(), plain.text(), plain.kind(), "platform", plain.override(),
                plain.scope(), plain.examples(), plain.provenance()));
        clauses.add(new Clause("accessibility", java.util.Optional.empty(), "Offer a phone call for residents who cannot use the website.",
                ClauseKind.DEFAULT, "community", OverridePolicy.EXPLICIT, Scope.ANY, List.of(), java.util.Optional.empty()));
        return c.withClauses(clauses);
    }

    @Test
    void diff_listsAddedRemovedAndChangedFieldsWithOldAndNewValues() throws Exception {
        Charter v3 = ExampleCharters.city();
        CharterDiff d = CharterDiff.between(v3, version4());
        assertThat(d.clausesAdded()).containsExactly("accessibility");
        assertThat(d.clausesRemoved()).containsExactly("warm_tone");
        assertThat(d.clausesChanged()).hasSize(1);
        CharterDiff.ClauseChange ch = d.clausesChanged().get(0);
        assertThat(ch.id()).isEqualTo("plain_language");
        assertThat(ch.fields()).extracting(CharterDiff.FieldChange::field).containsExactly("text", "authority");
        assertThat(ch.fields().get(1).before().asText()).isEqualTo("community");
        assertThat(ch.fields().get(1).after().asText()).isEqualTo("platform");
        assertThat(d.policy()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("policy.onGap");
            assertThat(f.before().asText()).isEqualTo("ask");
            assertThat(f.after().asText()).isEqualTo("escalate");
        });
        assertThat(d.header()).extracting(CharterDiff.FieldChange::field).containsExactly("version");
        String text = d.toText();
        assertThat(text).contains("charter city-helpdesk 3 -> city-helpdesk 4", "- clause warm_tone", "+ clause accessibility",
                "~ clause plain_language", "    authority: community -> platform", "policy.onGap: ask -> escalate",
                "    text: Answer in short sentences and everyday words; explain any administrative term the first time you use it. -> "
                        + "Answer in short sentences, everyday words and at most 120 words; explain any administrative term the first time you use it.",
                "1 clauses added, 1 removed, 1 changed; 0 precedents added, 0 removed, 0 changed");
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(d));
        assertThat(json.get("clausesChanged").get(0).get("fields").get(1).get("after").asText()).isEqualTo("platform");
        assertThat(json.get("fromHash").asText()).isEqualTo(CanonicalForm.hash(v3));
    }

    @Test
    void hash_ignoresFormattingKeyOrderAndTrailingWhitespace() {
        String reformatted = """
                version: '3'
                id: city-helpdesk
                title:   City helpdesk assistant
                """ + CITY.substring(CITY.indexOf("parties:")).replace("request needs.", "request needs.   ");
        assertThat(CanonicalForm.hash(CharterReader.read(reformatted, "r.yaml"))).isEqualTo(CanonicalForm.hash(ExampleCharters.city()));
        assertThat(CanonicalForm.hash(version4())).isNotEqualTo(CanonicalForm.hash(ExampleCharters.city()));
    }

    @Test
    void compile_sameInputs_byteIdenticalOutput() {
        var ctx = RequestContext.of(Map.of("locale", "nl-BE", "region", "BE-VAN", "channel", "web"));
        String a = CharterCompiler.compileFor(ExampleCharters.city(), ctx).text();
        String b = CharterCompiler.compileFor(CharterReader.read(CITY, "copy.yaml"), ctx).text();
        assertThat(b.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(a.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void compile_ordersByAuthorityThenDocument_andLabelsEachClause() {
        var ctx = RequestContext.of(Map.of("locale", "nl-BE", "region", "BE-VAN"));
        CharterCompiler.CompiledPrompt p = CharterCompiler.compileFor(ExampleCharters.city(), ctx);
        assertThat(p.clauseIds()).containsExactly("protect_personal_data", "cite_official_sources", "no_party_politics", "plain_language",
                "local_language", "warm_tone");
        assertThat(p.text()).startsWith("# Charter city-helpdesk, version 3: City helpdesk assistant\n# Content hash: " + CanonicalForm.hash(ExampleCharters.city()))
                .contains("# Request context: locale=nl-BE region=BE-VAN\n")
                .contains("## [law] protect_personal_data: Protect residents' personal data\n(rule; override: never)\nNever reveal personal data")
                .contains("## [community] local_language: Answer in Dutch by default\n(default; override: explicit; scope: locale=nl, region=BE-VAN)\n")
                .contains("When the charter is silent on a request: ask the user a clarifying question.");
        assertThat(CharterCompiler.compileFor(ExampleCharters.city(), RequestContext.of(Map.of("locale", "fr-BE"))).clauseIds())
                .doesNotContain("local_language").hasSize(5);
        // the order of the caller's list does not matter
        List<Clause> reversed = new java.util.ArrayList<>(ExampleCharters.city().clauses());
        java.util.Collections.reverse(reversed);
        assertThat(CharterCompiler.compile(ExampleCharters.city(), reversed, ctx).text()).isEqualTo(p.text());
        assertThatThrownBy(() -> CharterCompiler.compile(ExampleCharters.city(), version4().clauses(), ctx))
                .hasMessageContaining("is not a clause of charter city-helpdesk 3");
    }

    @Test
    void compile_changedClauseShowsInALineDiff() {
        var ctx = RequestContext.EMPTY;
        String v3 = CharterCompiler.compileFor(ExampleCharters.city(), ctx).text();
        String v4 = CharterCompiler.compileFor(version4(), ctx).text();
        List<String> changes = LineDiff.changes(v3, v4).stream().map(LineDiff.Line::toString).toList();
        assertThat(changes).contains(
                "-## [community] plain_language: Plain language",
                "+## [platform] plain_language: Plain language",
                "-Answer in short sentences and everyday words; explain any administrative term the first time you use it.",
                "+Answer in short sentences, everyday words and at most 120 words; explain any administrative term the first time you use it.",
                "-## [community] warm_tone: Be kind",
                "+## [community] accessibility",
                "-# Charter city-helpdesk, version 3: City helpdesk assistant",
                "+# Charter city-helpdesk, version 4: City helpdesk assistant");
        assertThat(changes).noneMatch(l -> l.contains("protect_personal_data") || l.contains("Never reveal personal data"));
    }

    @Test
    void lineDiff_ofEqualTexts_hasNoChanges_andKeepsEveryLine() {
        assertThat(LineDiff.changes("a\nb\nc", "a\nb\nc")).isEmpty();
        assertThat(LineDiff.diff("a\nb\nc", "a\nx\nc")).extracting(LineDiff.Line::toString).containsExactly(" a", "+x", "-b", " c");
    }
}
