package org.charter.core.charter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From rulings to the next charter version: every ruling on a case becomes a precedent (id {@code case-ID-N}) of a new
 * version of the charter, which keeps its clauses and adds the precedents not already there. This is how "the
 * charter is silent here" turns, through the community's ruling, into case law the resolver and the judges use.
 */
public final class Adjudication {
    private Adjudication() { }

    /** The precedents a case's rulings make. */
    public static List<Precedent> precedents(OpenCase c) {
        List<Precedent> out = new ArrayList<>();
        for (int i = 0; i < c.rulings().size(); i++) {
            OpenCase.CaseRuling r = c.rulings().get(i);
            out.add(new Precedent("case-" + c.id() + "-" + (i + 1), RequestContext.of(c.context()), c.prompt(), r.response(), r.ruling(),
                    r.clauses(), Optional.ofNullable(r.rationale()), r.decidedBy(), r.date()));
        }
        return out;
    }

    /**
     * The next version of {@code charter} (the document as written): its precedents plus those of the ruled
     * {@code cases} that arose under it (same charter id) and are not in it yet. Cited clauses are checked against
     * {@code effective} (the charter with its parents' clauses). Cases of another charter are refused with their
     * ids; open cases are skipped and counted in the result.
     */
    public static Amended amend(Charter charter, Charter effective, List<OpenCase> cases, String newVersion) {
        if (newVersion.equals(charter.version())) throw new IllegalArgumentException("the new version must differ from " + charter.version());
        List<String> foreign = cases.stream().filter(c -> !c.charterId().equals(charter.id())).map(OpenCase::id).toList();
        if (!foreign.isEmpty()) throw new IllegalArgumentException("cases of another charter than " + charter.id() + ": " + String.join(", ", foreign));
        Set<String> have = new HashSet<>();
        for (Precedent p : charter.precedents()) have.add(p.id());
        List<Precedent> precedents = new ArrayList<>(charter.precedents());
        List<String> added = new ArrayList<>();
        int open = 0;
        for (OpenCase c : cases) {
            if (c.open()) {
                open++;
                continue;
            }
            for (Precedent p : precedents(c)) {
                for (String clause : p.clauses()) {
                    if (effective.clause(clause).isEmpty()) throw new IllegalArgumentException("case " + c.id() + " cites clause '" + clause + "', which charter "
                            + charter.id() + " " + charter.version() + " does not have");
                }
                if (have.add(p.id())) {
                    precedents.add(p);
                    added.add(p.id());
                }
            }
        }
        Charter next = new Charter(charter.id(), newVersion, charter.title(), charter.parent(), charter.parties(), charter.clauses(), precedents, charter.policy());
        return new Amended(next, added, open);
    }

    /** The new version, the precedent ids it added, and how many cases were still open. */
    public record Amended(Charter charter, List<String> added, int stillOpen) {
        public Amended {
            added = List.copyOf(added);
        }
    }
}
