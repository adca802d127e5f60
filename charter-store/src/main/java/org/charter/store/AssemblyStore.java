package org.charter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.InvalidFieldException;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Assemblies, participants, statements and votes in the database. Every method is one transaction; an id that
 * does not exist raises {@link NotFoundException}, a request that clashes with what is stored
 * {@link ConflictException}, a field that breaks a rule {@link InvalidFieldException}.
 */
public final class AssemblyStore {
    private final Database db;
    private final Clock clock;

    public AssemblyStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A vote as stored: its event id, and whether this call only replayed an earlier request with the same id. */
    public record RecordedVote(long eventId, VoteEvent event, boolean replayed) { }

    /** A participant as returned by {@link #addParticipant}: created now, or found by its external id. */
    public record ParticipantResult(Participant participant, boolean created) { }

    /** How much an assembly holds. */
    public record Counts(int participants, int statements, long voteEvents, long votes) { }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    // ---- assemblies -------------------------------------------------------------------------------------------

    public Assembly createAssembly(String topic, String description, AssemblySettings settings) {
        Instant at = now();
        var probe = new Assembly(0, topic, description, settings, at); // validates before anything is written
        long id = db.write(h -> insertAssembly(h, probe.topic(), probe.description(), settings, at));
        return new Assembly(id, probe.topic(), probe.description(), settings, at);
    }

