package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `charter serve` as a real process: it starts, loads the demo, answers /health, and SIGTERM stops it cleanly. */
class ServeProcessTest {
    @Test
    void servesHealthAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--data-dir", tmp.toString())
                .redirectErrorStream(true).start();
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String base = null;
            Pattern listening = Pattern.compile("listening on (http://\\S+)");
            for (String line; base == null && (line = reader.readLine()) != null; ) {
                lines.add(line);
                Matcher m = listening.matcher(line);
                if (m.find()) base = m.group(1);
            }
            assertThat(base).as("output: %s", lines).isNotNull();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"", "\"store\":\"sqlite\"");
            HttpResponse<String> assemblies = client.send(HttpRequest.newBuilder(URI.create(base + "/api/assemblies")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(assemblies.body()).contains("helpdesk assistant"); // the demo, loaded into the empty store

            // SIGTERM, sent with kill: Process.destroy() would also close our end of the process's output.
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.lines().forEach(lines::add);
        }
        assertThat(lines).contains("Stopped.");
        // A cleanly closed SQLite store leaves no write-ahead log behind.
        assertThat(Files.exists(tmp.resolve("charter.db"))).isTrue();
        assertThat(Files.exists(tmp.resolve("charter.db-wal"))).as("WAL left behind: %s", List.of(lines)).isFalse();
    }
}
