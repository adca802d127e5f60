package org.charter.core.assembly.polis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a conversation given as Polis's JSON records: votes.json and comments.json (and conversation.json when
 * present), as Polis's API and database dumps give them. Field names differ between dumps (pid or participant_id,
 * tid or statement_id, moderated or mod; times as numbers or strings); all are accepted. Votes are coded +1 agree,
 * -1 disagree, 0 pass.
 */
public final class PolisJsonReader {
    private PolisJsonReader() { }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a directory holds a conversation in this form. */
    public static boolean applies(Path dir) {
        return Files.isRegularFile(dir.resolve("votes.json")) && Files.isRegularFile(dir.resolve("comments.json"));
    }

    public static PolisImport read(Path dir) {
        JsonNode votes = tree(dir.resolve("votes.json"));
        JsonNode comments = tree(dir.resolve("comments.json"));
        JsonNode conversation = Files.isRegularFile(dir.resolve("conversation.json")) ? tree(dir.resolve("conversation.json")) : null;
        String votesFile = dir.resolve("votes.json").toString(), commentsFile = dir.resolve("comments.json").toString();
        if (!votes.isArray()) throw new CsvFormatException(votesFile, 0, null, "expected a JSON array of votes");
        if (!comments.isArray()) throw new CsvFormatException(commentsFile, 0, null, "expected a JSON array of comments");

        var firstSeen = new TreeMap<Integer, Long>();
        var statements = new ArrayList<Statement>();
        var tids = new HashMap<Integer, Integer>();
        for (int i = 0; i < comments.size(); i++) {
            JsonNode c = comments.get(i);
            String where = "comment " + (i + 1);
            int tid = integer(c, commentsFile, where, "tid", "statement_id");
            if (tids.put(tid, i) != null) throw new CsvFormatException(commentsFile, 0, where, "comment " + tid + " appears twice");
            Integer author = optionalInteger(c, "pid", "participant_id");
            int mod = c.has("moderated") ? c.get("moderated").asInt() : c.has("mod") ? c.get("mod").asInt() : 0;
            Moderation moderation;
            try {
                moderation = Moderation.fromPolisCode(mod);
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(commentsFile, 0, where, e.getMessage());
            }
            long created = time(c.get("created"));
            String text = c.hasNonNull("txt") && !c.get("txt").asText().isBlank() ? c.get("txt").asText() : "(comment " + tid + ")";
            statements.add(new Statement(tid, text, author, Instant.ofEpochMilli(created), moderation,
                    c.path("is_meta").asBoolean(false), c.path("is_seed").asBoolean(false)));
            if (author != null) firstSeen.merge(author, created, Math::min);
        }
        statements.sort(java.util.Comparator.comparingInt(Statement::tid));
        var events = new ArrayList<VoteEvent>(votes.size());
        for (int i = 0; i < votes.size(); i++) {
            JsonNode v = votes.get(i);
            String where = "vote " + (i + 1);
            int pid = integer(v, votesFile, where, "pid", "participant_id");
            int tid = integer(v, votesFile, where, "tid", "statement_id");
            if (!tids.containsKey(tid)) throw new CsvFormatException(votesFile, 0, where, "no comment " + tid + " in comments.json");
            VoteValue value;
            try {
                value = VoteValue.fromPolisCode(v.path("vote").asInt(99));
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(votesFile, 0, where, e.getMessage());
            }
            long at = time(v.get("modified"));
            events.add(new VoteEvent(pid, tid, value, Instant.ofEpochMilli(at)));
            firstSeen.merge(pid, at, Math::min);
        }
        events.sort(java.util.Comparator.comparing(VoteEvent::at)); // stable: ties keep the file's order
        var participants = new ArrayList<Participant>();
        firstSeen.forEach((pid, t) -> participants.add(new Participant(pid, null, Map.of(), null, Instant.ofEpochMilli(Math.max(0, t)))));
        String topic = conversation != null && conversation.hasNonNull("topic") && !conversation.get("topic").asText().isBlank()
                ? conversation.get("topic").asText() : dir.toAbsolutePath().normalize().getFileName().toString();
        String description = conversation != null && conversation.hasNonNull("description") ? conversation.get("description").asText() : "";
        boolean strict = conversation != null && conversation.path("strict_moderation").asBoolean(false);
        var snapshot = new AssemblySnapshot(topic, description, new AssemblySettings(strict, true), participants, statements, events);
        return new PolisImport(snapshot, null, java.util.List.of());
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CsvFormatException(file.toString(), loc == null ? 0 : loc.getLineNr(), null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode node, String file, String where, String... names) {
        Integer v = optionalInteger(node, names);
        if (v == null || v < 0) throw new CsvFormatException(file, 0, where, "needs a non-negative " + String.join(" or ", names));
        return v;
    }

    private static Integer optionalInteger(JsonNode node, String... names) {
        for (String n : names) if (node.hasNonNull(n) && node.get(n).canConvertToInt()) return node.get(n).asInt();
        return null;
    }

    /** Milliseconds since the epoch from a number, a numeric string or an ISO-8601 string; 0 when absent. */
    private static long time(JsonNode t) {
        if (t == null || t.isNull()) return 0;
        if (t.isNumber()) return (long) t.asDouble();
        String s = t.asText().trim();
        try {
            return (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Instant.parse(s).toEpochMilli();
        }
    }
}
