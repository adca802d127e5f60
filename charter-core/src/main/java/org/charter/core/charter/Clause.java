package org.charter.core.charter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One clause of a charter: an identified text with its kind, the party whose authority it carries, who may
 * override it, where it applies, worked examples and where it came from.
 */
public record Clause(String id, Optional<String> title, String text, ClauseKind kind, String authority,
        OverridePolicy override, Scope scope, List<Example> examples, Optional<Provenance> provenance) {
    public Clause {
        id = Text.require(Text.line(id), "clause id");
        title = Text.optionalLine(title);
        text = Text.require(Text.block(text), "clause text");
        Objects.requireNonNull(kind, "kind");
        authority = Text.require(Text.line(authority), "authority");
        Objects.requireNonNull(override, "override");
        scope = scope == null ? Scope.ANY : scope;
        examples = examples == null ? List.of() : List.copyOf(examples);
        provenance = provenance == null ? Optional.empty() : provenance;
    }

    /** The clause with other examples. */
    public Clause withExamples(List<Example> newExamples) {
        return new Clause(id, title, text, kind, authority, override, scope, newExamples, provenance);
    }
}
