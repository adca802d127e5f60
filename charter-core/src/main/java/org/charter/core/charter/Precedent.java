package org.charter.core.charter;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A decided case: in a context, to a prompt, a response was ruled to comply with or violate the clauses it cites,
 * for a stated rationale, by someone, on a date. Precedents that cite no clause record rulings on gaps.
 */
public record Precedent(String id, RequestContext context, String prompt, String response, Ruling ruling,
        List<String> clauses, Optional<String> rationale, String decidedBy, LocalDate date) {
    public Precedent {
        id = Text.require(Text.line(id), "precedent id");
        context = context == null ? RequestContext.EMPTY : context;
        prompt = Text.require(Text.block(prompt), "prompt");
        response = Text.require(Text.block(response), "response");
        Objects.requireNonNull(ruling, "ruling");
        clauses = clauses == null ? List.of() : clauses.stream().map(Text::line).toList();
        rationale = Text.optionalBlock(rationale);
        decidedBy = Text.require(Text.line(decidedBy), "decidedBy");
        Objects.requireNonNull(date, "date");
    }

    /** Whether the response was found to comply with the cited clauses or to violate them. */
    public enum Ruling {
        COMPLIES, VIOLATES;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Ruling parse(String s) {
            for (Ruling r : values()) if (r.wireName().equals(s)) return r;
            throw new IllegalArgumentException("unknown ruling '" + s + "' (expected complies or violates)");
        }
    }
}
