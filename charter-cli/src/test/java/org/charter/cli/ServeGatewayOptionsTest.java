package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code charter serve}'s gateway options: bad values are usage errors (exit 2) naming the option, before anything loads. */
class ServeGatewayOptionsTest {
    static final String CHARTER = """
            id: tiny
            version: 1
            clauses:
              - id: be_kind
                title: Be kind
                text: Answer kindly.
                kind: norm
                authority: community
                override: implicit
            """;

    CliTest.Run serve(Path dir, String... extra) throws Exception {
        Path charter = Files.writeString(dir.resolve("tiny.yaml"), CHARTER);
        String[] args = new String[6 + extra.length];
        args[0] = "serve";
        args[1] = "--port";
        args[2] = "0";
        args[3] = "--data-dir";
        args[4] = dir.toString();
        args[5] = "--charter=" + charter;
        System.arraycopy(extra, 0, args, 6, extra.length);
        return CliTest.run(args);
    }

    @Test
    void anUnknownJudge_isAUsageError(@TempDir Path dir) throws Exception {
        CliTest.Run r = serve(dir, "--judge", "llm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the judge must be embedding or none, not 'llm'");
    }

    @Test
    void anUnknownStreamMode_isAUsageError(@TempDir Path dir) throws Exception {
        CliTest.Run r = serve(dir, "--stream-mode", "eventually");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the stream mode must be judge-first or flag-after, not 'eventually'");
    }

    @Test
    void limitsOutOfRange_areUsageErrors(@TempDir Path dir) throws Exception {
        assertThat(serve(dir, "--max-in-flight", "0").err()).contains("max in flight must be at least 1, not 0");
        assertThat(serve(dir, "--upstream-timeout", "0").err()).contains("--upstream-timeout must be between 0 and 3600 seconds");
        assertThat(serve(dir, "--upstream-retries", "-1").code()).isEqualTo(2);
    }

    @Test
    void anUpstreamWithNothingToServe_isAUsageError(@TempDir Path dir) {
        // No charter file and no stored charter version: nothing for the gateway to serve.
        CliTest.Run r = CliTest.run("serve", "--port", "0", "--data-dir", dir.toString(), "--upstream", "http://127.0.0.1:9/v1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--upstream needs a charter to serve: --charter FILE, or a version stored with charter charters import");
    }
}
