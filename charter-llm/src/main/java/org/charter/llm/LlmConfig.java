package org.charter.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the chat model is and how to call it: the base URL of an OpenAI-compatible API (ending in {@code /v1} for
 * OpenAI, vLLM, llama.cpp's server and Ollama), the model name, an optional API key, the per-request timeout, how
 * many times to retry a retryable failure, the backoff between retries and the seed of its jitter.
 */
public record LlmConfig(URI baseUrl, String model, Optional<String> apiKey, Duration timeout, int maxRetries, Backoff backoff, long jitterSeed) {
    public static final String ENV_BASE_URL = "CHARTER_LLM_BASE_URL";
    public static final String ENV_MODEL = "CHARTER_LLM_MODEL";
    public static final String ENV_API_KEY = "CHARTER_LLM_API_KEY";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;

    public LlmConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the model base URL must be an http:// or https:// URL with a host, not '" + baseUrl + "'");
        }
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("the model name must not be blank");
        Objects.requireNonNull(apiKey, "apiKey");
        apiKey = apiKey.filter(k -> !k.isBlank());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative, not " + maxRetries);
        Objects.requireNonNull(backoff, "backoff");
    }

    /** A configuration with the default timeout, retries and backoff, and a {@link #processJitterSeed() per-process jitter seed}. */
    public static LlmConfig of(String baseUrl, String model, String apiKey) {
        return new LlmConfig(parseUrl(baseUrl, "base URL"), model, Optional.ofNullable(apiKey), DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES,
                Backoff.DEFAULT, processJitterSeed());
    }

    /**
     * The default jitter seed: the process id mixed with the start time, so that processes started together do not
     * retry in lock-step (which a shared constant seed would make them do, defeating jitter). It only decides waiting
     * times, never a result; the seed is kept in the configuration, and tests pass their own.
     */
    public static long processJitterSeed() {
        long x = ProcessHandle.current().pid() * 0x9E3779B97F4A7C15L ^ System.nanoTime();
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }

    public LlmConfig withJitterSeed(long seed) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, maxRetries, backoff, seed);
    }

    /** The chat-completions endpoint: the base URL without a trailing slash, then {@code /chat/completions}. */
    public URI chatCompletionsUrl() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/chat/completions");
    }

    public LlmConfig withTimeout(Duration t) {
        return new LlmConfig(baseUrl, model, apiKey, t, maxRetries, backoff, jitterSeed);
    }

    public LlmConfig withMaxRetries(int retries) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, retries, backoff, jitterSeed);
    }

    public LlmConfig withBackoff(Backoff b) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, maxRetries, b, jitterSeed);
    }

    /** Never shows the key: it ends up in logs and error reports. */
    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", backoff=" + backoff + ", jitterSeed=" + jitterSeed + "]";
    }

    /**
     * Values given on the command line; {@code null} means "not given". Timeout, retries and backoff have defaults and
     * no environment variables.
     */
    public record Flags(String baseUrl, String model, String apiKey, Duration timeout, Integer maxRetries) {
        public static final Flags NONE = new Flags(null, null, null, null, null);
    }

    /**
     * The one place where flags and environment meet: each of base URL, model and API key comes from its flag when
     * given, else from {@code CHARTER_LLM_BASE_URL} / {@code CHARTER_LLM_MODEL} / {@code CHARTER_LLM_API_KEY}; blank
     * values count as absent. A missing base URL or model is an error naming both the flag and the variable.
     */
    public static LlmConfig resolve(Flags flags, Map<String, String> env) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(env, "env");
        String url = pick(flags.baseUrl(), env.get(ENV_BASE_URL))
                .orElseThrow(() -> new IllegalArgumentException("no model server: give --base-url or set " + ENV_BASE_URL
                        + " (for example http://localhost:11434/v1)"));
        String model = pick(flags.model(), env.get(ENV_MODEL))
                .orElseThrow(() -> new IllegalArgumentException("no model: give --model or set " + ENV_MODEL));
        Optional<String> key = pick(flags.apiKey(), env.get(ENV_API_KEY));
        String from = nonBlank(flags.baseUrl()) ? "--base-url" : ENV_BASE_URL;
        return new LlmConfig(parseUrl(url, from), model, key,
                flags.timeout() != null ? flags.timeout() : DEFAULT_TIMEOUT,
                flags.maxRetries() != null ? flags.maxRetries() : DEFAULT_MAX_RETRIES, Backoff.DEFAULT, processJitterSeed());
    }

    private static Optional<String> pick(String flag, String env) {
        if (nonBlank(flag)) return Optional.of(flag.strip());
        if (nonBlank(env)) return Optional.of(env.strip());
        return Optional.empty();
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static URI parseUrl(String url, String from) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(from + ": '" + url + "' is not an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(from + ": '" + url + "' is not a URL: " + e.getReason());
        }
    }
}
