package org.charter.core.charter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@link Resolver}: similarity thresholds (on the scale of the {@link TextSimilarity} in use),
 * how many clauses retrieval may bring in, which messages are retrieval queries, whether top-authority rules
 * always apply, and how request roles map onto the charter's parties.
 *
 * @param minScore a clause applies by retrieval when its score reaches this
 * @param maxRetrieved at most this many clauses apply by retrieval (the best-scoring ones)
 * @param weakScore when the best retrieval score is below this, the request is a gap ("only weak matches")
 * @param addressScore an instruction addresses a clause when its similarity to one of the clause's texts reaches this
 * @param supersedeScore a later instruction at the same level supersedes an earlier one when their similarity reaches this
 * @param contradictionScore a clause's GOOD response and another clause's BAD response contradict when their
 *        similarity reaches this (and their examples' prompts are similar: {@code situationScore})
 * @param situationScore two examples' prompts describe the same situation when their similarity reaches this
 * @param alwaysOnTopRules whether in-scope clauses of kind rule with override never at the highest authority
 *        apply to every request, whatever their score
 * @param query which messages are retrieval queries
 * @param roleParties the party each instructing role speaks for; a role left out is mapped by {@link #party}
 */
public record ResolverSettings(double minScore, int maxRetrieved, double weakScore, double addressScore, double supersedeScore,
        double contradictionScore, double situationScore, boolean alwaysOnTopRules, QueryMessages query, Map<Request.Role, String> roleParties) {
    /**
     * Defaults calibrated for all-MiniLM-L6-v2 cosine similarities on the imported Model Spec (NOTES-resolve.md,
     * "Thresholds"): minScore 0.25 (about the 5th percentile of the best score of the Spec's own example prompts,
     * held out), at most 3 retrieved, weak below 0.30 (about the 20th percentile: one in five of the Spec's own,
     * covered, prompts is flagged), address 0.45, supersede 0.60, contradiction 0.90 for responses to prompts at
     * least 0.50 similar.
     */
    public static final ResolverSettings DEFAULT = new ResolverSettings(0.25, 3, 0.30, 0.45, 0.60, 0.90, 0.50, true,
            QueryMessages.LAST_USER, Map.of());

    /** Which messages are retrieval queries. */
    public enum QueryMessages {
        /** The last unquoted user message (when there is none: the last instruction of any role). */
        LAST_USER,
        /** Every instruction (unquoted system, developer and user message); a clause's score is its best over them. */
        ALL_INSTRUCTIONS
    }

    public ResolverSettings {
        if (maxRetrieved < 0) throw new IllegalArgumentException("maxRetrieved must not be negative");
        for (double d : new double[] {minScore, weakScore, addressScore, supersedeScore, contradictionScore, situationScore}) {
            if (Double.isNaN(d)) throw new IllegalArgumentException("thresholds must be numbers");
        }
        if (query == null) throw new IllegalArgumentException("query is required");
        var m = new EnumMap<Request.Role, String>(Request.Role.class);
        if (roleParties != null) m.putAll(roleParties);
        for (Request.Role r : m.keySet()) {
            if (!r.instructs()) throw new IllegalArgumentException("role " + r.wireName() + " carries no authority and cannot speak for a party");
        }
        roleParties = java.util.Collections.unmodifiableMap(m);
    }

    /** The same settings with other retrieval thresholds. */
    public ResolverSettings withRetrieval(double newMinScore, int newMaxRetrieved, double newWeakScore) {
        return new ResolverSettings(newMinScore, newMaxRetrieved, newWeakScore, addressScore, supersedeScore, contradictionScore,
                situationScore, alwaysOnTopRules, query, roleParties);
    }

    /** The same settings with another query choice. */
    public ResolverSettings withQuery(QueryMessages q) {
        return new ResolverSettings(minScore, maxRetrieved, weakScore, addressScore, supersedeScore, contradictionScore, situationScore, alwaysOnTopRules, q, roleParties);
    }

    /** The same settings with always-on top-authority rules switched on or off. */
    public ResolverSettings withAlwaysOnTopRules(boolean on) {
        return new ResolverSettings(minScore, maxRetrieved, weakScore, addressScore, supersedeScore, contradictionScore, situationScore, on, query, roleParties);
    }

    /**
     * The party a role speaks for in a charter: the configured one if any; else system speaks for the party named
     * {@code system}, else {@code platform}; developer for {@code developer}; user for {@code user}. Empty when the
     * charter has no such party (or the role carries no authority): such messages are instructions below every party.
     */
    public Optional<String> party(Request.Role role, List<String> parties) {
        String configured = roleParties.get(role);
        if (configured != null) return parties.contains(configured) ? Optional.of(configured) : Optional.empty();
        List<String> candidates = switch (role) {
            case SYSTEM -> List.of("system", "platform");
            case DEVELOPER -> List.of("developer");
            case USER -> List.of("user");
            case ASSISTANT, TOOL -> List.of();
        };
        for (String c : candidates) if (parties.contains(c)) return Optional.of(c);
        return Optional.empty();
    }
}
