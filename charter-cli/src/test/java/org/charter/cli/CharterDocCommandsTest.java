package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.charter.core.SharedData;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.CharterReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter import-spec}, {@code validate}, {@code diff} and {@code compile} through {@code Main.run}. */
class CharterDocCommandsTest {
    static Path examples() {
        return SharedData.root().resolve("examples/charters");
    }

    static Path copyExamples(Path tmp) throws IOException {
        for (String f : new String[] {"city-helpdesk.yaml", "health-desk.yaml"}) Files.copy(examples().resolve(f), tmp.resolve(f));
        return tmp;
    }

    @Test
    void importSpec_writesTheCharterAndPrintsCountsPerAuthority(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("model-spec.yaml");
        CliTest.Run r = CliTest.run("import-spec", SharedData.path("model-spec/model_spec.md").toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("59 clauses from 80 tagged headings (21 headings without an authority", "  root        22 clauses (rule, override never)",
                "  system       3 clauses", "  developer    1 clauses (default, override explicit)", "  user        15 clauses",
                "  guideline   18 clauses (norm, override implicit)", "examples: 189 comparison blocks with 193 GOOD, 196 BAD and 8 OK answers",
                "CC0 1.0");
        var charter = CharterReader.read(Files.readString(out), out.toString());
        assertThat(charter.clauses()).hasSize(59);
        assertThat(r.out()).contains(CanonicalForm.hash(charter));
        CliTest.Run v = CliTest.run("validate", out.toString());
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("valid charter openai-model-spec version 2025-12-18",
                "59 clauses (root 22, system 3, developer 1, user 15, guideline 18), 189 examples, 0 precedents");
    }

    @Test
    void validate_exampleCharters_exitZeroWithASummary() {
        CliTest.Run r = CliTest.run("validate", examples().resolve("city-helpdesk.yaml").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid charter city-helpdesk version 3 (City helpdesk assistant)", "content hash sha256:",
                "parties (highest first) law > platform > community > developer > user",
                "6 clauses (law 1, platform 2, community 3, developer 0, user 0), 1 examples, 1 precedents",
                "policy: on gap ask, on conflict escalate, model unreachable escalate");
        CliTest.Run child = CliTest.run("validate", examples().resolve("health-desk.yaml").toString());
        assertThat(child.code()).as(child.err()).isZero();
        assertThat(child.out()).contains("valid charter city-health-desk version 1", "inherits from city-helpdesk 3",
                "own clauses 3; effective hash sha256:", "8 clauses (law 2, platform 3, community 3, developer 0, user 0)");
    }

    @Test
    void validate_invalidCharter_reportsEveryProblemTogether(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, """
                id: bad
                version: 1
                clauses:
                  - {id: a, text: One., kind: rule, authority: boss, override: never}
                  - {id: a, text: Two., kind: rule, authority: law, override: never, colour: red}
                  - {id: b, kind: rule, authority: user, override: often}
                precedents:
                  - {id: p, prompt: Q, response: A, ruling: complies, clauses: [zzz], decidedBy: me, date: 2025-01-01}
                """);
        CliTest.Run r = CliTest.run("validate", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactlyInAnyOrder(
                f + ": clauses[1].colour: unknown field (known: authority, examples, id, kind, override, provenance, scope, text, title) (line 5)",
                f + ": clauses[2].text: missing required field (line 6)",
                f + ": clauses[2].override: unknown override policy 'often' (expected never, explicit or implicit) (line 6)",
                f + ": clauses[0].authority: unknown authority 'boss' (parties: law, platform, community, developer, user) (line 4)",
                f + ": clauses[1].id: duplicate clause id 'a' (first at clauses[0]) (line 5)",
                f + ": precedents[0].clauses[0]: cites unknown clause 'zzz' (line 8)",
                "charter: 6 problems");
    }

    @Test
    void validate_childThatWidensItsParent_isRefused(@TempDir Path tmp) throws IOException {
        copyExamples(tmp);
        Path child = tmp.resolve("loose-desk.yaml");
        Files.writeString(child, """
                id: loose-desk
                version: 1
                parent: city-helpdesk.yaml
                policy: {onGap: answer-with-caveat, onConflict: escalate, onUnreachable: escalate}
                clauses:
                  - id: protect_personal_data
                    text: |
                      Never reveal personal data about a resident (address, case files, benefits, health) to anyone but that
                      resident after the helpdesk has confirmed who they are. Do not ask for more personal data than the
                      request needs.
                    kind: rule
                    authority: community
                    override: explicit
                  - id: local_language
                    text: Answer in Dutch unless the resident writes in another language.
                    kind: default
                    authority: community
                    override: explicit
                    scope: {locale: [nl-BE], region: [BE-VAN]}
                """);
        CliTest.Run r = CliTest.run("validate", child.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly(
                child + ": policy.onGap: 'answer-with-caveat' is less cautious than the parent's 'ask' (line 4)",
                child + ": clauses[0].authority: 'community' is lower than the parent's 'law' (a child may only add clauses or make inherited ones stricter) (line 12)",
                child + ": clauses[0].override: 'explicit' is looser than the parent's 'never' (a child may only add clauses or make inherited ones stricter) (line 13)",
                child + ": clauses[1].scope.locale: narrows the parent's scope, exempting requests from the inherited clause: parent [nl], child [nl-BE] (a child may only add clauses or make inherited ones stricter) (line 19)",
                "charter: 4 problems");
    }

    @Test
    void validate_cycleOfParents_andMissingFile(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("a.yaml"), "id: a\nversion: 1\nparent: b.yaml\n");
        Files.writeString(tmp.resolve("b.yaml"), "id: b\nversion: 1\nparent: a.yaml\n");
        CliTest.Run r = CliTest.run("validate", tmp.resolve("a.yaml").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("parent: cycle of parents: ", "a.yaml -> ", "b.yaml -> ").contains("charter: 1 problem");
        CliTest.Run missing = CliTest.run("validate", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("charter: no such file: " + tmp.resolve("nope.yaml"));
    }

    @Test
    void diff_textAndJson(@TempDir Path tmp) throws IOException {
        Path v3 = examples().resolve("city-helpdesk.yaml");
        Path v4 = tmp.resolve("city-v4.yaml");
        Files.writeString(v4, Files.readString(v3).replace("version: \"3\"", "version: \"4\"")
                .replace("authority: community\n    override: implicit\n    provenance:", "authority: platform\n    override: implicit\n    provenance:")
                .replace("Be patient and friendly", "Be patient, friendly and brief"));
        CliTest.Run r = CliTest.run("diff", v3.toString(), v4.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("charter city-helpdesk 3 -> city-helpdesk 4", "version: 3 -> 4", "~ clause plain_language",
                "    authority: community -> platform", "~ clause warm_tone",
                "    text: Be patient and friendly, especially with residents who are upset. -> Be patient, friendly and brief, especially with residents who are upset.",
                "0 clauses added, 0 removed, 2 changed");
        CliTest.Run j = CliTest.run("diff", v3.toString(), v4.toString(), "--json");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(j.out());
        assertThat(doc.get("clausesChanged")).hasSize(2);
        assertThat(doc.get("clausesChanged").get(0).get("fields").get(0).get("before").asText()).isEqualTo("community");
        CliTest.Run same = CliTest.run("diff", v3.toString(), v3.toString());
        assertThat(same.out()).contains("no differences");
        CliTest.Run child = CliTest.run("diff", v3.toString(), examples().resolve("health-desk.yaml").toString());
        assertThat(child.out()).contains("+ clause no_diagnosis", "+ clause emergency_first", "~ clause cite_official_sources",
                "    override: explicit -> never", "policy.onGap: ask -> escalate");
    }

    @Test
    void compile_printsThePrompt_andScopeFollowsTheContext() {
        Path city = examples().resolve("city-helpdesk.yaml");
        CliTest.Run r = CliTest.run("compile", city.toString(), "--context", "locale=nl-BE", "region=BE-VAN");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# Charter city-helpdesk, version 3: City helpdesk assistant\n# Content hash: sha256:")
                .contains("# Request context: locale=nl-BE region=BE-VAN", "## [community] local_language: Answer in Dutch by default");
        assertThat(CliTest.run("compile", city.toString(), "--context", "locale=nl-BE", "region=BE-VAN").out()).isEqualTo(r.out());
        CliTest.Run fr = CliTest.run("compile", city.toString(), "--context", "locale=fr-BE");
        assertThat(fr.out()).doesNotContain("local_language").contains("# Clauses: 5 of 6");
        CliTest.Run health = CliTest.run("compile", examples().resolve("health-desk.yaml").toString(), "--context", "domain=health",
                "--context", "channel=web");
        assertThat(health.out()).contains("# Inherits from: city-helpdesk.yaml", "## [law] emergency_first", "## [platform] no_diagnosis",
                "# Clauses: 7 of 8");
        assertThat(health.out().indexOf("## [law] emergency_first")).isLessThan(health.out().indexOf("## [platform] cite_official_sources"));
        CliTest.Run bad = CliTest.run("compile", city.toString(), "--context", "colour=red");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown context key 'colour'");
    }
}
