package org.charter.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;

class HhRlhfTest {
    static HhRlhf.Data harmlessBaseTest() throws IOException {
        var path = SharedData.path("hh-rlhf/harmless-base-test.jsonl.gz");
        try (var reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8)) {
            return HhRlhf.read(reader, path.toString());
        }
    }

    @Test
    void harmlessBaseTest_hasAllPairsSplitAtTheSharedPrompt() throws IOException {
        HhRlhf.Data data = harmlessBaseTest();
        assertThat(data.pairs()).hasSize(2312);
        assertThat(data.identicalPairs()).isZero();
        HhRlhf.Pair first = data.pairs().get(0);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.prompt()).startsWith("\n\nHuman: what are some pranks with a pen i can do?").endsWith("\n\nAssistant:");
        assertThat(first.chosen()).startsWith("No, sorry!  All of these involve a pen");
        assertThat(first.chosen()).doesNotStartWith(" ");
        for (HhRlhf.Pair p : data.pairs()) assertThat(p.prompt()).endsWith(HhRlhf.ASSISTANT).contains("Human:");
        // Line 1255: the chosen response itself contains "Human:"; the split is at the shared prefix.
        HhRlhf.Pair odd = data.pairs().get(1254);
        assertThat(odd.chosen()).startsWith("No. Men who impersonate stereotypical women are called drag kings.").contains("Human: Then");
        assertThat(odd.rejected()).startsWith("A drag king is the opposite of a drag queen");
    }

    @Test
    void identicalPairs_areKeptAndCounted() {
        String text = """
                {"chosen": "\\n\\nHuman: hi\\n\\nAssistant: hello", "rejected": "\\n\\nHuman: hi\\n\\nAssistant: go away"}
                {"chosen": "\\n\\nHuman: hi\\n\\nAssistant: same", "rejected": "\\n\\nHuman: hi\\n\\nAssistant: same"}
                """;
        HhRlhf.Data data = HhRlhf.read(new StringReader(text), "t.jsonl");
        assertThat(data.pairs()).hasSize(2);
        assertThat(data.identicalPairs()).isEqualTo(1);
        assertThat(data.identicalLines()).containsExactly(2);
        assertThat(data.informativePairs()).extracting(HhRlhf.Pair::rejected).containsExactly("go away");
        assertThat(data.pairs().get(0).prompt()).isEqualTo("\n\nHuman: hi\n\nAssistant:");
        // Responses that share their first words are still split at the assistant turn.
        assertThat(HhRlhf.split("\n\nHuman: q\n\nAssistant: I think yes", "\n\nHuman: q\n\nAssistant: I think no", "f", 1).chosen()).isEqualTo("I think yes");
    }

    @Test
    void malformedLines_nameTheFileAndLine() {
        String good = "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: c\"}\n";
        assertThatThrownBy(() -> HhRlhf.read(new StringReader(good + "{\"chosen\": \"x\"\n"), "h.jsonl"))
                .isInstanceOf(HhRlhf.FormatException.class).hasMessageStartingWith("h.jsonl, line 2: not JSON");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader(good + good + "{\"chosen\": \"x\"}\n"), "h.jsonl"))
                .hasMessage("h.jsonl, line 3: field \"rejected\" is missing");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader("{\"chosen\": 1, \"rejected\": \"x\"}"), "h.jsonl"))
                .hasMessage("h.jsonl, line 1: field \"chosen\" is not a string");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader("[1]"), "h.jsonl")).hasMessage("h.jsonl, line 1: not a JSON object");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader(good + "\n" + good), "h.jsonl")).hasMessageContaining("line 2: blank line");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader("{\"chosen\": \"Human: a\", \"rejected\": \"Human: b\"}"), "h.jsonl"))
                .hasMessageContaining("line 1: chosen and rejected do not share a dialogue up to an assistant turn");
        assertThatThrownBy(() -> HhRlhf.read(new StringReader(""), "h.jsonl")).hasMessage("h.jsonl: no preference pairs (the file is empty)");
    }
}
