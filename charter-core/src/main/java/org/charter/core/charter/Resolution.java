package org.charter.core.charter;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a charter says about one request, with the evidence for each part: the clauses that apply (with their
 * retrieval scores and why they apply), the clauses an instruction in the request overrides (which message, how),
 * what became of each instruction, the precedents that match, conflicts, and whether the request is a gap.
 * Produced by {@link Resolver#resolve}.
 *
 * @param queries the messages used as retrieval queries
 * @param applicable the clauses that apply and stand, in authority order then charter order
 * @param overridden the clauses that would apply but an instruction overrides
 * @param ranking the best-scoring in-scope clauses, applicable or not, best first (for transparency)
 */
public record Resolution(String charterId, String version, String charterHash, String similarity, RequestContext context,
        List<Query> queries, List<Applicable> applicable, List<Overridden> overridden, List<InstructionOutcome> instructions,
        List<PrecedentMatch> precedents, List<Conflict> conflicts, boolean gap, Optional<String> gapReason, List<Scored> ranking) {
    public Resolution {
        queries = List.copyOf(queries);
        applicable = List.copyOf(applicable);
        overridden = List.copyOf(overridden);
        instructions = List.copyOf(instructions);
        precedents = List.copyOf(precedents);
        conflicts = List.copyOf(conflicts);
        ranking = List.copyOf(ranking);
        gapReason = gapReason == null ? Optional.empty() : gapReason;
        if (gap != gapReason.isPresent()) throw new IllegalArgumentException("a gap needs its reason, and only a gap has one");
    }

    /** A message used as a retrieval query. */
    public record Query(int message, Request.Role role, String text) { }

    /** Why a clause applies, or a note on an instruction that addressed it without overriding it. */
    public enum ReasonKind {
        /** Its scope matches the request's metadata (every applicable clause has this reason). */
        SCOPE,
        /** Semantic retrieval ranked it among the best, above the threshold. */
        RETRIEVED,
        /** A rule with override never at the highest authority: applies to every request in its scope. */
        ALWAYS_ON,
        /** An instruction in the request is about it (names its id or is similar to it). */
        ADDRESSED,
        /** An instruction tried to override it and did not (below its authority, context only, or never). */
        STANDS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Reason(ReasonKind kind, String detail) {
        public Reason {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return kind.wireName() + ": " + detail;
        }
    }

    /**
     * An applicable clause: its best retrieval score over the queries (NaN when the request has no query message),
     * where that score came from, and why it applies.
     */
    public record Applicable(Clause clause, double score, String bestMatch, List<Reason> reasons) {
        public Applicable {
            reasons = List.copyOf(reasons);
        }
    }

    /** How an instruction overrides a clause: by explicit words, or implicitly by the context it sets. */
    public enum OverrideKind {
        EXPLICIT, IMPLICIT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A clause overridden by an instruction: which message, at which party's level, how, and the evidence (score NaN without a query). */
    public record Overridden(Clause clause, double score, int message, Request.Role role, Optional<String> party, OverrideKind how,
            String evidence, String reason) { }

    /** What became of an instruction. */
    public enum InstructionStatus {
        IN_FORCE, SUPERSEDED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One instruction of the request: its level (the party its role speaks for; empty: below every party), whether a
     * later instruction at the same level superseded it, and the clauses it addresses and overrides.
     */
    public record InstructionOutcome(int message, Request.Role role, Optional<String> party, InstructionStatus status,
            Optional<Integer> supersededBy, Optional<OverrideKind> cue, List<String> addresses, List<String> overrides) {
        public InstructionOutcome {
            addresses = List.copyOf(addresses);
            overrides = List.copyOf(overrides);
        }
    }

    /** A precedent whose prompt matches the request above the retrieval threshold. */
    public record PrecedentMatch(String id, double score, Precedent.Ruling ruling, List<String> clauses) {
        public PrecedentMatch {
            clauses = List.copyOf(clauses);
        }
    }

    /** The detectable kinds of conflict (see {@link Resolver} for what each means and its limits). */
    public enum ConflictKind {
        /** An instruction explicitly tries to override a clause whose override policy is never. */
        OVERRIDE_OF_NEVER,
        /** Two applicable clauses' examples disagree: a GOOD response of one is near-identical to a BAD response of the other. */
        EXAMPLES_CONTRADICT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A conflict, and whether authority settles it (the clauses or the clause and the instruction differ in level). */
    public record Conflict(ConflictKind kind, List<String> clauses, List<Integer> messages, boolean settledByAuthority, String detail) {
        public Conflict {
            clauses = List.copyOf(clauses);
            messages = List.copyOf(messages);
        }
    }

    /** A clause's retrieval score and its best-matching text. */
    public record Scored(String clause, String authority, double score, String bestMatch) { }

    /** The applicable clauses, in the order given (authority, then charter order). */
    public List<Clause> applicableClauses() {
        return applicable.stream().map(Applicable::clause).toList();
    }

    /** The JSON form: {@code {"charter","version","hash","applicable":[...],"overridden":[...],"conflicts":[...],"gap",...}}. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("charter", charterId);
        o.put("version", version);
        o.put("hash", charterHash);
        o.put("similarity", similarity);
        o.put("context", context.describe());
        ArrayNode qs = o.putArray("queries");
        for (Query q : queries) qs.addObject().put("message", q.message()).put("role", q.role().wireName()).put("text", q.text());
        ArrayNode app = o.putArray("applicable");
        for (Applicable a : applicable) {
            ObjectNode n = app.addObject();
            n.put("id", a.clause().id()).put("authority", a.clause().authority()).put("kind", a.clause().kind().wireName())
                    .put("override", a.clause().override().wireName());
            putScore(n, a.score());
            n.put("bestMatch", a.bestMatch());
            ArrayNode rs = n.putArray("reasons");
            for (Reason r : a.reasons()) rs.add(r.toString());
        }
        ArrayNode ov = o.putArray("overridden");
        for (Overridden x : overridden) {
            ObjectNode n = ov.addObject();
            n.put("id", x.clause().id()).put("authority", x.clause().authority()).put("override", x.clause().override().wireName());
            putScore(n, x.score());
            n.put("message", x.message()).put("role", x.role().wireName());
            x.party().ifPresentOrElse(p -> n.put("party", p), () -> n.putNull("party"));
            n.put("how", x.how().wireName()).put("evidence", x.evidence()).put("reason", x.reason());
        }
        ArrayNode ins = o.putArray("instructions");
        for (InstructionOutcome i : instructions) {
            ObjectNode n = ins.addObject();
            n.put("message", i.message()).put("role", i.role().wireName());
            i.party().ifPresentOrElse(p -> n.put("party", p), () -> n.putNull("party"));
            n.put("status", i.status().wireName());
            i.supersededBy().ifPresent(s -> n.put("supersededBy", s));
            i.cue().ifPresent(c -> n.put("cue", c.wireName()));
            i.addresses().forEach(n.putArray("addresses")::add);
            i.overrides().forEach(n.putArray("overrides")::add);
        }
        ArrayNode ps = o.putArray("precedents");
        for (PrecedentMatch p : precedents) {
            ObjectNode n = ps.addObject().put("id", p.id()).put("score", round(p.score())).put("ruling", p.ruling().wireName());
            p.clauses().forEach(n.putArray("clauses")::add);
        }
        ArrayNode cs = o.putArray("conflicts");
        for (Conflict c : conflicts) {
            ObjectNode n = cs.addObject().put("kind", c.kind().wireName());
            c.clauses().forEach(n.putArray("clauses")::add);
            c.messages().forEach(n.putArray("messages")::add);
            n.put("settledByAuthority", c.settledByAuthority()).put("detail", c.detail());
        }
        o.put("gap", gap);
        gapReason.ifPresentOrElse(r -> o.put("gapReason", r), () -> o.putNull("gapReason"));
        ArrayNode rk = o.putArray("ranking");
        for (Scored s : ranking) rk.addObject().put("id", s.clause()).put("authority", s.authority()).put("score", round(s.score())).put("bestMatch", s.bestMatch());
        return o;
    }

    /** A plain-text report, one item per line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("charter ").append(charterId).append(" version ").append(version).append(" (").append(charterHash).append(")\n");
        sb.append("similarity ").append(similarity).append("; context ").append(context.describe()).append('\n');
        for (Query q : queries) sb.append("query: message ").append(q.message()).append(" (").append(q.role().wireName()).append(")\n");
        sb.append("applicable (").append(applicable.size()).append("):\n");
        List<String> onlyAlwaysOn = new java.util.ArrayList<>();
        for (Applicable a : applicable) {
            if (a.reasons().stream().allMatch(r -> r.kind() == ReasonKind.SCOPE || r.kind() == ReasonKind.ALWAYS_ON)) {
                onlyAlwaysOn.add(a.clause().id());
                continue;
            }
            sb.append(String.format(Locale.ROOT, "  %-8s %-36s score %s%n", "[" + a.clause().authority() + "]", a.clause().id(),
                    Double.isFinite(a.score()) ? String.format(Locale.ROOT, "%.3f", a.score()) : "-"));
            for (Reason r : a.reasons()) sb.append("      ").append(r).append('\n');
        }
        if (!onlyAlwaysOn.isEmpty()) {
            sb.append("  always on (rules with override never at the highest authority): ").append(String.join(", ", onlyAlwaysOn)).append('\n');
        }
        sb.append("overridden (").append(overridden.size()).append("):\n");
        for (Overridden x : overridden) {
            sb.append(String.format(Locale.ROOT, "  %-8s %-36s by message %d (%s, %s): %s%n", "[" + x.clause().authority() + "]", x.clause().id(),
                    x.message(), x.role().wireName(), x.how().wireName(), x.reason()));
        }
        for (InstructionOutcome i : instructions) {
            if (i.status() == InstructionStatus.SUPERSEDED) {
                sb.append("instruction: message ").append(i.message()).append(" (").append(i.role().wireName()).append(") superseded by message ")
                        .append(i.supersededBy().orElseThrow()).append('\n');
            }
        }
        for (PrecedentMatch p : precedents) {
            sb.append(String.format(Locale.ROOT, "precedent %s matches (%.3f): %s %s%n", p.id(), p.score(), p.ruling().wireName(), p.clauses()));
        }
        sb.append("conflicts (").append(conflicts.size()).append("):\n");
        for (Conflict c : conflicts) {
            sb.append("  ").append(c.kind().wireName()).append(' ').append(c.clauses()).append(c.settledByAuthority() ? " (settled by authority): " : ": ")
                    .append(c.detail()).append('\n');
        }
        sb.append("gap: ").append(gap);
        gapReason.ifPresent(r -> sb.append(" (").append(r).append(')'));
        sb.append('\n');
        return sb.toString();
    }

    /** A score rounded to four decimals, or null when there is none (no query message to score by). */
    private static void putScore(ObjectNode n, double d) {
        if (Double.isFinite(d)) n.put("score", round(d));
        else n.putNull("score");
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
