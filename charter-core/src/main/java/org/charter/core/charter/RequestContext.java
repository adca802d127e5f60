package org.charter.core.charter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The metadata of a request that scopes are matched against: locale (a BCP 47 tag such as {@code en-GB}), region,
 * domain, audience, channel, each optional, and a set of free tags.
 */
public record RequestContext(Optional<String> locale, Optional<String> region, Optional<String> domain,
        Optional<String> audience, Optional<String> channel, List<String> tags) {
    public static final RequestContext EMPTY = new RequestContext(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of());

    public RequestContext {
        locale = Text.optionalLine(locale);
        region = Text.optionalLine(region);
        domain = Text.optionalLine(domain);
        audience = Text.optionalLine(audience);
        channel = Text.optionalLine(channel);
        var set = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        if (tags != null) for (String t : tags) if (t != null && !t.isBlank()) set.add(t.strip());
        tags = List.copyOf(set);
    }

    /**
     * Builds a context from {@code key=value} pairs: keys locale, region, domain, audience, channel, and tags (a
     * comma-separated list; {@code tag} is accepted for one tag). An unknown key is an error naming the known ones.
     */
    public static RequestContext of(Map<String, String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        var tags = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (var e : pairs.entrySet()) {
            String k = e.getKey().strip();
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (k) {
                case "locale", "region", "domain", "audience", "channel" -> m.put(k, v);
                case "tags", "tag" -> {
                    for (String t : v.split(",")) if (!t.isBlank()) tags.add(t.strip());
                }
                default -> throw new IllegalArgumentException("unknown context key '" + k
                        + "' (known: locale, region, domain, audience, channel, tags)");
            }
        }
        return new RequestContext(Optional.ofNullable(m.get("locale")), Optional.ofNullable(m.get("region")),
                Optional.ofNullable(m.get("domain")), Optional.ofNullable(m.get("audience")),
                Optional.ofNullable(m.get("channel")), List.copyOf(tags));
    }

    /** The value of one single-valued dimension (locale, region, domain, audience, channel). */
    public Optional<String> value(String dimension) {
        return switch (dimension) {
            case "locale" -> locale;
            case "region" -> region;
            case "domain" -> domain;
            case "audience" -> audience;
            case "channel" -> channel;
            default -> throw new IllegalArgumentException("not a single-valued dimension: " + dimension);
        };
    }

    /** The context as {@code key=value} pairs in dimension order, for headers and logs; absent values are left out. */
    public String describe() {
        var parts = new java.util.ArrayList<String>();
        for (String d : List.of("locale", "region", "domain", "audience", "channel")) value(d).ifPresent(v -> parts.add(d + "=" + v));
        if (!tags.isEmpty()) parts.add("tags=" + String.join(",", tags));
        return parts.isEmpty() ? "(none)" : String.join(" ", parts);
    }
}
