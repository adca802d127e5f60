package org.charter.core.opinion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.assembly.polis.Csv;
import org.charter.core.assembly.polis.CsvFormatException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Polis's own group membership, read from its math output (math-pca2.json) or from participants-votes.csv. */
public final class PolisGroups {
    private PolisGroups() { }

    /** participant -> group, from either file kind (chosen by extension). */
    public static Map<Integer, Integer> read(Path file) {
        if (!Files.isRegularFile(file)) throw new CsvFormatException(file.toString(), 0, null, "no such file");
        return file.getFileName().toString().endsWith(".json") ? fromMath(file) : fromParticipantsVotes(file);
    }

    /** math-pca2.json: group-clusters list base-cluster ids; base-clusters list their members. */
    public static Map<Integer, Integer> fromMath(Path file) {
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CsvFormatException(file.toString(), 0, null, "not valid JSON: " + e.getMessage());
        }
        JsonNode base = m.path("base-clusters"), groups = m.path("group-clusters");
        if (!base.path("id").isArray() || !base.path("members").isArray() || !groups.isArray()) {
            throw new CsvFormatException(file.toString(), 0, "base-clusters", "expected Polis's base-clusters and group-clusters");
        }
        var membersOfBase = new HashMap<Integer, JsonNode>();
        for (int i = 0; i < base.get("id").size(); i++) membersOfBase.put(base.get("id").get(i).asInt(), base.get("members").get(i));
        var out = new TreeMap<Integer, Integer>();
        for (JsonNode g : groups) {
            for (JsonNode b : g.path("members")) {
                JsonNode members = membersOfBase.get(b.asInt());
                if (members == null) throw new CsvFormatException(file.toString(), 0, "group-clusters", "unknown base cluster " + b.asInt());
                for (JsonNode pid : members) out.put(pid.asInt(), g.path("id").asInt());
            }
        }
        return out;
    }

    /** participants-votes.csv: the group-id column (blank = not grouped). */
    public static Map<Integer, Integer> fromParticipantsVotes(Path file) {
        java.util.List<Csv.Row> rows;
        try (var in = Files.newBufferedReader(file)) {
            rows = Csv.read(in, file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new CsvFormatException(file.toString(), 0, null, "the file is empty");
        int p = rows.get(0).fields().indexOf("participant"), g = rows.get(0).fields().indexOf("group-id");
        if (p < 0 || g < 0) throw new CsvFormatException(file.toString(), 1, p < 0 ? "participant" : "group-id", "the header lacks this column");
        var out = new TreeMap<Integer, Integer>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String pid = row.fields().get(p).trim(), group = row.fields().get(g).trim();
            if (group.isEmpty()) continue;
            try {
                out.put(Integer.parseInt(pid), Integer.parseInt(group));
            } catch (NumberFormatException e) {
                throw new CsvFormatException(file.toString(), row.line(), "group-id", "expected whole numbers, found \"" + pid + "\", \"" + group + "\"");
            }
        }
        return out;
    }
}
