package org.charter.cli;

import java.util.List;
import java.util.function.Supplier;

import org.charter.core.charter.Charter;
import org.charter.core.judge.EmbeddingJudge;
import org.charter.core.judge.Judge;
import org.charter.core.judge.JudgePanel;
import org.charter.llm.ChatClient;
import org.charter.llm.EmbedderEncoder;
import org.charter.llm.LlmJudge;

/** The {@code --judge embedding|llm|panel} choice shared by judge, decide, revise and eval; one embedder per JVM. */
final class Judges {
    private Judges() { }

    static final List<String> KINDS = List.of("embedding", "llm", "panel");

    static void check(String kind) {
        if (!KINDS.contains(kind)) throw new UsageException("--judge must be embedding, llm or panel, not '" + kind + "'");
    }

    /** The embedding judge of a charter over the JVM's shared embedder (the one resolution uses too). */
    static EmbeddingJudge embedding(Charter charter) {
        return EmbeddingJudge.of(charter, new EmbedderEncoder(RequestOptions.embedder()));
    }

    /**
     * The judge of {@code kind}; the model client is made first for llm and panel, so that a missing server or model
     * is a usage error before the embedding model loads.
     */
    static Judge of(String kind, Supplier<EmbeddingJudge> embedding, Supplier<ChatClient> client, int samples) {
        check(kind);
        return switch (kind) {
            case "embedding" -> embedding.get();
            case "llm" -> new LlmJudge(client.get(), samples, LlmJudge.DEFAULT_TEMPERATURE);
            default -> {
                Judge model = new LlmJudge(client.get(), samples, LlmJudge.DEFAULT_TEMPERATURE);
                yield JudgePanel.equal("panel", List.of(embedding.get(), model));
            }
        };
    }
}
