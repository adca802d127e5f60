package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.charter.core.math.Rational;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the canonical form, the hash and the diff over random charters with awkward text. */
class CanonicalFormProperties {
    /** Text that YAML likes to misread: colons, hashes, dashes, quotes, booleans, numbers, indentation, Unicode. */
    static Arbitrary<String> awkward() {
        Arbitrary<String> word = Arbitraries.of("yes", "no", "true", "null", "~", "1.0", "0x1F", "2025-01-01", ": x", "# not a comment",
                "- item", "'quoted'", "\"double\"", "a\tb", "  indented", "é ü ✓", "{a: 1}", "[x]", "|", ">", "&anchor", "*ref", "!tag",
                "line", "word", "@at", "`code`", "%", "\\back");
        return word.list().ofMinSize(1).ofMaxSize(6).flatMap(ws -> Arbitraries.of(" ", "\n", "\n\n", "  \n").list().ofSize(ws.size())
                .map(seps -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < ws.size(); i++) sb.append(ws.get(i)).append(seps.get(i));
                    return sb.toString();
                })).filter(s -> !s.isBlank());
    }

    static Arbitrary<Clause> clause(String id) {
        Arbitrary<Scope> scope = Arbitraries.of("en", "nl-BE", "fr").list().uniqueElements().ofMaxSize(2)
                .flatMap(l -> Arbitraries.of("web", "phone").list().uniqueElements().ofMaxSize(2)
                        .map(ch -> new Scope(l, List.of(), List.of(), List.of(), ch, List.of())));
        Arbitrary<List<Example>> examples = Combinators.combine(awkward().optional(), awkward(), awkward().optional())
                .as((p, g, b) -> new Example(Optional.empty(), p, List.of(Example.Response.of(g)),
                        b.map(x -> List.of(new Example.Response(x, Optional.of("why")))).orElse(List.of()), List.of()))
                .list().ofMaxSize(2);
        Arbitrary<Optional<Provenance>> prov = Arbitraries.integers().between(0, 4).optional().map(o -> o.map(k -> new Provenance(
                Optional.of("source " + k), Optional.empty(), List.of("s" + k), Optional.empty(), Optional.of("approval"),
                Optional.of(Rational.of(k, 4)), Map.of("A", Rational.of(k, 4)), Optional.of(LocalDate.of(2025, 1, 1 + k)), Optional.empty())));
        return Combinators.combine(awkward(), Arbitraries.of(ClauseKind.class), Arbitraries.of("law", "platform", "user"),
                Arbitraries.of(OverridePolicy.class), scope, examples, prov)
                .as((text, kind, auth, ov, sc, ex, pr) -> new Clause(id, Optional.of("Title of " + id), text, kind, auth, ov, sc, ex, pr));
    }

    @Provide
    Arbitrary<Charter> charters() {
        return Arbitraries.of("a", "b", "c", "d").list().uniqueElements().ofMinSize(1).ofMaxSize(4).flatMap(ids -> {
            List<Arbitrary<Clause>> cs = new ArrayList<>();
            for (String id : ids) cs.add(clause(id));
            return Combinators.combine(cs).as(list -> list).flatMap(clauses -> Arbitraries.of(CharterPolicy.Action.class).list().ofSize(3)
                    .map(p -> new Charter("c1", "1", Optional.of("T"), Optional.empty(), List.of("law", "platform", "user"), clauses,
                            List.of(new Precedent("p", RequestContext.of(Map.of("channel", "web")), "Q: yes", "A: no", Precedent.Ruling.VIOLATES,
                                    List.of(clauses.get(0).id()), Optional.of("because"), "board", LocalDate.of(2025, 2, 3))),
                            Optional.of(new CharterPolicy(p.get(0), p.get(1), p.get(2))))));
        });
    }

    @Property(tries = 200)
    void yamlAndJson_roundTripToTheSameCharterAndHash(@ForAll("charters") Charter c) {
        String yaml = CanonicalForm.toYaml(c);
        Charter back = CharterReader.read(yaml, "c.yaml");
        assertThat(back).isEqualTo(c);
        assertThat(CanonicalForm.toYaml(back)).isEqualTo(yaml);
        assertThat(CanonicalForm.hash(CharterReader.read(CanonicalForm.toJson(c), "c.json"))).isEqualTo(CanonicalForm.hash(c));
    }

    @Property(tries = 200)
    void diffIsEmpty_exactlyWhenTheHashesAreEqual(@ForAll("charters") Charter a, @ForAll("charters") Charter b) {
        assertThat(CharterDiff.between(a, a).isEmpty()).isTrue();
        assertThat(CharterDiff.between(a, b).isEmpty()).isEqualTo(CanonicalForm.hash(a).equals(CanonicalForm.hash(b)));
        CharterDiff d = CharterDiff.between(a, b);
        CharterDiff back = CharterDiff.between(b, a);
        assertThat(back.clausesAdded()).isEqualTo(d.clausesRemoved());
        assertThat(back.clausesChanged().size()).isEqualTo(d.clausesChanged().size());
    }

    @Property(tries = 100)
    void compiledPrompt_isAFunctionOfTheCharter(@ForAll("charters") Charter c) {
        var ctx = RequestContext.of(Map.of("channel", "web", "locale", "nl-BE"));
        String once = CharterCompiler.compileFor(c, ctx).text();
        String again = CharterCompiler.compileFor(CharterReader.read(CanonicalForm.toYaml(c), "c.yaml"), ctx).text();
        assertThat(again).isEqualTo(once);
        // every in-scope clause appears once, labelled, and authority order is respected
        List<String> ids = CharterCompiler.compileFor(c, ctx).clauseIds();
        for (int i = 1; i < ids.size(); i++) {
            assertThat(c.rank(c.clause(ids.get(i - 1)).orElseThrow().authority())).isLessThanOrEqualTo(c.rank(c.clause(ids.get(i)).orElseThrow().authority()));
        }
    }
}
