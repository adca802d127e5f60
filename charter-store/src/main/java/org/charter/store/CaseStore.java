package org.charter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.charter.core.charter.OpenCase;
import org.charter.core.governance.CaseJson;
import org.charter.core.governance.Panel;
import org.jdbi.v3.core.Handle;

/**
 * Open cases in the database: each case as the gateway wrote it (its context, prompt, candidates, reasons and risks),
 * its status, its panel's rule and the panellists' verdicts. When the verdicts reach the panel's rule the case is
 * decided: the panel's outcome is added to the case as its ruling, which {@code Ratification} and {@code charter amend}
 * turn into a precedent of the next charter version.
 */
public final class CaseStore {
    private final Database db;
    private final Clock clock;

    public CaseStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A stored case: the case (rulings included), open or decided, its panel rule, and the verdicts so far. */
    public record StoredCase(OpenCase openCase, boolean decided, Panel.Rule panelRule, List<Panel.Verdict> verdicts) {
        public StoredCase {
            verdicts = List.copyOf(verdicts);
        }

        /** The panel's outcome of the verdicts so far. */
        public Panel.Outcome outcome() {
            return Panel.outcome(panelRule, verdicts);
        }
    }

    /** What an import did: the ids stored now, and those already stored (left as they are). */
    public record ImportReport(List<String> imported, List<String> alreadyStored) {
        public ImportReport {
            imported = List.copyOf(imported);
            alreadyStored = List.copyOf(alreadyStored);
        }
    }

