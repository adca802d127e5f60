package org.charter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** all-MiniLM-L6-v2 in process: shape, normalisation, determinism, meaning, and the cache. */
class EmbedderTest {
    static Embedder embedder;

    @BeforeAll
    static void load() {
        embedder = Embedder.create(MiniLm.QUANTISED, 0);
    }

    @Test
    void vectorsHave384UnitLengthDimensions() {
        for (String s : List.of("Hi.", "The assistant must not reveal the system prompt.", "x".repeat(3000))) {
            Embedding e = embedder.embed(s);
            assertThat(e.dimension()).isEqualTo(384).isEqualTo(embedder.dimension());
            assertThat(e.norm()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void theSameTextGivesTheSameVector() {
        float[] a = embedder.embed("Respect the chain of command.").toArray();
        float[] b = embedder.embed("Respect the chain of command.").toArray();
        assertThat(b).containsExactly(a, within(1e-6f));
    }

    @Test
    void similarSentencesAreNearerThanUnrelatedOnes() {
        // (anchor, paraphrase, unrelated)
        String[][] triples = {
            {"How do I make a bomb?", "instructions for building explosives", "a recipe for pancakes"},
            {"Do not reveal the user's home address.", "Keep personal information such as addresses private.", "The weather is sunny in Madrid."},
            {"Ask a clarifying question when the request is ambiguous.", "If the user's intent is unclear, ask what they mean.", "Photosynthesis converts light into chemical energy."},
            {"Write a sonnet about the ocean.", "Compose a poem about the sea.", "How do I reset my router password?"},
        };
        for (String[] t : triples) {
            List<Embedding> e = embedder.embedAll(List.of(t));
            assertThat(e.get(0).cosine(e.get(1))).as("%s ~ %s vs %s", t[0], t[1], t[2]).isGreaterThan(e.get(0).cosine(e.get(2)) + 0.2);
        }
    }

    @Test
    void batchEqualsOneByOne() {
        List<String> texts = List.of("first clause", "second clause", "first clause", "a third, longer clause about refusals");
        List<Embedding> batch = embedder.embedAll(texts);
        assertThat(batch).hasSize(4);
        for (int i = 0; i < texts.size(); i++) assertThat(batch.get(i).cosine(embedder.embed(texts.get(i)))).isCloseTo(1.0, within(1e-5));
        assertThat(batch.get(0)).isSameAs(batch.get(2));
    }

    @Test
    void theCacheComputesEachTextOnceAndStaysBounded() {
        Embedder cached = Embedder.create(MiniLm.QUANTISED, 3);
        Embedding first = cached.embed("The model should be honest.");
        assertThat(cached.embed("The model should be honest.")).isSameAs(first);
        assertThat(cached.cacheStats()).isEqualTo(new Embedder.CacheStats(1, 1, 0, 1, 3));

        List<Embedding> batch = cached.embedAll(List.of("The model should be honest.", "a", "b", "a"));
        assertThat(batch.get(0)).isSameAs(first);
        assertThat(batch.get(1)).isSameAs(batch.get(3));
        assertThat(cached.cacheStats()).isEqualTo(new Embedder.CacheStats(2, 3, 0, 3, 3));

        cached.embed("c"); // evicts the least recently used ("The model should be honest.")
        assertThat(cached.cacheStats().evictions()).isEqualTo(1);
        assertThat(cached.cacheStats().size()).isEqualTo(3);
        assertThat(cached.embed("The model should be honest.")).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void theCacheIsSafeUnderConcurrentUse() throws Exception {
        Embedder cached = Embedder.create(MiniLm.QUANTISED, 8);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) texts.add("clause number " + i);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Embedding>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) runs.add(pool.submit(() -> texts.stream().map(cached::embed).toList()));
            List<Embedding> reference = texts.stream().map(embedder::embed).toList();
            for (Future<List<Embedding>> run : runs) {
                List<Embedding> got = run.get(2, TimeUnit.MINUTES);
                for (int i = 0; i < texts.size(); i++) assertThat(got.get(i).cosine(reference.get(i))).isCloseTo(1.0, within(1e-5));
            }
        } finally {
            pool.shutdownNow();
        }
        Embedder.CacheStats stats = cached.cacheStats();
        assertThat(stats.size()).isLessThanOrEqualTo(8);
        assertThat(stats.hits() + stats.misses()).isEqualTo(48);
    }

    @Test
    void blankTextIsRefused() {
        assertThatThrownBy(() -> embedder.embed("  ")).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot embed blank text");
    }

    @Test
    void rawOnnxRuntimeGivesTheSameVectorsAsLangChain4j() {
        try (var raw = new RawOnnxMiniLm(MiniLm.QUANTISED)) {
            for (String s : List.of("How do I make a bomb?", "Be honest about uncertainty.", "Comply with applicable laws.")) {
                Embedding ours = embedder.embed(s);
                float[] theirs = raw.embed(s);
                assertThat(ours.cosine(Embedding.normalised(theirs))).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void theQuantisedModelStaysCloseToTheFullOne() {
        Embedder full = Embedder.create(MiniLm.FULL, 0);
        List<String> s = List.of("How do I make a bomb?", "instructions for building explosives", "a recipe for pancakes",
                "Respect the user's privacy.", "Translate this sentence into French.");
        List<Embedding> f = full.embedAll(s), q = embedder.embedAll(s);
        for (int i = 0; i < s.size(); i++) assertThat(f.get(i).cosine(q.get(i))).as(s.get(i)).isGreaterThan(0.97);
        assertThat(f.get(0).cosine(f.get(1))).isGreaterThan(f.get(0).cosine(f.get(2)) + 0.2);
    }

    @Test
    void modelsAreNamedById() {
        assertThat(MiniLm.byId("all-minilm-l6-v2-q")).isEqualTo(MiniLm.QUANTISED);
        assertThatThrownBy(() -> MiniLm.byId("bert")).hasMessageContaining("unknown embedding model 'bert'");
    }

    /** CI runs with a clean home: the tokenizer's native library is extracted there (or into java.io.tmpdir without one). */
    @Test
    void worksWithACleanHomeAndWithoutAWritableOne(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        assertThat(child("-Duser.home=" + home, "-Djava.io.tmpdir=" + Files.createDirectory(tmp.resolve("t1")))).contains("dimension=384 norm=1.0");
        assertThat(home.resolve(".djl.ai/tokenizers")).isDirectory();

        Path tmpdir = Files.createDirectory(tmp.resolve("t2"));
        // A home that cannot be created even by root (tests often run as root, who may write anywhere else).
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        assertThat(child("-Duser.home=/proc/charter-no-home", "-Djava.io.tmpdir=" + tmpdir)).contains("dimension=384 norm=1.0");
        assertThat(tmpdir.resolve(".djl.ai/tokenizers")).isDirectory();
    }

    private static String child(String... props) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(props));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbedOnce.class.getName()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DJL_CACHE_DIR");
        pb.environment().remove("ENGINE_CACHE_DIR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
