package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code charter bench web-votes} on a small load: every vote of every mode acknowledged, figures printed. */
class BenchWebVotesCommandTest {
    @Test
    void smallRun_printsVotesPerSecondAndLatencies_forTheWebAndTheJsonApi() {
        var r = CliTest.run("bench", "web-votes", "--votes", "60", "--warmup", "0", "--clients", "3", "--participants", "6", "--statements", "5");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("charter bench web-votes: 60 votes per run");
        assertThat(r.out()).containsPattern("JSON API POST /api/\\.\\.\\./votes +\\d+ votes/s +p50 +[\\d.]+ ms +p99 +[\\d.]+ ms +\\(60 ok, 0 failed\\)");
        assertThat(r.out()).containsPattern("web POST /a/\\{id\\}/vote \\(303\\) +\\d+ votes/s .*\\(60 ok, 0 failed\\)");
        assertThat(r.out()).containsPattern("web POST /a/\\{id\\}/vote \\(htmx, next card\\) +\\d+ votes/s .*\\(60 ok, 0 failed\\)");
        assertThat(CliTest.run("bench", "web-votes", "--votes", "0").code()).isEqualTo(2);
    }
}
