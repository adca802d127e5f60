package org.charter.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.charter.core.assembly.InvalidFieldException;
import org.charter.store.web.ComparisonStore.Task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads comparison tasks from JSONL, one object per line:
 * {@code {"prompt": "...", "responseA": "...", "labelA": "model-x", "responseB": "...", "labelB": "model-y"}}.
 * Every line is accepted or rejected with its number and reason; blank lines are skipped and counted as such.
 */
public final class TaskUpload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("prompt", "responseA", "responseB", "labelA", "labelB");

    private TaskUpload() { }

    /** A task as read from a line (id 0: not stored yet). */
    public record Accepted(int line, Task task) { }

    /** A rejected line: its number (from 1) and why. */
    public record Rejected(int line, String reason) { }

    public record Result(List<Accepted> accepted, List<Rejected> rejected, int blank) { }

    public static Result parse(String text, long assemblyId, java.time.Instant at) {
        var accepted = new ArrayList<Accepted>();
        var rejected = new ArrayList<Rejected>();
        int blank = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int n = i + 1;
            if (line.isEmpty()) {
                if (i < lines.length - 1) blank++;
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                rejected.add(new Rejected(n, "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (node == null || !node.isObject()) {
                rejected.add(new Rejected(n, "expected a JSON object"));
                continue;
            }
            String unknown = null;
            for (var it = node.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!FIELDS.contains(f)) unknown = f;
            }
            if (unknown != null) {
                rejected.add(new Rejected(n, "unknown field \"" + unknown + "\"; expected prompt, responseA, labelA, responseB, labelB"));
                continue;
            }
            try {
                accepted.add(new Accepted(n, new Task(0, assemblyId, text(node, "prompt"), text(node, "responseA"), text(node, "responseB"),
                        text(node, "labelA"), text(node, "labelB"), at)));
            } catch (InvalidFieldException e) {
                rejected.add(new Rejected(n, e.getMessage()));
            }
        }
        return new Result(accepted, rejected, blank);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new InvalidFieldException(field, "is missing");
        if (!v.isTextual()) throw new InvalidFieldException(field, "must be a string");
        return v.asText();
    }
}
