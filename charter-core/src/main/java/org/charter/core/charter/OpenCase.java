package org.charter.core.charter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request the charter could not settle, kept for adjudication: a gap (nothing applied), a conflict (applicable
 * clauses demanded incompatible things) or an escalation (the judges were unsure). It holds everything a panel needs
 * to rule (the context, the prompt, the candidate responses, the decision's reasons and the judged risks) and the
 * charter version it arose under. Rulings are added, never edited; each becomes a precedent of the next charter
 * version ({@link Adjudication#amend}).
 *
 * @param id             a stable identifier (a file name for the CLI's case folder)
 * @param kind           gap, conflict or escalation
 * @param createdAt      when the case was opened
 * @param charterId      the charter it arose under
 * @param charterVersion that charter's version
 * @param charterHash    that version's content hash
 * @param context        request metadata as key=value pairs (locale, region, domain, audience, channel, tags)
 * @param prompt         the user's request
 * @param candidates     the candidate responses that were judged
 * @param decision       what the decision rule did (escalate, ask, refuse...)
 * @param reasons        the decision's reasons, in order
 * @param risks          the judged P(violation) per candidate and clause
 * @param rulings        the rulings so far (empty while open)
 */
public record OpenCase(String id, Kind kind, Instant createdAt, String charterId, String charterVersion, String charterHash,
                       Map<String, String> context, String prompt, List<String> candidates, String decision, List<String> reasons,
                       List<Risk> risks, List<CaseRuling> rulings) {
    public OpenCase {
        id = Text.require(Text.line(id), "case id");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) throw new IllegalArgumentException("case id '" + id + "' must be letters, digits, '_', '.', '-'");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        charterId = Text.require(Text.line(charterId), "charterId");
        charterVersion = Text.require(Text.line(charterVersion), "charterVersion");
        context = context == null ? Map.of() : new TreeMap<>(context);
        RequestContext.of(context); // validates the keys
        prompt = Text.require(Text.block(prompt), "prompt");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        risks = risks == null ? List.of() : List.copyOf(risks);
        rulings = rulings == null ? List.of() : List.copyOf(rulings);
    }

    public enum Kind {
        GAP, CONFLICT, ESCALATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A judged risk: P(candidate violates clause). */
    public record Risk(int candidate, String clauseId, double violation) { }

    /**
     * A ruling on a case: a response (one of the candidates, or one the panel wrote) complies with or violates the
     * cited clauses (none: a ruling on a gap), with a rationale, by someone, on a date.
     */
    public record CaseRuling(int candidate, String response, Precedent.Ruling ruling, List<String> clauses, String rationale,
                             String decidedBy, LocalDate date) {
        public CaseRuling {
            response = Text.require(Text.block(response), "response");
            Objects.requireNonNull(ruling, "ruling");
            clauses = clauses == null ? List.of() : List.copyOf(clauses);
            decidedBy = Text.require(Text.line(decidedBy), "decidedBy");
            Objects.requireNonNull(date, "date");
        }
    }

    /** Open while nobody has ruled. */
    public boolean open() {
        return rulings.isEmpty();
    }

    /**
     * This case with one more ruling. The response is candidate {@code candidate} when it is 0 or more, else
     * {@code response}; cited clauses must exist in {@code charter} (the version the case arose under or a later one).
     */
    public OpenCase rule(Charter charter, int candidate, String response, Precedent.Ruling ruling, List<String> clauses, String rationale,
                         String decidedBy, LocalDate date) {
        if (candidate >= candidates.size()) throw new IllegalArgumentException("case " + id + " has " + candidates.size() + " candidates; no candidate " + candidate);
        String text = candidate >= 0 ? candidates.get(candidate) : response;
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a ruling needs a candidate or a response");
        if (!charter.id().equals(charterId)) throw new IllegalArgumentException("case " + id + " arose under charter " + charterId + ", not " + charter.id());
        for (String c : clauses) {
            if (charter.clause(c).isEmpty()) throw new IllegalArgumentException("no clause '" + c + "' in charter " + charter.id() + " " + charter.version());
        }
        List<CaseRuling> more = new ArrayList<>(rulings);
        more.add(new CaseRuling(candidate, text, ruling, clauses, rationale, decidedBy, date));
        return new OpenCase(id, kind, createdAt, charterId, charterVersion, charterHash, context, prompt, candidates, decision, reasons, risks, more);
    }
}