    /**
     * Stores cases not stored yet (by id), with the given panel rule; a case that already has rulings (ruled with
     * {@code charter case rule}) is stored as decided. All in one transaction.
     */
    public ImportReport importCases(List<OpenCase> cases, Panel.Rule panelRule) {
        return db.write(h -> {
            List<String> imported = new ArrayList<>(), already = new ArrayList<>();
            for (OpenCase c : cases) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM charter_case WHERE id = :id").bind("id", c.id()).mapTo(Integer.class).one() > 0;
                if (exists) {
                    already.add(c.id());
                    continue;
                }
                h.createUpdate("INSERT INTO charter_case (id, kind, charter_id, status, created_at, panel_rule, case_json)"
                                + " VALUES (:id, :k, :c, :s, :at, :r, :j)")
                        .bind("id", c.id()).bind("k", c.kind().wireName()).bind("c", c.charterId()).bind("s", c.open() ? "open" : "decided")
                        .bind("at", c.createdAt().toEpochMilli()).bind("r", panelRule.toString()).bind("j", CaseJson.write(c)).execute();
                imported.add(c.id());
            }
            return new ImportReport(imported, already);
        });
    }

    /** Every case, newest first; only open ones when {@code onlyOpen}. */
    public List<StoredCase> list(boolean onlyOpen) {
        return db.read(h -> {
            List<String> ids = h.createQuery("SELECT id FROM charter_case" + (onlyOpen ? " WHERE status = 'open'" : "")
                    + " ORDER BY created_at DESC, id").mapTo(String.class).list();
            List<StoredCase> out = new ArrayList<>();
            for (String id : ids) out.add(find(h, id).orElseThrow());
            return out;
        });
    }

    public Optional<StoredCase> find(String id) {
        return db.read(h -> find(h, id));
    }

    public StoredCase get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("case " + id));
    }

    /** The decided cases of a charter (each with the panel's ruling), oldest first: what the next version turns into precedents. */
    public List<OpenCase> decided(String charterId) {
        return db.read(h -> h.createQuery("SELECT id, case_json FROM charter_case WHERE charter_id = :c AND status = 'decided' ORDER BY created_at, id")
                .bind("c", charterId).map((rs, ctx) -> CaseJson.readCase(rs.getString(2), "stored case " + rs.getString(1))).list());
    }

    /** Changes the panel's rule of a case nobody has ruled on yet. */
    public StoredCase setPanelRule(String id, Panel.Rule rule) {
        return db.write(h -> {
            StoredCase c = find(h, id).orElseThrow(() -> new NotFoundException("case " + id));
            if (!c.verdicts().isEmpty() || c.decided()) throw new ConflictException("case " + id + " already has rulings; its panel rule stays " + c.panelRule());
            h.createUpdate("UPDATE charter_case SET panel_rule = :r WHERE id = :id").bind("r", rule.toString()).bind("id", id).execute();
            return find(h, id).orElseThrow();
        });
    }

    /**
     * Adds a panellist's verdict (build it with {@link Panel.Verdict#on}, which checks it against the charter). When
     * the verdicts then satisfy the panel's rule, the outcome is added to the case as its ruling and the case is
     * decided. A decided case, or a panellist ruling twice, is refused with {@link ConflictException}.
     */
    public StoredCase addVerdict(String id, Panel.Verdict verdict) {
        return db.write(h -> addVerdict(h, id, verdict));
    }

    private StoredCase addVerdict(Handle h, String id, Panel.Verdict verdict) {
        StoredCase c = find(h, id).orElseThrow(() -> new NotFoundException("case " + id));
        if (c.decided()) throw new ConflictException("case " + id + " is already decided");
        if (c.verdicts().stream().anyMatch(v -> v.panellist().equals(verdict.panellist()))) {
            throw new ConflictException(verdict.panellist() + " has already ruled on case " + id);
        }
        if (verdict.candidate() >= c.openCase().candidates().size()) {
            throw new IllegalArgumentException("case " + id + " has " + c.openCase().candidates().size() + " candidates; no candidate " + verdict.candidate());
        }
        h.createUpdate("INSERT INTO case_panel_ruling (case_id, seq, panellist, ruling_json, ruled_at) VALUES (:id, :s, :p, :j, :at)")
                .bind("id", id).bind("s", c.verdicts().size() + 1).bind("p", verdict.panellist()).bind("j", CaseJson.write(verdict))
                .bind("at", clock.millis()).execute();
        List<Panel.Verdict> all = new ArrayList<>(c.verdicts());
        all.add(verdict);
        Panel.Outcome o = Panel.outcome(c.panelRule(), all);
        if (o.decided()) {
            OpenCase.CaseRuling r = o.ruling().orElseThrow();
            List<OpenCase.CaseRuling> rulings = new ArrayList<>(c.openCase().rulings());
            rulings.add(r);
            OpenCase oc = c.openCase();
            OpenCase ruled = new OpenCase(oc.id(), oc.kind(), oc.createdAt(), oc.charterId(), oc.charterVersion(), oc.charterHash(), oc.context(),
                    oc.prompt(), oc.candidates(), oc.decision(), oc.reasons(), oc.risks(), rulings);
            h.createUpdate("UPDATE charter_case SET status = 'decided', case_json = :j WHERE id = :id")
                    .bind("j", CaseJson.write(ruled)).bind("id", id).execute();
        }
        return find(h, id).orElseThrow();
    }

    /** A participant's seat on a case's panel: the case and the seat's number, and whether it was used. */
    public record Seat(String caseId, int seat, boolean used) {
        /** The panellist name a seat's verdict carries. */
        public String panellist() {
            return "panel seat " + seat;
        }
    }

    /**
     * A new seat on an open case's panel for a participant: returns the one-time token to hand out (only its SHA-256
     * is stored).
     */
    public String addSeat(String caseId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        db.write(h -> {
            StoredCase c = find(h, caseId).orElseThrow(() -> new NotFoundException("case " + caseId));
            if (c.decided()) throw new ConflictException("case " + caseId + " is already decided");
            int seat = h.createQuery("SELECT COALESCE(MAX(seat), 0) + 1 FROM case_panel_seat WHERE case_id = :c").bind("c", caseId).mapTo(Integer.class).one();
            return h.createUpdate("INSERT INTO case_panel_seat (case_id, seat, token_hash, created_at) VALUES (:c, :s, :t, :at)")
                    .bind("c", caseId).bind("s", seat).bind("t", sha256(token)).bind("at", clock.millis()).execute();
        });
        return token;
    }

    /** The seat a token opens, if any. */
    public Optional<Seat> seat(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return db.read(h -> h.createQuery("SELECT case_id, seat, used_at FROM case_panel_seat WHERE token_hash = :t").bind("t", sha256(token))
                .map((rs, ctx) -> {
                    rs.getLong(3);
                    boolean used = !rs.wasNull();
                    return new Seat(rs.getString(1), rs.getInt(2), used);
                }).findOne());
    }

    /**
     * Adds the verdict of the participant holding a seat and uses the seat up, in one transaction: a token rules once
     * ({@link ConflictException} afterwards), an unknown one is {@link NotFoundException}.
     */
    public StoredCase addSeatVerdict(String token, java.util.function.Function<Seat, Panel.Verdict> verdict) {
        Seat seat = seat(token).orElseThrow(() -> new NotFoundException("panel seat"));
        if (seat.used()) throw new ConflictException("this panel seat has already ruled");
        Panel.Verdict v = verdict.apply(seat);
        return db.write(h -> {
            int updated = h.createUpdate("UPDATE case_panel_seat SET used_at = :at WHERE token_hash = :t AND used_at IS NULL")
                    .bind("at", clock.millis()).bind("t", sha256(token)).execute();
            if (updated != 1) throw new ConflictException("this panel seat has already ruled");
            return addVerdict(h, seat.caseId(), v);
        });
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static Optional<StoredCase> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM charter_case WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne().map(row -> {
            List<Panel.Verdict> verdicts = h.createQuery("SELECT ruling_json FROM case_panel_ruling WHERE case_id = :id ORDER BY seq")
                    .bind("id", id).map((rs, ctx) -> CaseJson.readVerdict(rs.getString(1), "stored verdict on case " + id)).list();
            return new StoredCase(row.c(), row.decided(), row.rule(), verdicts);
        });
    }

    private record Row(OpenCase c, boolean decided, Panel.Rule rule) { }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(CaseJson.readCase(rs.getString("case_json"), "stored case " + rs.getString("id")), "decided".equals(rs.getString("status")),
                Panel.Rule.parse(rs.getString("panel_rule")));
    }
}
