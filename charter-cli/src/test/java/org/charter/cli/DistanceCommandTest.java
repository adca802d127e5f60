package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code charter distance}: zero between a version and itself, positive when the rules change. */
class DistanceCommandTest {
    @Test
    void identicalVersionsAreAtDistanceZero_aChildIsNot(@TempDir Path tmp) throws IOException {
        Path dir = CharterDocCommandsTest.copyExamples(tmp);
        Path city = dir.resolve("city-helpdesk.yaml"), health = dir.resolve("health-desk.yaml");
        JsonNode same = new ObjectMapper().readTree(CliTest.run("distance", city.toString(), city.toString(), "--json").out());
        assertThat(same.get("verdicts").get("totalVariation").asDouble()).isZero();
        assertThat(same.get("decisions").get("jensenShannon").asDouble()).isZero();
        assertThat(same.get("changed")).isEmpty();
        CliTest.Run r = CliTest.run("distance", city.toString(), health.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("prompts").asInt()).isPositive();
        assertThat(d.get("verdicts").get("totalVariation").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(d.get("verdicts").get("jensenShannon").asDouble()).isBetween(0.0, 1.0);
    }
}
