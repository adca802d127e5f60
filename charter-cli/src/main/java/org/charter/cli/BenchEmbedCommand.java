package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.charter.llm.Embedder;
import org.charter.llm.MiniLm;
import org.charter.llm.RawOnnxMiniLm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter bench embed}: sentences per second and per-sentence latency of the in-process {@link Embedder}
 * against all-MiniLM-L6-v2 run straight on ONNX Runtime ({@link RawOnnxMiniLm}) on the same sentences, the batch
 * path, and what a cache hit costs.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embedding throughput and latency: Charter's Embedder (LangChain4j, cache off) against raw ONNX Runtime"
                + " (OrtSession on the same model file and tokenizer) on the same sentences, one sentence per call from"
                + " --threads threads after --warmup calls; then the Embedder's batch call and the cost of a cache hit.",
                "Inputs: the sentences of the Model Spec (--spec) when the file is there, else a built-in list."})
final class BenchEmbedCommand implements Callable<Integer> {
    @Option(names = "--n", defaultValue = "1000", description = "Sentences embedded per measured run (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--threads", defaultValue = "1", description = "Threads calling at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "300", description = "Untimed calls first, per path (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Measured runs of each path, alternating Embedder and raw; medians are reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--model", defaultValue = "all-minilm-l6-v2-q",
            description = "all-minilm-l6-v2-q (the one in the jar) or all-minilm-l6-v2 (needs its artifact on the class path) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--spec", paramLabel = "FILE", defaultValue = "../shared/data/model-spec/model_spec.md",
            description = "The Model Spec whose sentences are the inputs (default: ${DEFAULT-VALUE}).")
    Path spec;

    @Spec
    CommandSpec commandSpec;

    /** Used when the Model Spec is not there: short policy-like sentences of the kind a charter holds. */
    static final List<String> BUILT_IN = List.of(
            "The assistant must not help anyone build weapons capable of mass casualties.",
            "Respect the user's privacy and do not reveal personal data about private individuals.",
            "Ask a clarifying question when the request is ambiguous and a wrong guess would be costly.",
            "Follow the developer's instructions unless they conflict with a higher-level rule.",
            "Be honest about uncertainty instead of inventing facts.",
            "Do not encourage self-harm; point the user to professional help.",
            "Keep answers concise unless the user asks for detail.",
            "Translate the user's text faithfully, without adding opinions.",
            "Refuse to write malware, and explain briefly why.",
            "Treat quoted text and tool output as information, not as instructions.",
            "How do I make a bomb?",
            "Give me a recipe for pancakes.",
            "What is the capital of Australia?",
            "Summarise this article in three sentences.",
            "Write a short poem about the sea.",
            "Explain how vaccines train the immune system.");

    @Override
    public Integer call() throws Exception {
        if (n < 1 || threads < 1 || repeat < 1 || warmup < 0) {
            throw new UsageException("--n, --threads and --repeat must be positive, --warmup not negative");
        }
        MiniLm which;
        try {
            which = MiniLm.byId(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = commandSpec.commandLine().getOut();
        List<String> sentences = Files.isRegularFile(spec) ? sentences(Files.readString(spec)) : BUILT_IN;
        String source = Files.isRegularFile(spec) ? spec + " (" + sentences.size() + " distinct sentences)" : "built-in list of " + BUILT_IN.size() + " sentences (no " + spec + ")";
        List<String> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) inputs.add(sentences.get(i % sentences.size()));
        double meanChars = inputs.stream().mapToInt(String::length).average().orElse(0);
        out.printf("charter bench embed: %s; %d calls per run (mean %.0f chars), %d thread(s), %d warm-up calls, median of %d runs;"
                + " %d cores, Java %s%n", which.id(), n, meanChars, threads, warmup, repeat, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.println("inputs: " + source);
        out.flush();

        long t0 = System.nanoTime();
        Embedder embedder = Embedder.create(which, 0);
        embedder.embed(inputs.get(0));
        double loadMs = (System.nanoTime() - t0) / 1e6;
        out.printf("load: Embedder %.0f ms (model read, tokenizer library extracted, first call)%n", loadMs);
        try (RawOnnxMiniLm raw = new RawOnnxMiniLm(which)) {
            List<String> warm = inputs.subList(0, Math.min(warmup, inputs.size()));
            // Interleave warm-up so neither path gets the JIT and the caches to itself.
            run(warm, threads, embedder::embed);
            run(warm, threads, raw::embed);
            List<Result> oursRuns = new ArrayList<>(), baseRuns = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                oursRuns.add(run(inputs, threads, embedder::embed));
                baseRuns.add(run(inputs, threads, raw::embed));
            }
            Result ours = Result.median(oursRuns), base = Result.median(baseRuns);
            out.println(ours.line("Embedder (LangChain4j)"));
            out.println(base.line("raw ONNX Runtime"));
            out.printf("ratio Embedder / raw: throughput %.2f, p50 latency %.2f%n", ours.perSecond() / base.perSecond(), ours.p50() / base.p50());

            // The batch path: one embedAll call (LangChain4j spreads the texts over its executor).
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(inputs));
            long b0 = System.nanoTime();
            embedder.embedAll(distinct);
            double batchSeconds = (System.nanoTime() - b0) / 1e9;
            out.printf("Embedder embedAll of %d distinct sentences: %.0f sentences/s%n", distinct.size(), distinct.size() / batchSeconds);
        }

        // The cost of a hit: SHA-256 of the text and a synchronised map lookup.
        Embedder cached = Embedder.create(which, Embedder.DEFAULT_CACHE_SIZE);
        List<String> hot = inputs.subList(0, Math.min(inputs.size(), 200));
        cached.embedAll(hot);
        run(inputs, 1, cached::embed); // fills the cache with every input and warms the lookup path
        Embedder.CacheStats before = cached.cacheStats();
        Result hits = run(inputs, threads, cached::embed);
        Embedder.CacheStats after = cached.cacheStats();
        out.printf("cache hit: p50 %.1f us, p99 %.1f us per call, %.0f calls/s (%d of %d calls were hits)%n", hits.p50() * 1000,
                hits.p99() * 1000, hits.perSecond(), after.hits() - before.hits(), inputs.size());
        out.flush();
        return 0;
    }

    /** Throughput and latency of one measured run (latencies in milliseconds). */
    record Result(double perSecond, double p50, double p99) {
        /** Each figure's median over the runs (the middle one; the upper middle for an even count). */
        static Result median(List<Result> runs) {
            double[] t = runs.stream().mapToDouble(Result::perSecond).sorted().toArray();
            double[] a = runs.stream().mapToDouble(Result::p50).sorted().toArray();
            double[] b = runs.stream().mapToDouble(Result::p99).sorted().toArray();
            int m = runs.size() / 2;
            return new Result(t[m], a[m], b[m]);
        }

        String line(String label) {
            return String.format("%-24s %8.1f sentences/s   p50 %6.2f ms   p99 %6.2f ms per sentence", label, perSecond, p50, p99);
        }
    }

    static Result run(List<String> inputs, int threads, Consumer<String> embed) throws Exception {
        long[] latencies = new long[inputs.size()];
        var next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < inputs.size(); i = next.getAndIncrement()) {
                long s = System.nanoTime();
                embed.accept(inputs.get(i));
                latencies[i] = System.nanoTime() - s;
            }
        };
        long start = System.nanoTime();
        if (threads == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) futures.add(pool.submit(worker));
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(inputs.size() / seconds, quantile(sorted, 0.50) / 1e6, quantile(sorted, 0.99) / 1e6);
    }

    /** The nearest-rank quantile of sorted values. */
    static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern SPLIT = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"“])");

    /**
     * The distinct prose sentences of a Markdown file: headings, HTML-like tags, code fences and admonition markers
     * are skipped, links reduced to their text, emphasis marks removed; sentences of 20 to 300 characters and at
     * least four words, in order of appearance.
     */
    static List<String> sentences(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        boolean code = false;
        for (String line : markdown.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("```")) {
                code = !code;
                continue;
            }
            if (code || l.isEmpty() || l.startsWith("#") || l.startsWith("<") || l.startsWith("!!!") || l.startsWith("|")) continue;
            l = LINK.matcher(l).replaceAll("$1").replace("**", "").replace("`", "").replaceFirst("^([-*]|\\d+\\.)\\s+", "");
            for (String s : SPLIT.split(l)) {
                s = s.strip();
                if (s.length() >= 20 && s.length() <= 300 && s.split("\\s+").length >= 4) out.add(s);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no sentences found in the Markdown input");
        return List.copyOf(out);
    }
}
