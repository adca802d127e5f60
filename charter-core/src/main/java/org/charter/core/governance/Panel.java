package org.charter.core.governance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;

/**
 * A panel ruling on an open case: several panellists (participants or moderators) each give a verdict, and the
 * panel's outcome is the verdict held by a strict majority of the verdicts given, once at least a quorum of them is in.
 */
public final class Panel {
    private Panel() { }

    /**
     * The panel's rule: decided when at least {@code quorum} verdicts are in and one verdict is held by more than half
     * of them. Written {@code majority:N}.
     */
    public record Rule(int quorum) {
        public Rule {
            if (quorum < 1) throw new IllegalArgumentException("a panel's quorum must be at least 1, is " + quorum);
        }

        public static Rule parse(String text) {
            if (text == null || !text.matches("majority:[0-9]{1,4}")) {
                throw new IllegalArgumentException("panel rule '" + text + "' must be majority:N (N the quorum of rulings)");
            }
            return new Rule(Integer.parseInt(text.substring("majority:".length())));
        }

        @Override public String toString() { return "majority:" + quorum; }

        public String describe() {
            return "a strict majority of the rulings, with at least " + quorum + " ruling" + (quorum == 1 ? "" : "s");
        }
    }

    /**
     * One panellist's verdict: the response ruled on (candidate {@code candidate}, or -1 for one the panellist wrote),
     * complies or violates, the clauses cited (sorted), a rationale, by whom, when.
     */
    public record Verdict(int candidate, String response, Precedent.Ruling ruling, List<String> clauses, String rationale,
                          String panellist, LocalDate date) {
        public Verdict {
            if (response == null || response.isBlank()) throw new IllegalArgumentException("a verdict needs the response it rules on");
            Objects.requireNonNull(ruling, "ruling");
            clauses = clauses == null ? List.of() : List.copyOf(new TreeSet<>(clauses));
            if (rationale == null || rationale.isBlank()) throw new IllegalArgumentException("a verdict needs a rationale");
            if (panellist == null || panellist.isBlank()) throw new IllegalArgumentException("a verdict needs its panellist");
            Objects.requireNonNull(date, "date");
        }

        /** What two verdicts must share to count together: the response, the ruling and the cited clauses. */
        public String key() {
            return ruling.wireName() + "|" + String.join(",", clauses) + "|" + response.strip();
        }

        /**
         * A verdict on {@code c}, checked as {@link OpenCase#rule} checks a ruling (the candidate exists, the cited
         * clauses are in {@code charter}).
         */
        public static Verdict on(OpenCase c, org.charter.core.charter.Charter charter, int candidate, String response, Precedent.Ruling ruling,
                                 List<String> clauses, String rationale, String panellist, LocalDate date) {
            OpenCase probe = c.rule(charter, candidate, response, ruling, clauses, rationale == null || rationale.isBlank() ? "-" : rationale,
                    panellist, date);
            OpenCase.CaseRuling r = probe.rulings().get(probe.rulings().size() - 1);
            return new Verdict(candidate, r.response(), ruling, clauses, rationale, panellist, date);
        }
    }

    /**
     * The panel's state: the verdicts counted per distinct verdict (in order of first appearance), whether it is
     * decided, and if so the winning verdict's key and the ruling it makes.
     */
    public record Outcome(Rule rule, int verdicts, Map<String, List<String>> panellistsByVerdict, boolean decided, Optional<String> winner,
                          Optional<OpenCase.CaseRuling> ruling) {
        public Outcome {
            panellistsByVerdict = Collections.unmodifiableMap(new LinkedHashMap<>(panellistsByVerdict));
        }

        public String explain() {
            if (!decided) {
                return verdicts + " ruling(s) in; the rule needs " + rule.describe() + (verdicts >= rule.quorum() ? "; no verdict has a majority yet" : "");
            }
            List<String> names = panellistsByVerdict.get(winner.orElseThrow());
            return names.size() + " of " + verdicts + " rulings agree (" + String.join(", ", names) + "); rule: " + rule.describe();
        }
    }

    /** The outcome of the verdicts so far. Each panellist rules once. */
    public static Outcome outcome(Rule rule, List<Verdict> verdicts) {
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> by = new LinkedHashMap<>();
        Map<String, Verdict> first = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            if (!seen.add(v.panellist())) throw new IllegalArgumentException("panellist " + v.panellist() + " ruled twice");
            by.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v.panellist());
            first.putIfAbsent(v.key(), v);
        }
        int n = verdicts.size();
        if (n < rule.quorum()) return new Outcome(rule, n, by, false, Optional.empty(), Optional.empty());
        for (var e : by.entrySet()) {
            if (2L * e.getValue().size() > n) {
                Verdict v = first.get(e.getKey());
                List<String> rationales = new ArrayList<>();
                LocalDate last = v.date();
                for (Verdict w : verdicts) {
                    if (!w.key().equals(e.getKey())) continue;
                    rationales.add(w.panellist() + ": " + w.rationale().strip());
                    if (w.date().isAfter(last)) last = w.date();
                }
                String by0 = "panel (" + e.getValue().size() + " of " + n + ": " + String.join(", ", e.getValue()) + ")";
                var ruling = new OpenCase.CaseRuling(v.candidate(), v.response(), v.ruling(), v.clauses(), String.join("\n", rationales), by0, last);
                return new Outcome(rule, n, by, true, Optional.of(e.getKey()), Optional.of(ruling));
            }
        }
        return new Outcome(rule, n, by, false, Optional.empty(), Optional.empty());
    }
}
