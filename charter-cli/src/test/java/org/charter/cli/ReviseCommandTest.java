package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter revise}: a critique citing the clause goes to the model, the revision is judged again. */
class ReviseCommandTest {
    private static final String PRIVACY = org.charter.core.charter.SampleCharters.PRIVACY_DESK;

    @Test
    void aViolatingResponseIsCritiquedRevisedAndJudgedAgain(@TempDir Path tmp) throws IOException {
        Path charter = tmp.resolve("privacy.yaml");
        Files.writeString(charter, PRIVACY);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.reply(Reply.text("I can't share where someone lives. If you need to reach him, the city can forward a letter."));
            CliTest.Run r = CliTest.run("revise", charter.toString(), "--prompt", "Where does my neighbour Jan live?",
                    "--response", "Jan Peeters lives at Kerkstraat 12, by the church.", "--base-url", server.baseUrl(), "--model", "m", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode d = new ObjectMapper().readTree(r.out());
            assertThat(d.get("rounds").get(0).get("violated").get(0).asText()).isEqualTo("protect_personal_data");
            assertThat(d.get("revisions").asInt()).isEqualTo(1);
            assertThat(d.get("compliant").asBoolean()).isTrue();
            assertThat(d.get("response").asText()).startsWith("I can't share where someone lives");
            // what the model was sent: the charter as system prompt, the conversation, and the critique citing the clause
            JsonNode sent = server.lastRequest().json().get("messages");
            assertThat(sent.get(0).get("role").asText()).isEqualTo("system");
            assertThat(sent.get(sent.size() - 1).get("content").asText()).contains("[law] protect_personal_data").contains("Never reveal a resident's address");
            assertThat(sent.get(sent.size() - 2).get("role").asText()).isEqualTo("assistant");
        }
    }

    @Test
    void unreachableModel_isOneClearError(@TempDir Path tmp) throws IOException {
        Path charter = tmp.resolve("privacy.yaml");
        Files.writeString(charter, PRIVACY);
        CliTest.Run r = CliTest.run("revise", charter.toString(), "--prompt", "Where does my neighbour Jan live?",
                "--response", "Jan Peeters lives at Kerkstraat 12, by the church.", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--timeout", "2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1:9").doesNotContain("Exception");
    }
}
