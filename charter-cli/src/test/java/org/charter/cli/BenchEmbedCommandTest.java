package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;

/** {@code charter bench embed} on a small run, and the Model Spec's sentences it embeds. */
class BenchEmbedCommandTest {
    @Test
    void aSmallRunPrintsBothPathsTheirRatioAndTheCacheHitCost() {
        CliTest.Run r = CliTest.run("bench", "embed", "--n", "30", "--warmup", "5", "--threads", "2", "--repeat", "2",
                "--spec", SharedData.path("model-spec/model_spec.md").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("all-minilm-l6-v2-q; 30 calls per run", "2 thread(s)", "median of 2 runs", "model_spec.md (")
                .containsPattern("Embedder \\(LangChain4j\\)\\s+[\\d.]+ sentences/s\\s+p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms per sentence")
                .containsPattern("raw ONNX Runtime\\s+[\\d.]+ sentences/s")
                .containsPattern("ratio Embedder / raw: throughput [\\d.]+, p50 latency [\\d.]+")
                .containsPattern("cache hit: p50 [\\d.]+ us").contains("(30 of 30 calls were hits)");
    }

    @Test
    void withoutTheSpecTheBuiltInListIsUsedAndSaidSo() {
        CliTest.Run r = CliTest.run("bench", "embed", "--n", "5", "--warmup", "0", "--spec", "no/such/model_spec.md");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("inputs: built-in list of 16 sentences (no no/such/model_spec.md)");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliTest.run("bench", "embed", "--n", "0").code()).isEqualTo(2);
        assertThat(CliTest.run("bench", "embed", "--repeat", "0").code()).isEqualTo(2);
        CliTest.Run r = CliTest.run("bench", "embed", "--model", "bert");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown embedding model 'bert'");
    }

    @Test
    void theModelSpecYieldsItsProseSentences() throws Exception {
        List<String> s = BenchEmbedCommand.sentences(Files.readString(SharedData.path("model-spec/model_spec.md")));
        assertThat(s.size()).isGreaterThan(1000);
        assertThat(s).allSatisfy(x -> assertThat(x).hasSizeBetween(20, 300).doesNotContain("](", "**").doesNotStartWith("#"));
        assertThat(s).contains("Prevent our models from causing serious harm to users or others.");
        assertThat(BenchEmbedCommand.sentences("# Title {#t}\n\nOne short line here. And [a link](http://x) in a second sentence.\n```\ncode block line is skipped\n```\n"))
                .containsExactly("One short line here.", "And a link in a second sentence.");
    }
}
