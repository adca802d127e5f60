package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.welfare.CooperativeGame;
import org.charter.core.welfare.GameJson;
import org.charter.core.welfare.Shapley;
import org.charter.core.welfare.ShapleyResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter shapley FILE}: Shapley values of a cooperative game, exact or sampled. */
@Command(name = "shapley", mixinStandardHelpOptions = true,
        description = {"Shapley values of a cooperative game read from JSON: {\"players\": [names], and one of",
                "  \"values\": {\"\": 0, \"a\": 1, \"a,b\": 3, ...}   every coalition's worth (at most 20 players),",
                "  \"weightedVoting\": {\"quota\": q, \"weights\": [...]},  \"airport\": {\"costs\": [...]},",
                "  \"gloves\": {\"left\": [names]}}.",
                "Exact (over all 2^n coalitions, n <= 20; weighted voting games with whole weights by counting swings,",
                "up to 60 players) unless --samples is given; then random orders of the players are sampled and each",
                "value is reported with its standard error."})
final class ShapleyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The game as JSON.")
    Path file;

    @Option(names = "--samples", paramLabel = "N", description = "Estimate from N random orders of the players instead of exactly.")
    Long samples;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed for --samples (default: 0).")
    Long seed;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (seed != null && samples == null) throw new UsageException("--seed needs --samples (exact values use no randomness)");
        if (samples != null && samples < 2) throw new UsageException("--samples must be at least 2, found " + samples);
        String name = file.toString();
        CooperativeGame game = GameJson.read(new StringReader(WelfareCommand.readUtf8(file)), name);
        ShapleyResult result;
        try {
            result = samples == null ? Shapley.exact(game) : Shapley.sampled(game, samples, seed == null ? 0 : seed);
        } catch (IllegalArgumentException e) {
            String hint = samples == null && game.size() > Shapley.MAX_EXACT_PLAYERS ? "; estimate them with --samples N --seed S" : "";
            throw new IllegalArgumentException(name + ": " + e.getMessage() + hint, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", name);
            doc.put("result", result);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.print(result.toText());
        }
        out.flush();
        return 0;
    }
}
