package org.charter.core.governance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.core.charter.Adjudication;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterDiff;
import org.charter.core.charter.CharterReader;
import org.charter.core.charter.Clause;
import org.charter.core.charter.ClauseKind;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.OverridePolicy;
import org.charter.core.charter.Provenance;
import org.charter.core.charter.Scope;
import org.charter.core.choice.committee.ApprovalProfile;
import org.charter.core.choice.committee.Committee;
import org.charter.core.choice.committee.CommitteeResult;
import org.charter.core.choice.committee.CommitteeRules;
import org.charter.core.math.Rational;
import org.charter.core.opinion.OpinionMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * Ratification: the next version of a charter, made from an assembly's statements by a {@link RatificationRule} and
 * from the rulings on its cases by {@link Adjudication#amend}, with every statement's support per group as evidence
 * and the diff against the previous version.
 *
 * <p>The clauses an assembly ratifies are its current will: in the new version the clauses that came from this
 * assembly (provenance {@code assembly}) are replaced by those the rule chooses now: a clause still chosen keeps its
 * place (its text and support are brought up to date), one no longer chosen is removed, a newly chosen one is
 * appended in statement order. Clauses from elsewhere are kept as they are. A clause made from statement {@code t}
 * of assembly {@code A} has the id {@code A-s<t>}.
 */
public final class Ratification {
    private Ratification() { }

    /**
     * What the rule counts: the assembly's name (used in clause ids and provenance), the statements eligible to become
     * clauses (accepted, not meta) by tid, each grouped participant's opinion group, and the latest votes.
     */
    public record Input(String assembly, Map<Integer, String> statements, Map<Integer, Integer> groupOf, VoteMatrix votes) {
        public Input {
            if (assembly == null || !CharterReader.ID.matcher(assembly).matches()) {
                throw new IllegalArgumentException("assembly name '" + assembly + "' must be letters, digits, '_', '.', '-'");
            }
            statements = Collections.unmodifiableMap(new TreeMap<>(statements));
            groupOf = Map.copyOf(groupOf);
            Objects.requireNonNull(votes, "votes");
        }

        /** The input of an opinion map: its groups, the statements given, the votes it was computed from. */
        public static Input of(String assembly, Map<Integer, String> statements, OpinionMap map, VoteMatrix votes) {
            Map<Integer, Integer> groupOf = new TreeMap<>();
            for (OpinionMap.Group g : map.groups()) for (int pid : g.members()) groupOf.put(pid, g.id());
            return new Input(assembly, statements, groupOf, votes);
        }
    }

    /**
     * How clauses are written: the new version's label, the party whose authority ratified clauses carry, their kind
     * and override policy, and the date of ratification.
     */
    public record Settings(String label, String authority, ClauseKind kind, OverridePolicy override, LocalDate date) {
        public Settings {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("the new version needs a label");
            if (authority == null || authority.isBlank()) throw new IllegalArgumentException("ratified clauses need an authority");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(override, "override");
            Objects.requireNonNull(date, "date");
        }

        /** Community norms that only an explicit instruction may override. */
        public static Settings community(String label, LocalDate date) {
            return new Settings(label, "community", ClauseKind.NORM, OverridePolicy.EXPLICIT, date);
        }
    }

    /** Agree, disagree and pass counts. */
    public record Tally(long agree, long disagree, long pass) {
        public long votes() { return agree + disagree + pass; }

        /** agree / votes (passes count as votes), 0 without votes. */
        @JsonSerialize(using = ToStringSerializer.class)
        public Rational agreeShare() { return votes() == 0 ? Rational.ZERO : Rational.of(agree, votes()); }

        Tally plus(VoteValue v) {
            return switch (v) {
                case AGREE -> new Tally(agree + 1, disagree, pass);
                case DISAGREE -> new Tally(agree, disagree + 1, pass);
                case PASS -> new Tally(agree, disagree, pass + 1);
            };
        }
    }

    /**
     * A statement's evidence: its votes per group (key: the group id, or "all" when the map has no groups) and over
     * everyone, its group-aware consensus (exact), its OSCCAI score when that rule ran, and whether it was chosen.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Support(int tid, String text, Map<String, Tally> byGroup, Tally overall,
                          @JsonSerialize(using = ToStringSerializer.class) Rational consensus, Double osccaiScore, boolean chosen) {
        public Support {
            byGroup = Collections.unmodifiableMap(new TreeMap<>(byGroup));
        }
    }

    /**
     * The new version and why: the rule as described, each eligible statement's support, the chosen tids in clause
     * order, the committee result (committee rule only), the ids of the clauses that came from the assembly, the
     * precedents added from cases, the cases still open, and the diff against the previous version.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratified(Charter charter, String rule, List<Support> supports, List<Integer> chosen, CommitteeResult committee,
                           List<String> clauses, List<String> precedentsAdded, int casesStillOpen, CharterDiff diff) {
        public Ratified {
            supports = List.copyOf(supports);
            chosen = List.copyOf(chosen);
            clauses = List.copyOf(clauses);
            precedentsAdded = List.copyOf(precedentsAdded);
        }

        /** The explanation as text: the rule, a line per statement with its support per group, then the diff. */
        public String toText() {
            StringBuilder sb = new StringBuilder();
            sb.append("rule: ").append(rule).append('\n');
            for (Support s : supports) {
                sb.append(s.chosen() ? "+ " : "  ").append('s').append(s.tid()).append("  consensus ").append(s.consensus())
                        .append(String.format(Locale.ROOT, " (%.4f)", s.consensus().doubleValue()));
                if (s.osccaiScore() != null) sb.append(String.format(Locale.ROOT, "  osccai %.4f", s.osccaiScore()));
                s.byGroup().forEach((g, t) -> sb.append("  group ").append(g).append(' ').append(t.agree()).append('/')
                        .append(t.disagree()).append('/').append(t.pass()));
                sb.append("  ").append(firstLine(s.text())).append('\n');
            }
            if (committee != null) {
                sb.append("committee ").append(committee.rule()).append(" k=").append(committee.size()).append(": ")
                        .append(committee.committees().get(0)).append("; ").append(committee.explanation().tieBreaking()).append('\n');
            }
            sb.append("(per group: agree/disagree/pass; + chosen)\n");
            if (!precedentsAdded.isEmpty() || casesStillOpen > 0) {
                sb.append(precedentsAdded.size()).append(" precedent(s) added from cases; ").append(casesStillOpen).append(" case(s) still open\n");
            }
            sb.append(diff.toText());
            return sb.toString();
        }

        private static String firstLine(String s) {
            String l = s.lines().findFirst().orElse("");
            return l.length() > 70 ? l.substring(0, 67) + "..." : l;
        }
    }

    /**
     * The votes on each eligible statement per opinion group (key: the group id, or "all" when there are no groups;
     * participants outside every group count only in {@code overall}) and over everyone.
     */
    public record Tallies(Map<Integer, Map<String, Tally>> byGroup, Map<Integer, Tally> overall) { }

    /** Counts the votes of {@code input} (see {@link Tallies}). */
    public static Tallies tallies(Input input) {
        Map<Integer, Map<String, Tally>> byGroup = new TreeMap<>();
        Map<Integer, Tally> overall = new TreeMap<>();
        Set<String> groups = new TreeSet<>();
        boolean grouped = !input.groupOf().isEmpty();
        if (grouped) input.groupOf().values().forEach(g -> groups.add(String.valueOf(g)));
        else groups.add("all");
        for (int tid : input.statements().keySet()) {
            Map<String, Tally> m = new TreeMap<>();
            for (String g : groups) m.put(g, new Tally(0, 0, 0));
            byGroup.put(tid, m);
            overall.put(tid, new Tally(0, 0, 0));
        }
        for (int pid : input.votes().participants()) {
            String g = grouped ? Optional.ofNullable(input.groupOf().get(pid)).map(String::valueOf).orElse(null) : "all";
            input.votes().row(pid).forEach((tid, v) -> {
                if (!byGroup.containsKey(tid)) return;
                overall.merge(tid, new Tally(0, 0, 0).plus(v), Ratification::sum);
                if (g != null) byGroup.get(tid).merge(g, new Tally(0, 0, 0).plus(v), Ratification::sum);
            });
        }
        return new Tallies(byGroup, overall);
    }

    /** The id of the clause made from statement {@code tid} of {@code assembly}. */
    public static String clauseId(String assembly, int tid) {
        return assembly + "-s" + tid;
    }

    /**
     * The next version of {@code previous} (the document as written; {@code effective} is it with its parents'
     * clauses, for checking the clauses cases cite): the assembly's statements chosen by {@code rule} become clauses,
     * and the ruled {@code cases} of this charter become precedents.
     */
    public static Ratified ratify(Charter previous, Charter effective, Input input, RatificationRule rule, Settings settings, List<OpenCase> cases) {
        if (!previous.parties().isEmpty() && !previous.parties().contains(settings.authority())) {
            throw new IllegalArgumentException("authority '" + settings.authority() + "' is not a party of charter " + previous.id()
                    + " (" + String.join(", ", previous.parties()) + ")");
        }
        Tallies tallies = tallies(input);
        Map<Integer, Map<String, Tally>> byGroup = tallies.byGroup();
        Map<Integer, Tally> overall = tallies.overall();
        Map<Integer, Rational> consensus = new TreeMap<>();
        byGroup.forEach((tid, m) -> {
            Rational p = Rational.ONE;
            for (Tally t : m.values()) p = p.multiply(Rational.of(t.agree() + 1, t.votes() + 2));
            consensus.put(tid, p);
        });

        List<Integer> chosen = new ArrayList<>();
        Map<Integer, Double> osccai = new TreeMap<>();
        CommitteeResult committee = null;
        switch (rule) {
            case RatificationRule.ConsensusThreshold t -> consensus.forEach((tid, c) -> {
                if (c.compareTo(t.threshold()) >= 0) chosen.add(tid);
            });
            case RatificationRule.OsccaiCandidates o -> {
                for (OpinionMap.ConstitutionCandidate c : o.candidates()) {
                    if (!input.statements().containsKey(c.tid())) {
                        throw new IllegalArgumentException("OSCCAI candidate s" + c.tid() + " is not an eligible statement of assembly " + input.assembly());
                    }
                    osccai.put(c.tid(), c.score());
                    chosen.add(c.tid());
                }
                chosen.sort(null);
            }
            case RatificationRule.CommitteeSlate s -> {
                List<Integer> tids = new ArrayList<>(input.statements().keySet());
                if (tids.isEmpty()) throw new IllegalArgumentException("assembly " + input.assembly() + " has no eligible statements");
                if (s.size() > tids.size()) {
                    throw new IllegalArgumentException("a slate of " + s.size() + " from " + tids.size() + " eligible statements");
                }
                List<String> names = tids.stream().map(t -> "s" + t).toList();
                List<List<Integer>> approvals = new ArrayList<>();
                for (int pid : input.votes().participants()) {
                    List<Integer> a = new ArrayList<>();
                    for (int i = 0; i < tids.size(); i++) if (input.votes().vote(pid, tids.get(i)) == VoteValue.AGREE) a.add(i);
                    approvals.add(a);
                }
                if (approvals.isEmpty()) throw new IllegalArgumentException("assembly " + input.assembly() + " has no votes");
                committee = CommitteeRules.compute(s.rule(), new ApprovalProfile(names, approvals, null), s.size(), true);
                Committee won = committee.committees().get(0);
                for (int i : won.members()) chosen.add(tids.get(i));
            }
        }

        List<Support> supports = new ArrayList<>();
        for (int tid : input.statements().keySet()) {
            supports.add(new Support(tid, input.statements().get(tid), byGroup.get(tid), overall.get(tid), consensus.get(tid),
                    osccai.get(tid), chosen.contains(tid)));
        }

        // replace the assembly's clauses by the chosen ones
        Map<String, Clause> fresh = new LinkedHashMap<>();
        for (int tid : chosen) {
            Map<String, Rational> share = new TreeMap<>();
            byGroup.get(tid).forEach((g, t) -> share.put(g, t.agreeShare()));
            Provenance p = new Provenance(Optional.empty(), Optional.of(input.assembly()), List.of(String.valueOf(tid)), Optional.empty(),
                    Optional.of(rule.describe()), Optional.of(overall.get(tid).agreeShare()), share, Optional.of(settings.date()), Optional.empty());
            String id = clauseId(input.assembly(), tid);
            fresh.put(id, new Clause(id, Optional.empty(), input.statements().get(tid), settings.kind(), settings.authority(), settings.override(),
                    Scope.ANY, List.of(), Optional.of(p)));
        }
        List<Clause> clauses = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        for (Clause c : previous.clauses()) {
            boolean fromAssembly = c.provenance().flatMap(Provenance::assembly).filter(input.assembly()::equals).isPresent();
            if (fresh.containsKey(c.id())) {
                Clause f = fresh.get(c.id());
                clauses.add(new Clause(c.id(), c.title(), f.text(), c.kind(), c.authority(), c.override(), c.scope(), c.examples(), f.provenance()));
                placed.add(c.id());
            } else if (!fromAssembly) {
                clauses.add(c);
            }
        }
        fresh.forEach((id, c) -> {
            if (!placed.contains(id)) clauses.add(c);
        });

        Charter withClauses = previous.withClauses(clauses);
        Charter effectiveNow = effective.withClauses(merge(effective.clauses(), previous.clauses(), clauses));
        List<OpenCase> own = cases.stream().filter(c -> c.charterId().equals(previous.id())).toList();
        Adjudication.Amended amended = Adjudication.amend(withClauses, effectiveNow, own, settings.label());
        Charter next = amended.charter();
        return new Ratified(next, rule.describe(), supports, chosen, committee, List.copyOf(fresh.keySet()), amended.added(),
                amended.stillOpen(), CharterDiff.between(previous, next));
    }

    /**
     * The next version with the rulings of {@code cases} as precedents and the clauses unchanged: what a case ruling
     * alone makes ({@link Adjudication#amend}, with the diff).
     */
    public static Ratified precedents(Charter previous, Charter effective, List<OpenCase> cases, String label) {
        List<OpenCase> own = cases.stream().filter(c -> c.charterId().equals(previous.id())).toList();
        Adjudication.Amended amended = Adjudication.amend(previous, effective, own, label);
        return new Ratified(amended.charter(), "precedents from ruled cases", List.of(), List.of(), null, List.of(), amended.added(),
                amended.stillOpen(), CharterDiff.between(previous, amended.charter()));
    }

    /** The inherited clauses (effective minus the document's old ones) and the document's new ones, for checking citations. */
    private static List<Clause> merge(List<Clause> effective, List<Clause> oldOwn, List<Clause> newOwn) {
        Set<String> old = new TreeSet<>();
        oldOwn.forEach(c -> old.add(c.id()));
        Map<String, Clause> m = new LinkedHashMap<>();
        for (Clause c : effective) if (!old.contains(c.id())) m.put(c.id(), c);
        for (Clause c : newOwn) m.put(c.id(), c);
        return new ArrayList<>(m.values());
    }

    private static Tally sum(Tally a, Tally b) {
        return new Tally(a.agree() + b.agree(), a.disagree() + b.disagree(), a.pass() + b.pass());
    }

    /** A base charter for an assembly's first ratification: no clauses, the default parties and policy. */
    public static Charter empty(String id, String label) {
        return new Charter(id, label, Optional.empty(), Optional.empty(), Charter.DEFAULT_PARTIES, List.of(), List.of(),
                Optional.of(org.charter.core.charter.CharterPolicy.DEFAULT));
    }
}
