package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatClient} must do, whatever is behind it: subclasses give a client that answers "yes" to
 * everything; {@link OpenAiChatClientContractTest} runs it against a real local server, {@link
 * ScriptedChatClientContractTest} against the test double.
 */
public abstract class ChatClientContract {
    /** A client whose model answers every request with the text "yes". */
    protected abstract ChatClient yesClient();

    @Test
    void oneRequestGivesOneChoice() {
        ChatResponse r = yesClient().chat(ChatRequest.ofUser("Is water wet?"));
        assertThat(r.choices()).hasSize(1);
        assertThat(r.text()).isEqualTo("yes");
        assertThat(r.attempts()).isPositive();
        assertThat(r.latency().isNegative()).isFalse();
    }

    @Test
    void nSamplesGiveNChoicesInIndexOrder() {
        ChatResponse r = yesClient().chat(ChatRequest.ofUser("Is water wet?").withN(4).withTemperature(1.0));
        assertThat(r.choices()).extracting(ChatResponse.Choice::index).containsExactly(0, 1, 2, 3);
        assertThat(r.choices()).allSatisfy(c -> assertThat(c.text()).isEqualTo("yes"));
    }

    @Test
    void logprobsAreNotAvailableUnlessAskedFor() {
        assertThat(yesClient().chat(ChatRequest.ofUser("x")).choices()).allSatisfy(c -> assertThat(c.logprobs().available()).isFalse());
    }

    @Test
    void askedForLogprobsCoverTheAnswersTokens() {
        ChatResponse r = yesClient().chat(ChatRequest.ofUser("x").withN(2).withLogprobs(1));
        for (ChatResponse.Choice c : r.choices()) {
            assertThat(c.logprobs().available()).isTrue();
            assertThat(String.join("", c.logprobs().tokens().stream().map(TokenLogprob::token).toList())).isEqualTo(c.text());
            assertThat(c.logprobs().tokens()).allSatisfy(t -> {
                assertThat(t.logprob()).isLessThanOrEqualTo(0.0);
                assertThat(t.top()).hasSizeLessThanOrEqualTo(1);
            });
        }
    }

    @Test
    void describesWhereItSends() {
        ChatClient c = yesClient();
        assertThat(c.endpoint()).isNotBlank();
        assertThat(c.model()).isNotBlank();
    }
}
