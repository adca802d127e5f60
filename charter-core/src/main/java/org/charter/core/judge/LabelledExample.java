package org.charter.core.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Example;
import org.charter.core.charter.Precedent;

/**
 * A labelled item for calibrating and measuring judges: a prompt, a response, the clause it was judged against, and
 * whether the response complies with or violates that clause. {@code group} names the block the item came from (a
 * charter example, a precedent, a row of a file): items of one group are left out together when a judge that
 * learns from examples is evaluated on them, and GOOD and BAD answers of one group form the pairs of pairwise accuracy.
 */
public record LabelledExample(String prompt, String response, String clauseId, Verdict label, String group) {
    public LabelledExample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        if (response.isBlank()) throw new IllegalArgumentException("a labelled example needs a response");
        Objects.requireNonNull(clauseId, "clauseId");
        Objects.requireNonNull(label, "label");
        if (label == Verdict.NOT_APPLICABLE) throw new IllegalArgumentException("a labelled example complies or violates");
        Objects.requireNonNull(group, "group");
    }

    public boolean violates() {
        return label == Verdict.VIOLATES;
    }

    /** The group name of a clause's example (1-based index): {@code clauseId#3}. */
    public static String exampleGroup(String clauseId, int index) {
        return clauseId + "#" + index;
    }

    /** The group name of a precedent: {@code precedent:ID}. */
    public static String precedentGroup(String precedentId) {
        return "precedent:" + precedentId;
    }

    /**
     * The charter's own labelled items: every GOOD (complies) and BAD (violates) response of every clause's examples
     * (the Model Spec's OK answers are neither and are left out), then every precedent's response once per clause it
     * cites, in document order.
     */
    public static List<LabelledExample> fromCharter(Charter charter) {
        List<LabelledExample> out = new ArrayList<>();
        for (Clause c : charter.clauses()) {
            for (int i = 0; i < c.examples().size(); i++) {
                Example e = c.examples().get(i);
                String prompt = e.prompt().orElse("");
                String g = exampleGroup(c.id(), i + 1);
                for (Example.Response r : e.good()) if (!r.text().isBlank()) out.add(new LabelledExample(prompt, r.text(), c.id(), Verdict.COMPLIES, g));
                for (Example.Response r : e.bad()) if (!r.text().isBlank()) out.add(new LabelledExample(prompt, r.text(), c.id(), Verdict.VIOLATES, g));
            }
        }
        for (Precedent p : charter.precedents()) {
            for (String cid : p.clauses()) {
                out.add(new LabelledExample(p.prompt(), p.response(), cid,
                        p.ruling() == Precedent.Ruling.VIOLATES ? Verdict.VIOLATES : Verdict.COMPLIES, precedentGroup(p.id())));
            }
        }
        return List.copyOf(out);
    }
}
