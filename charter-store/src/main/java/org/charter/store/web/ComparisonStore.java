package org.charter.store.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.charter.core.assembly.InvalidFieldException;
import org.charter.store.Database;
import org.charter.store.NotFoundException;

/**
 * Comparison tasks (a prompt and two labelled model responses) and participants' comparisons of them (which response
 * is better, or a tie, and optionally why). One comparison per participant and task: comparing again replaces it.
 */
public final class ComparisonStore {
    public static final int MAX_TEXT_LENGTH = 20_000;
    public static final int MAX_LABEL_LENGTH = 100;
    public static final int MAX_REASON_LENGTH = 2_000;

    private final Database db;
    private final Clock clock;

    public ComparisonStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A participant's verdict. */
    public enum Choice {
        A, B, TIE;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Choice fromApiName(String s) {
            for (Choice c : values()) if (c.apiName().equals(s)) return c;
            throw new InvalidFieldException("choice", "must be \"a\", \"b\" or \"tie\", not \"" + s + "\"");
        }
    }

    /** A prompt, two responses, and the labels of what produced them (the items a preference model ranks). */
    public record Task(long id, long assemblyId, String prompt, String responseA, String responseB, String labelA, String labelB, Instant createdAt) {
        public Task {
            prompt = text("prompt", prompt, MAX_TEXT_LENGTH);
            responseA = text("responseA", responseA, MAX_TEXT_LENGTH);
            responseB = text("responseB", responseB, MAX_TEXT_LENGTH);
            labelA = text("labelA", labelA, MAX_LABEL_LENGTH);
            labelB = text("labelB", labelB, MAX_LABEL_LENGTH);
            if (labelA.equals(labelB)) throw new InvalidFieldException("labelB", "must differ from labelA (\"" + labelA + "\")");
        }

        private static String text(String field, String v, int max) {
            if (v == null || v.isBlank()) throw new InvalidFieldException(field, "must not be empty");
            String s = v.strip();
            if (s.length() > max) throw new InvalidFieldException(field, "is " + s.length() + " characters long; the limit is " + max);
            return s;
        }
    }

    /** A stored comparison. */
    public record Comparison(long id, long taskId, int pid, Choice choice, String reason, Instant createdAt) { }

    public Task addTask(long assemblyId, String prompt, String responseA, String responseB, String labelA, String labelB) {
        Instant at = Instant.ofEpochMilli(clock.millis());
        var t = new Task(0, assemblyId, prompt, responseA, responseB, labelA, labelB, at); // validates
        long id = db.write(h -> {
            requireAssembly(h, assemblyId);
            return h.createUpdate("INSERT INTO comparison_task (assembly_id, prompt, response_a, response_b, label_a, label_b, created_at)"
                            + " VALUES (:a, :p, :ra, :rb, :la, :lb, :at)")
                    .bind("a", assemblyId).bind("p", t.prompt()).bind("ra", t.responseA()).bind("rb", t.responseB())
                    .bind("la", t.labelA()).bind("lb", t.labelB()).bind("at", at.toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new Task(id, assemblyId, t.prompt(), t.responseA(), t.responseB(), t.labelA(), t.labelB(), at);
    }

    private static void requireAssembly(org.jdbi.v3.core.Handle h, long assemblyId) {
        if (h.createQuery("SELECT COUNT(*) FROM assembly WHERE id = :a").bind("a", assemblyId).mapTo(Integer.class).one() == 0) {
            throw new NotFoundException("assembly " + assemblyId);
        }
    }

    public List<Task> tasks(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT * FROM comparison_task WHERE assembly_id = :a ORDER BY id").bind("a", assemblyId)
                .map((rs, c) -> task(rs)).list());
    }

    public Optional<Task> task(long assemblyId, long taskId) {
        return db.read(h -> h.createQuery("SELECT * FROM comparison_task WHERE assembly_id = :a AND id = :id")
                .bind("a", assemblyId).bind("id", taskId).map((rs, c) -> task(rs)).findOne());
    }

    /** The first task (by id) this participant has not compared yet. */
    public Optional<Task> nextTask(long assemblyId, int pid) {
        return db.read(h -> h.createQuery("SELECT * FROM comparison_task t WHERE t.assembly_id = :a AND NOT EXISTS"
                        + " (SELECT 1 FROM comparison c WHERE c.task_id = t.id AND c.pid = :p) ORDER BY t.id LIMIT 1")
                .bind("a", assemblyId).bind("p", pid).map((rs, c) -> task(rs)).findOne());
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getLong("id"), rs.getLong("assembly_id"), rs.getString("prompt"), rs.getString("response_a"),
                rs.getString("response_b"), rs.getString("label_a"), rs.getString("label_b"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    /** Records (or replaces) the participant's comparison of a task of this assembly. */
    public Comparison compare(long assemblyId, long taskId, int pid, Choice choice, String reason) {
        String r = reason == null || reason.isBlank() ? null : reason.strip();
        if (r != null && r.length() > MAX_REASON_LENGTH) {
            throw new InvalidFieldException("reason", "is " + r.length() + " characters long; the limit is " + MAX_REASON_LENGTH);
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        long id = db.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM comparison_task WHERE assembly_id = :a AND id = :t")
                    .bind("a", assemblyId).bind("t", taskId).mapTo(Integer.class).one() == 0) {
                throw new NotFoundException("comparison task " + taskId + " of assembly " + assemblyId);
            }
            if (h.createQuery("SELECT COUNT(*) FROM participant WHERE assembly_id = :a AND pid = :p")
                    .bind("a", assemblyId).bind("p", pid).mapTo(Integer.class).one() == 0) {
                throw new NotFoundException("participant " + pid + " of assembly " + assemblyId);
            }
            h.createUpdate("DELETE FROM comparison WHERE task_id = :t AND pid = :p").bind("t", taskId).bind("p", pid).execute();
            return h.createUpdate("INSERT INTO comparison (task_id, assembly_id, pid, choice, reason, created_at) VALUES (:t, :a, :p, :c, :r, :at)")
                    .bind("t", taskId).bind("a", assemblyId).bind("p", pid).bind("c", choice.apiName()).bind("r", r).bind("at", at.toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new Comparison(id, taskId, pid, choice, r, at);
    }

    /** Every comparison in the assembly, in the order they were made. */
    public List<Comparison> comparisons(long assemblyId) {
        return db.read(h -> h.createQuery("SELECT * FROM comparison WHERE assembly_id = :a ORDER BY id").bind("a", assemblyId)
                .map((rs, c) -> new Comparison(rs.getLong("id"), rs.getLong("task_id"), rs.getInt("pid"),
                        Choice.fromApiName(rs.getString("choice")), rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }
}
