package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Flags over environment, in the one place that resolves them. */
class LlmConfigTest {
    static final Map<String, String> ENV = Map.of("CHARTER_LLM_BASE_URL", "http://env-host:8000/v1", "CHARTER_LLM_MODEL", "env-model",
            "CHARTER_LLM_API_KEY", "sk-env");

    @Test
    void environmentAloneIsEnough() {
        LlmConfig c = LlmConfig.resolve(LlmConfig.Flags.NONE, ENV);
        assertThat(c.baseUrl()).hasToString("http://env-host:8000/v1");
        assertThat(c.model()).isEqualTo("env-model");
        assertThat(c.apiKey()).contains("sk-env");
        assertThat(c.timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
        assertThat(c.maxRetries()).isEqualTo(LlmConfig.DEFAULT_MAX_RETRIES);
    }

    @Test
    void flagsWinOverTheEnvironmentOneByOne() {
        LlmConfig c = LlmConfig.resolve(new LlmConfig.Flags("http://flag-host:11434/v1/", null, null, Duration.ofSeconds(5), 0), ENV);
        assertThat(c.baseUrl()).hasToString("http://flag-host:11434/v1/");
        assertThat(c.chatCompletionsUrl()).hasToString("http://flag-host:11434/v1/chat/completions");
        assertThat(c.model()).isEqualTo("env-model");
        assertThat(c.apiKey()).contains("sk-env");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxRetries()).isZero();
        LlmConfig all = LlmConfig.resolve(new LlmConfig.Flags("https://api.openai.com/v1", "gpt-4o-mini", "sk-flag", null, null), ENV);
        assertThat(all.model()).isEqualTo("gpt-4o-mini");
        assertThat(all.apiKey()).contains("sk-flag");
    }

    @Test
    void blankValuesCountAsAbsent() {
        LlmConfig c = LlmConfig.resolve(new LlmConfig.Flags(" ", "", null, null, null),
                Map.of("CHARTER_LLM_BASE_URL", "http://localhost:8080/v1", "CHARTER_LLM_MODEL", "m", "CHARTER_LLM_API_KEY", "  "));
        assertThat(c.baseUrl()).hasToString("http://localhost:8080/v1");
        assertThat(c.apiKey()).isEmpty();
    }

    @Test
    void missingOrBadValuesAreNamed() {
        assertThatThrownBy(() -> LlmConfig.resolve(LlmConfig.Flags.NONE, Map.of()))
                .hasMessage("no model server: give --base-url or set CHARTER_LLM_BASE_URL (for example http://localhost:11434/v1)");
        assertThatThrownBy(() -> LlmConfig.resolve(LlmConfig.Flags.NONE, Map.of("CHARTER_LLM_BASE_URL", "http://h/v1")))
                .hasMessage("no model: give --model or set CHARTER_LLM_MODEL");
        assertThatThrownBy(() -> LlmConfig.resolve(new LlmConfig.Flags("localhost:8000", "m", null, null, null), Map.of()))
                .hasMessage("--base-url: 'localhost:8000' is not an http:// or https:// URL with a host");
        assertThatThrownBy(() -> LlmConfig.resolve(LlmConfig.Flags.NONE, Map.of("CHARTER_LLM_BASE_URL", "ftp://h", "CHARTER_LLM_MODEL", "m")))
                .hasMessage("CHARTER_LLM_BASE_URL: 'ftp://h' is not an http:// or https:// URL with a host");
        assertThatThrownBy(() -> LlmConfig.resolve(new LlmConfig.Flags("http://h/v1", "m", null, Duration.ZERO, null), Map.of()))
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(LlmConfig.resolve(LlmConfig.Flags.NONE, ENV).toString()).doesNotContain("sk-env").contains("apiKey=(set)");
    }
}
