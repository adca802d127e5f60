package org.charter.core.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The promise of {@link Scope#narrows}: whatever the narrower scope matches, the wider one matches too. */
class ScopeProperties {
    static Arbitrary<List<String>> values(String... pool) {
        return Arbitraries.of(pool).list().uniqueElements().ofMaxSize(2);
    }

    @Provide
    Arbitrary<Scope> scopes() {
        return Combinators.combine(values("en", "en-GB", "nl", "nl-BE"), values("BE", "NL"), values("health", "tax"), values("minor", "adult"),
                values("web", "phone"), values("urgent", "under_18"))
                .as(Scope::new);
    }

    @Provide
    Arbitrary<RequestContext> requests() {
        return Combinators.combine(Arbitraries.of("en", "en-GB", "en-US", "nl", "nl-BE", "fr").optional(), Arbitraries.of("BE", "NL").optional(),
                Arbitraries.of("health", "tax", "housing").optional(), Arbitraries.of("minor", "adult").optional(),
                Arbitraries.of("web", "phone", "sms").optional(), Arbitraries.of("urgent", "under_18", "other").list().uniqueElements().ofMaxSize(2))
                .as(RequestContext::new);
    }

    @Property(tries = 2000)
    void narrowerScope_matchesOnlyWhatTheWiderMatches(@ForAll("scopes") Scope child, @ForAll("scopes") Scope parent,
            @ForAll("requests") RequestContext request) {
        if (child.narrows(parent) && child.matches(request)) assertThat(parent.matches(request)).isTrue();
        assertThat(child.narrows(child)).isTrue();
        assertThat(child.narrows(Scope.ANY)).isTrue();
        assertThat(Scope.ANY.matches(request)).isTrue();
    }

    @Property(tries = 500)
    void requestContext_fromPairsKeepsEveryValue(@ForAll("requests") RequestContext r) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String d : List.of("locale", "region", "domain", "audience", "channel")) r.value(d).ifPresent(v -> m.put(d, v));
        if (!r.tags().isEmpty()) m.put("tags", String.join(",", r.tags()));
        assertThat(RequestContext.of(m)).isEqualTo(r);
        assertThat(r.value("locale")).isEqualTo(Optional.ofNullable(m.get("locale")));
    }
}
