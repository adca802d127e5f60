package org.charter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.charter.Request;
import org.charter.core.charter.RequestContext;
import org.charter.core.charter.Resolver;
import org.charter.core.charter.ResolverSettings;
import org.charter.core.charter.Charter;
import org.charter.llm.Embedder;
import org.charter.llm.EmbeddingSimilarity;

import picocli.CommandLine.Option;

/**
 * The options that describe a request ({@code --prompt}, {@code --system}, {@code --developer}, {@code --transcript},
 * {@code --context}) and the resolver's, shared by {@code resolve} and {@code compile}; and the one in-process
 * embedding model per JVM.
 */
final class RequestOptions {
    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt (an instruction at the system or platform level).")
    String system;

    @Option(names = "--developer", paramLabel = "TEXT", description = "A developer message before the prompt.")
    String developer;

    @Option(names = "--transcript", paramLabel = "FILE",
            description = "The conversation, written with the Model Spec's role tags (<system>, <developer>, <user>, <assistant>, <tool>; <untrusted> for quoted parts), instead of --prompt.")
    Path transcript;

    @Option(names = "--context", arity = "1..*", paramLabel = "K=V",
            description = "Request metadata: locale, region, domain, audience, channel, tags (comma-separated). Repeatable.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--no-always-on", description = "Do not apply the highest authority's never-overridable rules to every request; only what retrieval and the instructions bring in.")
    boolean noAlwaysOn;

    @Option(names = "--max-retrieved", paramLabel = "K", description = "At most K clauses by retrieval (default: 3).")
    Integer maxRetrieved;

    @Option(names = "--min-score", paramLabel = "S", description = "Retrieval threshold, cosine similarity (default: 0.25).")
    Double minScore;

    @Option(names = "--query", paramLabel = "WHICH", defaultValue = "last-user",
            description = "Retrieval queries: last-user (the last unquoted user message) or all-instructions (every unquoted system, developer and user message; a clause scores its best) (default: ${DEFAULT-VALUE}).")
    String query;

    private static Embedder embedder;
    private static EmbeddingSimilarity similarity;

    /** The request context from {@code --context}; a bad key is a usage error. */
    RequestContext context() {
        try {
            return RequestContext.of(context);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--context: " + e.getMessage());
        }
    }

    /** The request: the transcript, or the system, developer and user messages given. */
    Request request(String prompt) throws IOException {
        RequestContext ctx = context();
        if (transcript != null) {
            if (prompt != null || system != null || developer != null) throw new UsageException("--transcript replaces --prompt, --system and --developer");
            try {
                return Request.parseTranscript(CharterFiles.read(transcript), ctx);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(transcript + ": " + e.getMessage(), e);
            }
        }
        if (prompt == null || prompt.isBlank()) throw new UsageException("--prompt TEXT (or --transcript FILE) is required");
        List<Request.Message> m = new ArrayList<>();
        if (system != null && !system.isBlank()) m.add(Request.Message.of(Request.Role.SYSTEM, system));
        if (developer != null && !developer.isBlank()) m.add(Request.Message.of(Request.Role.DEVELOPER, developer));
        m.add(Request.Message.of(Request.Role.USER, prompt));
        return new Request(m, ctx);
    }

    ResolverSettings settings() {
        ResolverSettings s = ResolverSettings.DEFAULT;
        if (maxRetrieved != null || minScore != null) {
            int k = maxRetrieved == null ? s.maxRetrieved() : maxRetrieved;
            double min = minScore == null ? s.minScore() : minScore;
            if (k < 0) throw new UsageException("--max-retrieved must not be negative");
            s = s.withRetrieval(min, k, Math.max(min, s.weakScore()));
        }
        s = switch (query) {
            case "last-user" -> s;
            case "all-instructions" -> s.withQuery(ResolverSettings.QueryMessages.ALL_INSTRUCTIONS);
            default -> throw new UsageException("--query: expected last-user or all-instructions, not '" + query + "'");
        };
        return noAlwaysOn ? s.withAlwaysOnTopRules(false) : s;
    }

    /** A resolver for an effective charter with in-process embeddings (the charter is embedded once per content hash). */
    Resolver resolver(Charter effective) {
        return new Resolver(effective, similarity(), settings());
    }

    /** The JVM's embedder (loaded with the similarity on first use). */
    static synchronized Embedder embedder() {
        similarity();
        return embedder;
    }

    /** The JVM's embedding similarity: all-MiniLM-L6-v2 (quantised), loaded on first use. */
    static synchronized EmbeddingSimilarity similarity() {
        if (similarity == null) {
            embedder = Embedder.create();
            similarity = new EmbeddingSimilarity(embedder);
        }
        return similarity;
    }
}
