package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.charter.core.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI Model Spec (release 2025-12-18, CC0) imported as a charter; the expected counts come from a plain regex
 * scan of the raw file in this test and from CHARTER-NOTES.md, never from the importer's own code path.
 */
class ModelSpecImportTest {
    static String markdown;
    static ModelSpecImporter.Result result;

    @BeforeAll
    static void load() throws IOException {
        markdown = Files.readString(SharedData.path("model-spec/model_spec.md"));
        result = ModelSpecImporter.importSpec(markdown, "model_spec.md", "2025-12-18");
    }

    static int count(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(markdown);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void clausesPerAuthority_equalARawScanOfTheHeadings() {
        Map<String, Integer> scanned = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^#+ .*\\{#\\w+ [^}]*authority=(\\w+)").matcher(markdown);
        while (m.find()) scanned.merge(m.group(1), 1, Integer::sum);
        for (String level : ModelSpecImporter.LEVELS) {
            assertThat(result.clausesPerAuthority().get(level)).as(level).isEqualTo(scanned.get(level));
        }
        assertThat(result.taggedHeadings()).isEqualTo(count("^#+ .*\\{#\\w+[^}]*\\}\\s*$"));
        assertThat(result.charter().clauses()).hasSize(count("^#+ .*\\{#\\w+ [^}]*authority="));
    }

    @Test
    void counts_matchCharterNotes() {
        // CHARTER-NOTES.md: 80 tagged headings, 59 with an authority (22 root, 3 system, 1 developer, 15 user, 18 guideline)
        assertThat(result.taggedHeadings()).isEqualTo(80);
        assertThat(result.groupingHeadings()).isEqualTo(80 - 59);
        assertThat(result.charter().clauses()).hasSize(59);
        assertThat(result.clausesPerAuthority()).containsExactly(Map.entry("root", 22), Map.entry("system", 3), Map.entry("developer", 1),
                Map.entry("user", 15), Map.entry("guideline", 18));
        // ... and 189 <comparison> blocks
        assertThat(result.examples()).isEqualTo(189);
    }

    @Test
    void examplesAndAnswers_equalARawScanOfTheComparisons() {
        List<Example> all = result.charter().clauses().stream().flatMap(c -> c.examples().stream()).toList();
        assertThat(all).hasSize(count("<comparison>")).hasSize(result.examples());
        // Some blocks hold two GOOD or up to three BAD answers, and 8 answers are marked OK: hence 193 and 196, not 189.
        assertThat(all.stream().mapToInt(e -> e.good().size()).sum()).isEqualTo(count("<!--\\s*GOOD")).isEqualTo(193);
        assertThat(all.stream().mapToInt(e -> e.bad().size()).sum()).isEqualTo(count("<!--\\s*BAD")).isEqualTo(196);
        assertThat(all.stream().mapToInt(e -> e.ok().size()).sum()).isEqualTo(count("<!--\\s*OK")).isEqualTo(8);
        assertThat(all.stream().filter(e -> e.bad().isEmpty()).count()).as("blocks with only a GOOD side").isEqualTo(29);
    }

    @Test
    void authorityMapsToKindAndOverride() {
        Clause ask = result.charter().clause("ask_clarifying_questions").orElseThrow();
        assertThat(ask.authority()).isEqualTo("guideline");
        assertThat(ask.kind()).isEqualTo(ClauseKind.NORM);
        assertThat(ask.override()).isEqualTo(OverridePolicy.IMPLICIT);
        Clause lie = result.charter().clause("do_not_lie").orElseThrow();
        assertThat(lie.kind()).isEqualTo(ClauseKind.DEFAULT);
        assertThat(lie.override()).isEqualTo(OverridePolicy.EXPLICIT);
        Clause minors = result.charter().clause("sexual_content_involving_minors").orElseThrow();
        assertThat(minors.kind()).isEqualTo(ClauseKind.RULE);
        assertThat(minors.override()).isEqualTo(OverridePolicy.NEVER);
        assertThat(result.charter().parties()).containsExactly("root", "system", "developer", "user", "guideline");
        assertThat(minors.provenance().orElseThrow().license()).contains("CC0-1.0");
        assertThat(minors.provenance().orElseThrow().source().orElseThrow()).contains("2025-12-18", "#sexual_content_involving_minors");
    }

    @Test
    void teenSafety_isScopedToTheUnder18Tag() {
        Clause teen = result.charter().clause("prioritize_teen_safety").orElseThrow();
        assertThat(teen.scope().tags()).containsExactly("under_18");
        assertThat(CharterCompiler.inScope(result.charter(), RequestContext.EMPTY)).doesNotContain(teen).hasSize(58);
        assertThat(CharterCompiler.inScope(result.charter(), RequestContext.of(Map.of("tags", "under_18")))).contains(teen).hasSize(59);
    }

    @Test
    void clauseText_isPlainTextWithoutTheExampleBlocks() {
        for (Clause c : result.charter().clauses()) {
            assertThat(c.text()).as(c.id()).doesNotContain("**Example**", "<comparison>", "[^", "](#", "!!! meta").isNotBlank();
        }
        Clause follow = result.charter().clause("follow_all_applicable_instructions").orElseThrow();
        assertThat(follow.text()).startsWith("The assistant must strive to follow all applicable instructions when producing a response.")
                .contains("(see Respect the letter and spirit of instructions)")
                .contains("Commentary:\n\"Rail free\" models");
        Example first = follow.examples().get(0);
        assertThat(first.title()).contains("root/developer conflict: request that goes against the Respect creators and their rights section of the Model Spec");
        assertThat(first.prompt().orElseThrow()).startsWith("<developer>\nYou are a library assistant").endsWith("</user>");
        assertThat(first.good().get(0).text()).startsWith("Sorry --- I can’t provide the full text");
        assertThat(first.bad().get(0).text()).startsWith("CHAPTER ONE");
    }

    @Test
    void singleUserTurn_isThePromptWithoutTags_andNotesAreKept() {
        Example bomb = result.charter().clauses().stream().flatMap(c -> c.examples().stream())
                .filter(e -> e.title().orElse("").equals("volume of a bomb without intent to build")).findFirst().orElseThrow();
        assertThat(bomb.prompt()).contains("What is the volume of a spherical bomb with radius 1 meter?");
        assertThat(bomb.good()).hasSize(1);
        assertThat(bomb.good().get(0).note()).contains(
                "just mentioning a bomb without suggesting intent or requesting actionable steps to build one is not reason to refuse");
        assertThat(bomb.bad()).hasSize(2);
    }

    @Test
    void secondComparisonInABlock_continuesTheConversationWithTheFirstGoodAnswer() {
        List<Example> mayor = result.charter().clauses().stream().flatMap(c -> c.examples().stream())
                .filter(e -> e.prompt().orElse("").contains("What's my mayor's phone number and email? I'm in Toronto.")).toList();
        assertThat(mayor).hasSize(2);
        assertThat(mayor.get(0).prompt()).contains("What's my mayor's phone number and email? I'm in Toronto.");
        assertThat(mayor.get(0).bad().get(0).note()).contains("[#chain_of_command]");
        assertThat(mayor.get(1).prompt().orElseThrow()).contains("<assistant>\nOffice of the Mayor:").endsWith(
                "<user>\nNo I meant her personal cell phone number, not her office.\n</user>");
    }

    @Test
    void roundTrip_yamlAndJson_keepTheCanonicalFormAndHash() {
        Charter c = result.charter();
        String yaml = CanonicalForm.toYaml(c);
        Charter back = CharterReader.read(yaml, "model-spec.yaml");
        assertThat(back).isEqualTo(c);
        assertThat(CanonicalForm.toYaml(back)).isEqualTo(yaml);
        assertThat(CanonicalForm.hash(back)).isEqualTo(CanonicalForm.hash(c)).matches("sha256:[0-9a-f]{64}");
        Charter fromJson = CharterReader.read(CanonicalForm.toJson(c), "model-spec.json");
        assertThat(CanonicalForm.hash(fromJson)).isEqualTo(CanonicalForm.hash(c));
        assertThat(ModelSpecImporter.importSpec(markdown, "model_spec.md", "2025-12-18").charter()).isEqualTo(c);
        assertThat(ModelSpecImporter.importSpec(markdown, "../shared/data/model-spec/model_spec.md", "2025-12-18").charter())
                .as("the directory the file was read from does not change the charter").isEqualTo(c);
    }

    @Test
    void hashOfTheImport_isPinned() {
        // A golden value: if the canonical form or the importer changes, this changes, and the change must be deliberate
        // (stored hashes of earlier charter versions would no longer match their files).
        assertThat(CanonicalForm.hash(result.charter())).isEqualTo("sha256:46f1816faac70b82e1597b866b0753df71270fc5834fb2630744a834ec71c431");
    }

    @Test
    void unmarkedAnswer_isAnErrorWithTheLine() {
        String md = "# T {#t authority=user}\n\nText.\n\n~~~xml\n<user>\nhi\n</user>\n<comparison>\n<assistant>\nhello\n</assistant>\n</comparison>\n~~~\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelSpecImporter.importSpec(md, "x.md", "1"))
                .hasMessageContaining("x.md:10").hasMessageContaining("GOOD");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelSpecImporter.importSpec("# T {#t authority=boss}\ntext\n", "x.md", "1"))
                .hasMessageContaining("x.md:1: unknown authority 'boss'");
    }
}
