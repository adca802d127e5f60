package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Example;
import org.charter.core.charter.ModelSpecImporter;
import org.charter.core.charter.Request;
import org.charter.core.charter.RequestContext;
import org.charter.core.charter.Resolution;
import org.charter.core.charter.Resolver;
import org.charter.core.charter.ResolverSettings;
import org.charter.core.charter.RetrievalEvaluation;
import org.charter.llm.Embedder;
import org.charter.llm.EmbeddingSimilarity;
import org.charter.llm.MiniLm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench resolve}: the latency of resolving requests against the imported Model Spec with in-process
 * embeddings, after warm-up, and the cost of the first (cold) resolution that embeds the charter.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Resolution over the imported Model Spec with in-process embeddings (all-MiniLM-L6-v2, quantised): the",
                "cold cost (model load, embedding the charter, first request), then p50 and p99 per request after warm-up",
                "with every request's messages embedded afresh (no embedding cache), and the same with the requests'",
                "embeddings cached (scoring and precedence alone). Requests: the Spec's example prompts, in order,",
                "repeated to --n. Also prints the leave-one-out retrieval accuracy on those prompts."})
final class BenchResolveCommand implements Callable<Integer> {
    @Option(names = "--n", defaultValue = "1000", description = "Measured requests (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--warmup", defaultValue = "300", description = "Untimed requests first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--spec", paramLabel = "FILE", defaultValue = "../shared/data/model-spec/model_spec.md",
            description = "The Model Spec to import (default: ${DEFAULT-VALUE}).")
    Path spec;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || warmup < 0) throw new UsageException("--n must be positive and --warmup not negative");
        PrintWriter out = commandSpec.commandLine().getOut();
        long t0 = System.nanoTime();
        Charter charter = ModelSpecImporter.importSpec(CharterFiles.read(spec), spec.toString(), "2025-12-18").charter();
        double importMs = ms(t0);
        List<Request> requests = new ArrayList<>();
        for (Clause c : charter.clauses()) {
            for (Example e : c.examples()) {
                if (e.prompt().isEmpty()) continue;
                try {
                    requests.add(Request.parseTranscript(e.prompt().get(), RequestContext.EMPTY));
                } catch (IllegalArgumentException x) {
                    requests.add(Request.of(e.prompt().get(), java.util.Optional.empty(), RequestContext.EMPTY));
                }
            }
        }
        out.printf("charter bench resolve: %s (%d clauses, %d example prompts as requests); %d measured requests after %d warm-up;"
                + " %d cores, Java %s%n", spec, charter.clauses().size(), requests.size(), n, warmup, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        // cold: the model, the charter's embeddings, the first request
        long t1 = System.nanoTime();
        Embedder fresh = Embedder.create(MiniLm.QUANTISED, 0); // no cache: every request's text is embedded anew
        double loadMs = ms(t1);
        EmbeddingSimilarity similarity = new EmbeddingSimilarity(fresh);
        long t2 = System.nanoTime();
        Resolver resolver = new Resolver(charter, similarity, ResolverSettings.DEFAULT);
        double indexMs = ms(t2);
        long t3 = System.nanoTime();
        Resolution first = resolver.resolve(requests.get(0));
        double firstMs = ms(t3);
        out.printf("cold: import %.0f ms; model load %.0f ms; embedding the charter %.0f ms (%d texts retrieved against, plus %d example"
                + " responses; %d contradicting clause pairs); first request %.1f ms%n", importMs, loadMs, indexMs, resolver.corpusSize(),
                responses(charter), resolver.contradictingPairs(), firstMs);
        out.printf("  (first request: %d applicable, gap %s)%n", first.applicable().size(), first.gap());
        out.flush();

        // warm: a new Resolver over the same charter reuses its embeddings (same content hash)
        long t4 = System.nanoTime();
        Resolver again = new Resolver(charter, similarity, ResolverSettings.DEFAULT);
        out.printf("second Resolver for the same charter (embeddings kept by content hash): %.1f ms%n", ms(t4));
        double[] uncached = run(again, requests, warmup, n);
        out.println(line("per request, embeddings computed", uncached));
        out.println(tail(again, requests));

        Embedder cachedEmbedder = Embedder.create(MiniLm.QUANTISED, Embedder.DEFAULT_CACHE_SIZE);
        Resolver cached = new Resolver(charter, new EmbeddingSimilarity(cachedEmbedder), ResolverSettings.DEFAULT);
        for (Request r : requests) cached.resolve(r); // fills the embedding cache
        double[] hit = run(cached, requests, warmup, n);
        out.println(line("per request, embeddings cached", hit));

        RetrievalEvaluation.Result loo = RetrievalEvaluation.leaveOneOut(again);
        out.print(loo.describe());
        out.flush();
        return 0;
    }

    /**
     * What the slowest requests are: each distinct request timed once more (embeddings computed), and the mean length
     * of the text embedded whole (the query) and the number of messages of the slowest 2% against the rest.
     */
    static String tail(Resolver resolver, List<Request> requests) {
        int k = requests.size();
        double[] t = new double[k];
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            long s = System.nanoTime();
            Resolution r = resolver.resolve(requests.get(i));
            t[i] = (System.nanoTime() - s) / 1e6;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(t[b], t[a]));
        int slow = Math.max(1, k / 50);
        double slowChars = 0, restChars = 0, slowMsgs = 0, restMsgs = 0;
        for (int i = 0; i < k; i++) {
            Request r = requests.get(order[i]);
            int chars = r.lastUserMessage().map(u -> r.messages().get(u).text().length()).orElse(0);
            if (i < slow) { slowChars += chars; slowMsgs += r.messages().size(); } else { restChars += chars; restMsgs += r.messages().size(); }
        }
        return String.format(java.util.Locale.ROOT, "  slowest %d of %d requests (%.1f ms and more): query %.0f chars, %.1f messages on average;"
                + " the rest: %.0f chars, %.1f messages", slow, k, t[order[slow - 1]], slowChars / slow, slowMsgs / slow,
                restChars / (k - slow), restMsgs / (k - slow));
    }

    private static int responses(Charter c) {
        int k = 0;
        for (Clause cl : c.clauses()) for (Example e : cl.examples()) k += e.good().size() + e.bad().size();
        return k;
    }

    /** Latencies in milliseconds of {@code n} requests after {@code warmup} untimed ones, sorted. */
    static double[] run(Resolver resolver, List<Request> requests, int warmup, int n) {
        for (int i = 0; i < warmup; i++) resolver.resolve(requests.get(i % requests.size()));
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            Request r = requests.get(i % requests.size());
            long s = System.nanoTime();
            resolver.resolve(r);
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t;
    }

    static String line(String label, double[] sorted) {
        return String.format(java.util.Locale.ROOT, "%-34s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   mean %6.2f ms   (%d requests)", label,
                quantile(sorted, 0.50), quantile(sorted, 0.99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0), sorted.length);
    }

    /** The nearest-rank quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
