package org.charter.core.charter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where a clause applies: predicates over a request's metadata ({@link RequestContext}).
 *
 * <p>Matching semantics. Each of the six dimensions (locale, region, domain, audience, channel, tags) holds a list of
 * values; values are compared ignoring case. An empty list means "any": the dimension does not restrict. A
 * non-empty list is an any-of: the request must carry a value for that dimension and the value must match one in
 * the list; a request that says nothing about a restricted dimension does not match (we do not guess). A locale
 * in the list is a language range: {@code en} matches {@code en}, {@code en-GB} and {@code en-US}, while
 * {@code en-GB} matches only {@code en-GB} and its own extensions ({@code _} counts as {@code -}). Tags: the request
 * matches when it carries at least one of the listed tags. A scope matches when every dimension matches (the
 * dimensions are combined with "and"). The empty scope matches every request.
 *
 * <p>Narrowing. Scope {@code c} is narrower than or equal to scope {@code p} ({@link #narrows}) when, in every
 * dimension, either {@code p}'s list is empty, or {@code c}'s list is non-empty and each of its values is covered by
 * one of {@code p}'s (equal, or for locales a longer range under a listed one). Since each dimension then matches a
 * subset of what {@code p}'s matches, and dimensions combine with "and", every request {@code c} matches is matched
 * by {@code p}.
 *
 * <p>Lists are kept sorted and without duplicates (ignoring case), so that the canonical form does not depend on
 * the order in which an author wrote them.
 */
public record Scope(List<String> locales, List<String> regions, List<String> domains, List<String> audiences,
        List<String> channels, List<String> tags) {
    public static final Scope ANY = new Scope(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** The dimension names as they appear in charter files and in {@code --context k=v}. */
    public static final List<String> DIMENSIONS = List.of("locale", "region", "domain", "audience", "channel", "tags");

    public Scope {
        locales = clean(locales, "locale");
        regions = clean(regions, "region");
        domains = clean(domains, "domain");
        audiences = clean(audiences, "audience");
        channels = clean(channels, "channel");
        tags = clean(tags, "tags");
    }

    private static List<String> clean(List<String> values, String name) {
        if (values == null) return List.of();
        var set = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (String v : values) {
            if (v == null || v.isBlank()) throw new IllegalArgumentException("scope." + name + " holds a blank value");
            set.add(v.strip());
        }
        return List.copyOf(set);
    }

    /** The list of one dimension, by its file name (locale, region, domain, audience, channel, tags). */
    public List<String> dimension(String name) {
        return switch (name) {
            case "locale" -> locales;
            case "region" -> regions;
            case "domain" -> domains;
            case "audience" -> audiences;
            case "channel" -> channels;
            case "tags" -> tags;
            default -> throw new IllegalArgumentException("unknown scope dimension '" + name + "'");
        };
    }

    public boolean isAny() {
        return DIMENSIONS.stream().allMatch(d -> dimension(d).isEmpty());
    }

    /** Whether a request with this metadata is in scope (see the class comment). */
    public boolean matches(RequestContext request) {
        for (String d : DIMENSIONS) {
            List<String> allowed = dimension(d);
            if (allowed.isEmpty()) continue;
            if (d.equals("tags")) {
                if (request.tags().stream().noneMatch(t -> allowed.stream().anyMatch(a -> a.equalsIgnoreCase(t)))) return false;
                continue;
            }
            Optional<String> value = request.value(d);
            if (value.isEmpty()) return false;
            if (allowed.stream().noneMatch(a -> covers(d, a, value.get()))) return false;
        }
        return true;
    }

    /** Whether every request this scope matches is also matched by {@code wider} (see the class comment). */
    public boolean narrows(Scope wider) {
        return widenedDimensions(wider).isEmpty();
    }

    /** The dimensions in which this scope is not narrower than or equal to {@code wider}, in file order. */
    public List<String> widenedDimensions(Scope wider) {
        var out = new ArrayList<String>();
        for (String d : DIMENSIONS) {
            List<String> p = wider.dimension(d);
            if (p.isEmpty()) continue;
            List<String> c = dimension(d);
            if (c.isEmpty() || !c.stream().allMatch(v -> p.stream().anyMatch(a -> covers(d, a, v)))) out.add(d);
        }
        return out;
    }

    /** Whether the listed value {@code allowed} covers {@code value} in dimension {@code d}. */
    static boolean covers(String d, String allowed, String value) {
        if (!d.equals("locale")) return allowed.equalsIgnoreCase(value);
        String a = allowed.replace('_', '-').toLowerCase(Locale.ROOT);
        String v = value.replace('_', '-').toLowerCase(Locale.ROOT);
        return v.equals(a) || v.startsWith(a + "-");
    }
}
