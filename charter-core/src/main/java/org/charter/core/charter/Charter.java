package org.charter.core.charter;

import java.util.List;
import java.util.Optional;

/**
 * A charter: the versioned, explicit contract between a community and its model, made of clauses that each carry
 * the authority of one party in a chain of command, plus decided precedents and what to do when the charter is
 * silent, in conflict, or cannot consult its model.
 *
 * <p>A charter may name a {@code parent}: it then inherits the parent's clauses and may only add clauses or narrow
 * inherited ones (see {@link CharterResolver}). In a child as written, an empty {@code parties} list and an absent
 * {@code policy} mean "inherited"; a charter without a parent always has both (the reader fills in
 * {@link #DEFAULT_PARTIES} and {@link CharterPolicy#DEFAULT}).
 */
public record Charter(String id, String version, Optional<String> title, Optional<String> parent, List<String> parties,
        List<Clause> clauses, List<Precedent> precedents, Optional<CharterPolicy> policy) {
    /** The default chain of command, highest authority first. */
    public static final List<String> DEFAULT_PARTIES = List.of("law", "platform", "community", "developer", "user");

    public Charter {
        id = Text.require(Text.line(id), "charter id");
        version = Text.require(Text.line(version), "version");
        title = Text.optionalLine(title);
        parent = Text.optionalLine(parent);
        parties = parties == null ? List.of() : parties.stream().map(Text::line).toList();
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
        precedents = precedents == null ? List.of() : List.copyOf(precedents);
        policy = policy == null ? Optional.empty() : policy;
        if (parent.isEmpty() && parties.isEmpty()) throw new IllegalArgumentException("a charter without a parent needs its parties");
        if (parent.isEmpty() && policy.isEmpty()) throw new IllegalArgumentException("a charter without a parent needs its policy");
    }

    /** The rank of a party: 0 for the highest authority; -1 when the party is not in the chain. */
    public int rank(String party) {
        return parties.indexOf(party);
    }

    /** The clause with this id, if any. */
    public Optional<Clause> clause(String clauseId) {
        for (Clause c : clauses) if (c.id().equals(clauseId)) return Optional.of(c);
        return Optional.empty();
    }

    /** The policy, which every charter without a parent and every resolved charter has. */
    public CharterPolicy policyOrDefault() {
        return policy.orElse(CharterPolicy.DEFAULT);
    }

    /** The same charter with other clauses. */
    public Charter withClauses(List<Clause> newClauses) {
        return new Charter(id, version, title, parent, parties, newClauses, precedents, policy);
    }
}
