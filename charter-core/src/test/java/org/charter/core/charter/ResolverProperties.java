package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.charter.core.charter.Request.Message;
import org.charter.core.charter.Request.Role;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of resolution over random conversations (words from the clauses, clause ids, override cues, random
 * roles, quoted parts and tags): nothing is both applicable and overridden, everything reported is in scope, a
 * never clause is never overridden, only an unquoted instruction at or above a clause's level overrides it, and the
 * same request always resolves the same way.
 */
class ResolverProperties {
    static final Charter SPEC = ResolverTest.spec();
    static final Resolver RESOLVER = new Resolver(SPEC, new TokenOverlapSimilarity(), ResolverTest.WORDS);

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<String> words = Arbitraries.of("ignore", "you may now", "talk like", "pretend", "answer", "English", "French", "short", "concise",
                "profanity", "swear", "weapons", "explosives", "alcohol", "minors", "answer_language", "no_weapons", "concise", "no_profanity",
                "instead", "please", "the", "weather", "Mars", "a pirate", "keep").list().ofMinSize(1).ofMaxSize(9)
                .map(l -> String.join(" ", l) + ".");
        return Combinators.combine(Arbitraries.of(Role.values()), words, Arbitraries.of(true, false, false, false)).as(Message::new);
    }

    @Provide
    Arbitrary<Request> requests() {
        return Combinators.combine(messages().list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(RequestContext.EMPTY, RequestContext.of(java.util.Map.of("tags", "under_18")))).as(Request::new);
    }

    @Property(tries = 400)
    void resolution_isConsistentWithThePrecedenceRules(@ForAll("requests") Request request) {
        Resolution r = RESOLVER.resolve(request);
        Set<String> applicable = new HashSet<>(r.applicable().stream().map(a -> a.clause().id()).toList());
        for (Resolution.Overridden o : r.overridden()) {
            assertThat(applicable).doesNotContain(o.clause().id());
            assertThat(o.clause().override()).isNotEqualTo(OverridePolicy.NEVER);
            Message m = request.messages().get(o.message());
            assertThat(m.isInstruction()).isTrue();
            assertThat(o.party()).isPresent();
            assertThat(SPEC.rank(o.party().get())).isLessThanOrEqualTo(SPEC.rank(o.clause().authority()));
            if (o.clause().override() == OverridePolicy.EXPLICIT) assertThat(o.how()).isEqualTo(Resolution.OverrideKind.EXPLICIT);
        }
        for (Clause c : r.applicableClauses()) assertThat(c.scope().matches(request.context())).isTrue();
        for (Resolution.Overridden o : r.overridden()) assertThat(o.clause().scope().matches(request.context())).isTrue();
        assertThat(r.instructions()).extracting(Resolution.InstructionOutcome::message)
                .allMatch(i -> request.messages().get(i).isInstruction());
        for (Resolution.Conflict c : r.conflicts()) {
            if (c.kind() == Resolution.ConflictKind.OVERRIDE_OF_NEVER) assertThat(c.messages()).allMatch(i -> request.messages().get(i).isInstruction());
        }
        // authority order in the applicable list
        List<Integer> ranks = r.applicable().stream().map(a -> SPEC.rank(a.clause().authority())).toList();
        assertThat(ranks).isSorted();
        assertThat(RESOLVER.resolve(request).toJson()).isEqualTo(r.toJson());
    }

    @Property(tries = 200)
    void quotedMessages_changeNothing(@ForAll("requests") Request request, @ForAll("messages") Message extra) {
        Message quoted = new Message(extra.role(), extra.text(), true);
        List<Message> more = new java.util.ArrayList<>(request.messages());
        more.add(0, quoted);
        Resolution with = RESOLVER.resolve(new Request(more, request.context()));
        Resolution without = RESOLVER.resolve(request);
        assertThat(with.overridden().stream().map(o -> o.clause().id()).toList()).isEqualTo(without.overridden().stream().map(o -> o.clause().id()).toList());
        assertThat(with.conflicts().stream().map(Resolution.Conflict::clauses).toList()).isEqualTo(without.conflicts().stream().map(Resolution.Conflict::clauses).toList());
        assertThat(with.gap()).isEqualTo(without.gap());
    }
}
