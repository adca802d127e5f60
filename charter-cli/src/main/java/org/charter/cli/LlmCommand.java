package org.charter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.charter.llm.ChatMessage;
import org.charter.llm.ChatRequest;
import org.charter.llm.ChatResponse;
import org.charter.llm.LlmConfig;
import org.charter.llm.OpenAiChatClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter llm ...}: the model server Charter talks to. */
@Command(name = "llm", mixinStandardHelpOptions = true, description = "Check the OpenAI-compatible model server Charter talks to.",
        subcommands = LlmCommand.Ping.class)
final class LlmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (ping)");
    }

    /** The flags (a picocli mixin) of every command that calls a model; values not given come from CHARTER_LLM_* variables. */
    static final class ModelOptions {
        @Option(names = "--base-url", paramLabel = "URL",
                description = "Base URL of an OpenAI-compatible API, ending in /v1 (default: $CHARTER_LLM_BASE_URL).")
        String baseUrl;

        @Option(names = "--model", paramLabel = "NAME", description = "Model name (default: $CHARTER_LLM_MODEL).")
        String model;

        @Option(names = "--api-key", paramLabel = "KEY",
                description = "API key (default: $CHARTER_LLM_API_KEY; prefer the variable: flags show in the process list).")
        String apiKey;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @Option(names = "--retries", defaultValue = "0",
                description = "Retries of timeouts, 5xx and 429, with exponential backoff (default: ${DEFAULT-VALUE}).")
        int retries;

        LlmConfig resolve() {
            if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) throw new UsageException("--timeout must be in (0, 86400] seconds");
            if (retries < 0) throw new UsageException("--retries must not be negative");
            try {
                return LlmConfig.resolve(new LlmConfig.Flags(baseUrl, model, apiKey, Duration.ofMillis(Math.round(timeoutSeconds * 1000)), retries),
                        System.getenv());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    @Command(name = "ping", mixinStandardHelpOptions = true,
            description = "Send one short request to the model server and print its answer, the latency and whether it"
                    + " returned token log-probabilities; one error line and exit 1 when it cannot be reached.")
    static final class Ping implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ModelOptions options;

        @Option(names = "--prompt", defaultValue = "Reply with the single word: pong", description = "What to send (default: '${DEFAULT-VALUE}').")
        String prompt;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LlmConfig config = options.resolve();
            var client = new OpenAiChatClient(config);
            ChatResponse r = client.chat(ChatRequest.of(List.of(ChatMessage.user(prompt))).withTemperature(0).withMaxTokens(16).withLogprobs(1));
            PrintWriter out = spec.commandLine().getOut();
            out.println("server:   " + config.chatCompletionsUrl());
            out.println("model:    " + config.model() + (r.model().equals(config.model()) || r.model().isEmpty() ? "" : " (answered as " + r.model() + ")"));
            out.println("answer:   " + r.text().strip().replaceAll("\\s+", " "));
            out.printf("latency:  %d ms%s%n", r.latency().toMillis(), r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : "");
            var logprobs = r.choices().get(0).logprobs();
            out.println("logprobs: " + (logprobs.available() ? "returned (" + logprobs.tokens().size() + " tokens)" : "not returned"));
            out.flush();
            return 0;
        }
    }
}