    private static long insertAssembly(Handle h, String topic, String description, AssemblySettings settings, Instant at) {
        return h.createUpdate("INSERT INTO assembly (topic, description, strict_moderation, participants_may_submit, access, created_at)"
                        + " VALUES (:topic, :description, :strict, :submit, :access, :at)")
                .bind("topic", topic).bind("description", description)
                .bind("strict", settings.strictModeration()).bind("submit", settings.participantsMaySubmit())
                .bind("access", settings.access().apiName()).bind("at", at.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public List<Assembly> assemblies() {
        return db.read(h -> h.createQuery("SELECT * FROM assembly ORDER BY id").map((rs, ctx) -> assembly(rs)).list());
    }

    public Optional<Assembly> findAssembly(long id) {
        return db.read(h -> findAssembly(h, id));
    }

    public Assembly assembly(long id) {
        return findAssembly(id).orElseThrow(() -> new NotFoundException("assembly " + id));
    }

    private static Optional<Assembly> findAssembly(Handle h, long id) {
        return h.createQuery("SELECT * FROM assembly WHERE id = :id").bind("id", id).map((rs, ctx) -> assembly(rs)).findOne();
    }

    private static Assembly requireAssembly(Handle h, long id) {
        return findAssembly(h, id).orElseThrow(() -> new NotFoundException("assembly " + id));
    }

    private static Assembly assembly(ResultSet rs) throws SQLException {
        return new Assembly(rs.getLong("id"), rs.getString("topic"), rs.getString("description"),
                new AssemblySettings(rs.getBoolean("strict_moderation"), rs.getBoolean("participants_may_submit"),
                        AssemblySettings.Access.fromApiName(rs.getString("access"))),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    public Assembly updateSettings(long id, AssemblySettings settings) {
        return db.write(h -> {
            requireAssembly(h, id);
            h.createUpdate("UPDATE assembly SET strict_moderation = :strict, participants_may_submit = :submit, access = :access WHERE id = :id")
                    .bind("strict", settings.strictModeration()).bind("submit", settings.participantsMaySubmit())
                    .bind("access", settings.access().apiName())
                    .bind("id", id).execute();
            return requireAssembly(h, id);
        });
    }

    /** Whether the store holds no assembly at all (a first start). */
    public boolean isEmpty() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM assembly").mapTo(Long.class).one() == 0);
    }

    public Counts counts(long id) {
        return db.read(h -> {
            requireAssembly(h, id);
            int participants = h.createQuery("SELECT COUNT(*) FROM participant WHERE assembly_id = :id").bind("id", id).mapTo(Integer.class).one();
            int statements = h.createQuery("SELECT COUNT(*) FROM statement WHERE assembly_id = :id").bind("id", id).mapTo(Integer.class).one();
            long events = h.createQuery("SELECT COUNT(*) FROM vote_event WHERE assembly_id = :id").bind("id", id).mapTo(Long.class).one();
            long votes = h.createQuery("SELECT COUNT(*) FROM latest_vote WHERE assembly_id = :id").bind("id", id).mapTo(Long.class).one();
            return new Counts(participants, statements, events, votes);
        });
    }

    // ---- participants -----------------------------------------------------------------------------------------

    /**
     * Adds a participant with the next free number. With an external id that the assembly already knows, returns
     * that participant instead (so joining twice is harmless) and leaves its attributes as they were.
     */
    public ParticipantResult addParticipant(long assemblyId, String externalId, Map<String, String> attributes) {
        Map<String, String> attrs = Participant.validAttributes(attributes);
        Instant at = now();
        new Participant(0, externalId, attrs, null, at); // validates the fields before the write
        return db.write(h -> {
            requireAssembly(h, assemblyId);
            if (externalId != null) {
                Optional<Participant> existing = h.createQuery("SELECT * FROM participant WHERE assembly_id = :a AND external_id = :x")
                        .bind("a", assemblyId).bind("x", externalId).map((rs, ctx) -> participantRow(rs)).findOne()
                        .map(p -> withAttributes(h, assemblyId, p));
                if (existing.isPresent()) return new ParticipantResult(existing.get(), false);
            }
            int pid = nextNumber(h, assemblyId, "next_pid");
            var p = new Participant(pid, externalId, attrs, null, at);
            insertParticipant(h, assemblyId, p);
            return new ParticipantResult(p, true);
        });
    }

    private static int nextNumber(Handle h, long assemblyId, String column) {
        h.createUpdate("UPDATE assembly SET " + column + " = " + column + " + 1 WHERE id = :id").bind("id", assemblyId).execute();
        return h.createQuery("SELECT " + column + " - 1 FROM assembly WHERE id = :id").bind("id", assemblyId).mapTo(Integer.class).one();
    }

    private static void insertParticipant(Handle h, long assemblyId, Participant p) {
        h.createUpdate("INSERT INTO participant (assembly_id, pid, external_id, group_id, created_at) VALUES (:a, :pid, :x, :g, :at)")
                .bind("a", assemblyId).bind("pid", p.pid()).bind("x", p.externalId()).bind("g", p.groupId())
                .bind("at", p.createdAt().toEpochMilli()).execute();
        if (!p.attributes().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO participant_attribute (assembly_id, pid, name, value) VALUES (:a, :pid, :n, :v)");
            p.attributes().forEach((k, v) -> batch.bind("a", assemblyId).bind("pid", p.pid()).bind("n", k).bind("v", v).add());
            batch.execute();
        }
    }

    public List<Participant> participants(long assemblyId) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            return participants(h, assemblyId);
        });
    }

    private static List<Participant> participants(Handle h, long assemblyId) {
        var attrs = new HashMap<Integer, Map<String, String>>();
        h.createQuery("SELECT pid, name, value FROM participant_attribute WHERE assembly_id = :a").bind("a", assemblyId)
                .map((rs, ctx) -> attrs.computeIfAbsent(rs.getInt("pid"), k -> new HashMap<>()).put(rs.getString("name"), rs.getString("value")))
                .list();
        return h.createQuery("SELECT * FROM participant WHERE assembly_id = :a ORDER BY pid").bind("a", assemblyId)
                .map((rs, ctx) -> participantRow(rs)).list().stream()
                .map(p -> new Participant(p.pid(), p.externalId(), attrs.getOrDefault(p.pid(), Map.of()), p.groupId(), p.createdAt()))
                .toList();
    }

