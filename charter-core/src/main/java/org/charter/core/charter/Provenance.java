package org.charter.core.charter;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.charter.core.math.Rational;

/**
 * How a clause came to be: the source it was taken from (a citation) or the assembly and statements it was voted
 * from, its author, the rule by which it passed, its support overall and per group (exact fractions in [0, 1]),
 * the date it was ratified, and the licence of its text.
 */
public record Provenance(Optional<String> source, Optional<String> assembly, List<String> statements,
        Optional<String> author, Optional<String> rule, Optional<Rational> support, Map<String, Rational> supportByGroup,
        Optional<LocalDate> ratified, Optional<String> license) {
    public Provenance {
        source = Text.optionalLine(source);
        assembly = Text.optionalLine(assembly);
        statements = statements == null ? List.of() : statements.stream().map(Text::line).toList();
        author = Text.optionalLine(author);
        rule = Text.optionalLine(rule);
        support = support == null ? Optional.empty() : support;
        support.ifPresent(s -> checkFraction(s, "support"));
        supportByGroup = supportByGroup == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(supportByGroup));
        supportByGroup.forEach((g, s) -> checkFraction(s, "supportByGroup." + g));
        ratified = ratified == null ? Optional.empty() : ratified;
        license = Text.optionalLine(license);
    }

    private static void checkFraction(Rational r, String field) {
        if (r.signum() < 0 || r.compareTo(Rational.ONE) > 0) throw new IllegalArgumentException(field + " must be between 0 and 1, is " + r);
    }

    /** A provenance that only cites a source and its licence. */
    public static Provenance cited(String source, String author, String license) {
        return new Provenance(Optional.of(source), Optional.empty(), List.of(), Optional.ofNullable(author), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), Optional.ofNullable(license));
    }
}
