package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code charter bench gateway} on a small run: both paths measured, the added latency printed, nothing refused. */
class BenchGatewayCommandTest {
    @Test
    void aSmallRunPrintsDirectGatewayAndAddedLatency() {
        CliTest.Run r = CliTest.run("bench", "gateway", "--requests", "300", "--warmup", "100", "--clients", "20", "--judges", "none,embedding", "--audit");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("300 requests per run after 100 warm-up, 20 clients, closed loop, 3 candidates, 50 distinct prompts, charter privacy-desk 7, audit log on")
                .containsPattern("judge none\\s+direct: p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms\\s+\\d+ req/s \\| gateway: p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms\\s+\\d+ req/s"
                        + " \\| added: p50\\s+-?[\\d.]+ ms\\s+p99\\s+-?[\\d.]+ ms")
                .containsPattern("judge embedding\\s+direct:")
                .contains("300 decisions logged to the audit log");
    }

    @Test
    void anOpenLoopRunIsPacedAtTheRate() {
        long t0 = System.nanoTime();
        CliTest.Run r = CliTest.run("bench", "gateway", "--requests", "200", "--warmup", "0", "--clients", "10", "--judges", "none", "--rate", "400");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("open loop at 400.0 requests/s").containsPattern("judge none\\s+direct: p50.*\\s+[\\d]+ req/s");
        // two runs of 200 requests at 400/s take at least a second
        assertThat(System.nanoTime() - t0).isGreaterThan(1_000_000_000L);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliTest.run("bench", "gateway", "--requests", "0").code()).isEqualTo(2);
        CliTest.Run r = CliTest.run("bench", "gateway", "--judges", "llm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the judge must be embedding or none, not 'llm'");
    }
}