    public Participant participant(long assemblyId, int pid) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            return findParticipant(h, assemblyId, pid).map(p -> withAttributes(h, assemblyId, p))
                    .orElseThrow(() -> new NotFoundException("participant " + pid + " of assembly " + assemblyId));
        });
    }

    private static Optional<Participant> findParticipant(Handle h, long assemblyId, int pid) {
        return h.createQuery("SELECT * FROM participant WHERE assembly_id = :a AND pid = :p").bind("a", assemblyId).bind("p", pid)
                .map((rs, ctx) -> participantRow(rs)).findOne();
    }

    private static Participant withAttributes(Handle h, long assemblyId, Participant p) {
        var attrs = new HashMap<String, String>();
        h.createQuery("SELECT name, value FROM participant_attribute WHERE assembly_id = :a AND pid = :p")
                .bind("a", assemblyId).bind("p", p.pid())
                .map((rs, ctx) -> attrs.put(rs.getString("name"), rs.getString("value"))).list();
        return new Participant(p.pid(), p.externalId(), attrs, p.groupId(), p.createdAt());
    }

    private static Participant participantRow(ResultSet rs) throws SQLException {
        int group = rs.getInt("group_id");
        Integer groupId = rs.wasNull() ? null : group;
        return new Participant(rs.getInt("pid"), rs.getString("external_id"), Map.of(), groupId,
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /** A seed statement to add: its text, and whether it is a meta statement. */
    public record NewSeed(String text, boolean meta) { }

    /**
     * Adds moderators' seed statements, accepted, all in one transaction: every text is checked first (the field
     * names the statement's place in the batch), and if any is refused, or the store fails midway, none is stored.
     */
    public List<Statement> addSeedStatements(long assemblyId, List<NewSeed> seeds, int maxLength) {
        for (int k = 0; k < seeds.size(); k++) {
            String text = seeds.get(k).text();
            String field = "statements[" + k + "].text";
            if (text == null || text.isBlank()) throw new InvalidFieldException(field, "must not be empty");
            if (text.length() > maxLength) {
                throw new InvalidFieldException(field, "is " + text.length() + " characters long; the limit is " + maxLength);
            }
        }
        Instant at = now();
        return db.write(h -> {
            requireAssembly(h, assemblyId);
            var out = new java.util.ArrayList<Statement>(seeds.size());
            for (NewSeed seed : seeds) {
                int tid = nextNumber(h, assemblyId, "next_tid");
                var s = new Statement(tid, seed.text(), null, at, Moderation.ACCEPTED, seed.meta(), true);
                insertStatement(h, assemblyId, s);
                out.add(s);
            }
            return List.copyOf(out);
        });
    }

    /**
     * Adds a statement with the next free number. A statement by a participant needs an assembly that accepts them;
     * it starts unmoderated. One without an author comes from the organisers and starts in the state given.
     */
    public Statement addStatement(long assemblyId, String text, Integer authorPid, boolean meta, boolean seed,
                                  Moderation initial, int maxLength) {
        if (text == null || text.isBlank()) throw new InvalidFieldException("text", "must not be empty");
        if (text.length() > maxLength) {
            throw new InvalidFieldException("text", "is " + text.length() + " characters long; the limit is " + maxLength);
        }
        Instant at = now();
        return db.write(h -> {
            Assembly a = requireAssembly(h, assemblyId);
            Moderation state = initial == null ? Moderation.UNMODERATED : initial;
            if (authorPid != null) {
                if (!a.settings().participantsMaySubmit()) {
                    throw new ConflictException("assembly " + assemblyId + " does not accept statements from participants");
                }
                if (findParticipant(h, assemblyId, authorPid).isEmpty()) {
                    throw new NotFoundException("participant " + authorPid + " of assembly " + assemblyId);
                }
                state = Moderation.UNMODERATED; // a participant cannot moderate their own statement
            }
            int tid = nextNumber(h, assemblyId, "next_tid");
            var s = new Statement(tid, text, authorPid, at, state, meta, seed);
            insertStatement(h, assemblyId, s);
            return s;
        });
    }

    private static void insertStatement(Handle h, long assemblyId, Statement s) {
        statementInsert(h.prepareBatch(STATEMENT_INSERT), assemblyId, s).execute();
    }

    private static final String STATEMENT_INSERT = "INSERT INTO statement (assembly_id, tid, text, author_pid, created_at, moderation, is_meta, is_seed)"
            + " VALUES (:a, :tid, :text, :author, :at, :m, :meta, :seed)";

    private static PreparedBatch statementInsert(PreparedBatch batch, long assemblyId, Statement s) {
        return batch.bind("a", assemblyId).bind("tid", s.tid()).bind("text", s.text()).bind("author", s.authorPid())
                .bind("at", s.createdAt().toEpochMilli()).bind("m", s.moderation().polisCode())
                .bind("meta", s.meta()).bind("seed", s.seed()).add();
    }

    /** All statements in storage order. */
    public List<Statement> statements(long assemblyId) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            return statements(h, assemblyId);
        });
    }

    private static List<Statement> statements(Handle h, long assemblyId) {
        return h.createQuery("SELECT * FROM statement WHERE assembly_id = :a ORDER BY seq").bind("a", assemblyId)
                .map((rs, ctx) -> statementRow(rs)).list();
    }

    public Statement statement(long assemblyId, int tid) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            return findStatement(h, assemblyId, tid)
                    .orElseThrow(() -> new NotFoundException("statement " + tid + " of assembly " + assemblyId));
        });
    }

    private static Optional<Statement> findStatement(Handle h, long assemblyId, int tid) {
        return h.createQuery("SELECT * FROM statement WHERE assembly_id = :a AND tid = :t").bind("a", assemblyId).bind("t", tid)
                .map((rs, ctx) -> statementRow(rs)).findOne();
    }

    private static Statement statementRow(ResultSet rs) throws SQLException {
        int author = rs.getInt("author_pid");
        Integer authorPid = rs.wasNull() ? null : author;
        return new Statement(rs.getInt("tid"), rs.getString("text"), authorPid, Instant.ofEpochMilli(rs.getLong("created_at")),
                Moderation.fromPolisCode(rs.getInt("moderation")), rs.getBoolean("is_meta"), rs.getBoolean("is_seed"));
    }

    public Statement moderate(long assemblyId, int tid, Moderation state) {
        return db.write(h -> {
            requireAssembly(h, assemblyId);
            Statement s = findStatement(h, assemblyId, tid)
                    .orElseThrow(() -> new NotFoundException("statement " + tid + " of assembly " + assemblyId));
            h.createUpdate("UPDATE statement SET moderation = :m WHERE assembly_id = :a AND tid = :t")
                    .bind("m", state.polisCode()).bind("a", assemblyId).bind("t", tid).execute();
            return s.withModeration(state);
        });
    }

    // ---- votes ------------------------------------------------------------------------------------------------

    /**
     * Records a vote cast now. With a client request id already recorded in this assembly, records nothing and
     * returns the earlier event (replayed); if that earlier request said something else, it is a conflict.
     * Votes on rejected statements, or on unmoderated ones in a strictly moderated assembly, are refused.
     */
    public RecordedVote castVote(long assemblyId, int pid, int tid, VoteValue vote, String clientRequestId) {
        var event = new VoteEvent(pid, tid, vote, now(), clientRequestId);
        return db.writeSmall(h -> {
            // One query checks everything the vote depends on: it is the hot path of the whole server.
            var check = h.createQuery(VOTE_CHECK).bind("a", assemblyId).bind("p", pid).bind("t", tid).bind("r", clientRequestId)
                    .map((rs, ctx) -> new VoteCheck(rs.getBoolean("strict_moderation"), nullableInt(rs, "moderation"),
                            nullableInt(rs, "participant_found") != null, nullableLong(rs, "earlier_id")))
                    .findOne().orElseThrow(() -> new NotFoundException("assembly " + assemblyId));
            if (check.earlierId() != null) return replay(eventById(h, check.earlierId()), event);
            if (!check.participantFound()) throw new NotFoundException("participant " + pid + " of assembly " + assemblyId);
            if (check.moderation() == null) throw new NotFoundException("statement " + tid + " of assembly " + assemblyId);
            Moderation moderation = Moderation.fromPolisCode(check.moderation());
            if (!moderation.visible(new AssemblySettings(check.strict(), true))) {
                throw new ConflictException("statement " + tid + " is " + moderation.apiName()
                        + (moderation == Moderation.UNMODERATED ? " and the assembly is strictly moderated" : "")
                        + "; it takes no votes");
            }
            Optional<Long> id = h.createQuery("INSERT INTO vote_event (assembly_id, pid, tid, vote, created_at, client_request_id)"
                            + " VALUES (:a, :p, :t, :v, :at, :r) ON CONFLICT (assembly_id, client_request_id) DO NOTHING RETURNING id")
                    .bind("a", assemblyId).bind("p", pid).bind("t", tid).bind("v", vote.polisCode())
                    .bind("at", event.at().toEpochMilli()).bind("r", clientRequestId)
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) { // a concurrent request with the same id won the race (PostgreSQL)
                return replay(eventByRequestId(h, assemblyId, clientRequestId).orElseThrow(), event);
            }
            upsertLatest(h, assemblyId, pid, tid, vote.polisCode(), event.at().toEpochMilli(), id.get());
            return new RecordedVote(id.get(), event, false);
        });
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private record VoteCheck(boolean strict, Integer moderation, boolean participantFound, Long earlierId) { }

    private static final String VOTE_CHECK = "SELECT a.strict_moderation, s.moderation,"
            + " (SELECT 1 FROM participant p WHERE p.assembly_id = a.id AND p.pid = :p) AS participant_found,"
            + " (SELECT e.id FROM vote_event e WHERE e.assembly_id = a.id AND e.client_request_id = :r) AS earlier_id"
            + " FROM assembly a LEFT JOIN statement s ON s.assembly_id = a.id AND s.tid = :t WHERE a.id = :a";

    private static RecordedVote eventById(Handle h, long eventId) {
        return h.createQuery("SELECT * FROM vote_event WHERE id = :id").bind("id", eventId)
                .map((rs, ctx) -> new RecordedVote(rs.getLong("id"), eventRow(rs), true)).one();
    }

    private static RecordedVote replay(RecordedVote earlier, VoteEvent now) {
        VoteEvent e = earlier.event();
        if (e.pid() != now.pid() || e.tid() != now.tid() || e.vote() != now.vote()) {
            throw new ConflictException("client request id \"" + now.clientRequestId()
                    + "\" was already used for another vote (participant " + e.pid() + ", statement " + e.tid() + ", " + e.vote().apiName() + ")");
        }
        return new RecordedVote(earlier.eventId(), e, true);
    }

    private static Optional<RecordedVote> eventByRequestId(Handle h, long assemblyId, String requestId) {
        return h.createQuery("SELECT * FROM vote_event WHERE assembly_id = :a AND client_request_id = :r")
                .bind("a", assemblyId).bind("r", requestId)
                .map((rs, ctx) -> new RecordedVote(rs.getLong("id"), eventRow(rs), true)).findOne();
    }

    private static final String LATEST_UPSERT = "INSERT INTO latest_vote (assembly_id, pid, tid, vote, created_at, event_id)"
            + " VALUES (:a, :p, :t, :v, :at, :e) ON CONFLICT (assembly_id, pid, tid) DO UPDATE"
            + " SET vote = excluded.vote, created_at = excluded.created_at, event_id = excluded.event_id"
            + " WHERE excluded.created_at > latest_vote.created_at"
            + " OR (excluded.created_at = latest_vote.created_at AND excluded.event_id > latest_vote.event_id)";

    private static void upsertLatest(Handle h, long assemblyId, int pid, int tid, int vote, long at, long eventId) {
        h.createUpdate(LATEST_UPSERT).bind("a", assemblyId).bind("p", pid).bind("t", tid).bind("v", vote)
                .bind("at", at).bind("e", eventId).execute();
    }

    private static VoteEvent eventRow(ResultSet rs) throws SQLException {
        return new VoteEvent(rs.getInt("pid"), rs.getInt("tid"), VoteValue.fromPolisCode(rs.getInt("vote")),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("client_request_id"));
    }

    /** Vote events in arrival order, those with an id above {@code afterId}, at most {@code limit}. */
    public List<RecordedVote> voteEvents(long assemblyId, long afterId, int limit) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            return h.createQuery("SELECT * FROM vote_event WHERE assembly_id = :a AND id > :after ORDER BY id LIMIT :n")
                    .bind("a", assemblyId).bind("after", afterId).bind("n", limit)
                    .map((rs, ctx) -> new RecordedVote(rs.getLong("id"), eventRow(rs), false)).list();
        });
    }

    /** The latest-vote matrix, as the store keeps it. */
    public VoteMatrix matrix(long assemblyId) {
        return db.read(h -> {
            requireAssembly(h, assemblyId);
            var rows = new HashMap<Integer, Map<Integer, VoteValue>>();
            h.createQuery("SELECT pid, tid, vote FROM latest_vote WHERE assembly_id = :a").bind("a", assemblyId)
                    .map((rs, ctx) -> rows.computeIfAbsent(rs.getInt("pid"), k -> new HashMap<>())
                            .put(rs.getInt("tid"), VoteValue.fromPolisCode(rs.getInt("vote"))))
                    .list();
            return VoteMatrix.of(rows);
        });
    }

    // ---- whole assemblies -------------------------------------------------------------------------------------

    /** Stores a whole assembly (an import or the demo) in one transaction and returns it. */
    public Assembly importSnapshot(AssemblySnapshot snapshot) {
        Instant at = now();
        long id = db.write(h -> {
            long aid = insertAssembly(h, snapshot.topic(), snapshot.description(), snapshot.settings(), at);
            for (Participant p : snapshot.participants()) insertParticipant(h, aid, p);
            PreparedBatch statements = h.prepareBatch(STATEMENT_INSERT);
            for (Statement s : snapshot.statements()) statementInsert(statements, aid, s);
            if (!snapshot.statements().isEmpty()) statements.execute();
            PreparedBatch votes = h.prepareBatch("INSERT INTO vote_event (assembly_id, pid, tid, vote, created_at, client_request_id)"
                    + " VALUES (:a, :p, :t, :v, :at, :r)");
            for (VoteEvent e : snapshot.votes()) {
                votes.bind("a", aid).bind("p", e.pid()).bind("t", e.tid()).bind("v", e.vote().polisCode())
                        .bind("at", e.at().toEpochMilli()).bind("r", e.clientRequestId()).add();
            }
            if (!snapshot.votes().isEmpty()) votes.execute();
            // The latest vote per cell: no later event (by time, then arrival) exists for it.
            h.createUpdate("INSERT INTO latest_vote (assembly_id, pid, tid, vote, created_at, event_id)"
                    + " SELECT e.assembly_id, e.pid, e.tid, e.vote, e.created_at, e.id FROM vote_event e"
                    + " WHERE e.assembly_id = :a AND NOT EXISTS (SELECT 1 FROM vote_event f"
                    + "   WHERE f.assembly_id = e.assembly_id AND f.pid = e.pid AND f.tid = e.tid"
                    + "   AND (f.created_at > e.created_at OR (f.created_at = e.created_at AND f.id > e.id)))")
                    .bind("a", aid).execute();
            int nextPid = snapshot.participants().stream().mapToInt(Participant::pid).max().orElse(-1) + 1;
            int nextTid = snapshot.statements().stream().mapToInt(Statement::tid).max().orElse(-1) + 1;
            h.createUpdate("UPDATE assembly SET next_pid = :p, next_tid = :t WHERE id = :a")
                    .bind("p", nextPid).bind("t", nextTid).bind("a", aid).execute();
            return aid;
        });
        return assembly(id);
    }

    /** Everything the assembly holds, in storage order (vote events in arrival order). */
    public AssemblySnapshot snapshot(long assemblyId) {
        // One transaction, so that votes cast meanwhile cannot name a statement the snapshot lacks.
        return db.readConsistent(h -> {
            Assembly a = requireAssembly(h, assemblyId);
            List<Participant> participants = participants(h, assemblyId);
            List<Statement> statements = statements(h, assemblyId);
            List<VoteEvent> votes = h.createQuery("SELECT * FROM vote_event WHERE assembly_id = :a ORDER BY id")
                    .bind("a", assemblyId).map((rs, ctx) -> eventRow(rs)).list();
            return new AssemblySnapshot(a.topic(), a.description(), a.settings(), participants, statements, votes);
        });
    }
}
