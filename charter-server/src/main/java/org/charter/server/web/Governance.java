package org.charter.server.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Statement;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.OpenCase;
import org.charter.core.charter.Precedent;
import org.charter.core.governance.Panel;
import org.charter.core.governance.Ratification;
import org.charter.core.governance.RatificationRule;
import org.charter.core.math.Rational;
import org.charter.core.opinion.OpinionMap;
import org.charter.store.AssemblyStore;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.ConflictException;

/**
 * What the ratification and case pages do, apart from rendering: build a ratification's input from a stored assembly
 * and its opinion map, preview the next charter version against the latest stored one, store it only if nothing
 * changed since the preview, and record a panellist's verdict on a case.
 */
public final class Governance {
    private final AssemblyStore assemblies;
    private final CharterStore charters;
    private final CaseStore cases;
    private final LongFunction<Optional<OpinionMap>> maps;
    private final Clock clock;

    public Governance(AssemblyStore assemblies, CharterStore charters, CaseStore cases, LongFunction<Optional<OpinionMap>> maps, Clock clock) {
        this.assemblies = assemblies;
        this.charters = charters;
        this.cases = cases;
        this.maps = maps;
        this.clock = clock;
    }

    public CharterStore charters() { return charters; }

    public CaseStore cases() { return cases; }

    /** The name under which an assembly's statements appear in clause ids and provenance. */
    public static String assemblyName(long assemblyId) {
        return "assembly-" + assemblyId;
    }

    /** The statements that may become clauses: visible to participants (by the assembly's moderation) and not meta. */
    public static Map<Integer, String> eligible(AssemblySnapshot snapshot) {
        Map<Integer, String> out = new TreeMap<>();
        for (Statement s : snapshot.statements()) if (!s.meta() && s.moderation().visible(snapshot.settings())) out.put(s.tid(), s.text());
        return out;
    }

    /**
     * The rule a form asks for: {@code consensus} with a threshold (a fraction such as 3/5 or a decimal such as 0.6),
     * {@code osccai}, or {@code committee} with a committee rule id and a slate size.
     */
    public static RatificationRule rule(String kind, String threshold, String committeeRule, String size, Optional<OpinionMap> map) {
        if (kind == null) throw new IllegalArgumentException("choose a rule");
        switch (kind) {
            case "consensus" -> {
                if (threshold == null || threshold.isBlank()) throw new IllegalArgumentException("the consensus rule needs a threshold");
                Rational t;
                try {
                    t = Rational.parse(threshold.strip());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("the threshold '" + threshold + "' is not a number such as 3/5 or 0.6");
                }
                return new RatificationRule.ConsensusThreshold(t);
            }
            case "osccai" -> {
                return new RatificationRule.OsccaiCandidates(map.map(OpinionMap::constitution).orElse(List.of()));
            }
            case "committee" -> {
                int k;
                try {
                    k = Integer.parseInt(size == null ? "" : size.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the slate size '" + size + "' is not a whole number");
                }
                return new RatificationRule.CommitteeSlate(committeeRule == null ? "" : committeeRule.strip(), k);
            }
            default -> throw new IllegalArgumentException("unknown rule '" + kind + "' (consensus, osccai or committee)");
        }
    }

    /** A previewed next version: the version it would follow (empty for a first version), and the result with its diff. */
    public record Preview(String charterName, Optional<Integer> parent, Ratification.Ratified ratified, String hash) { }

    /** The ratification of an assembly into the next version of charter {@code charterName} (created if not stored yet). */
    public Preview preview(long assemblyId, String charterName, RatificationRule rule, String label) {
        if (charterName == null || !org.charter.core.charter.CharterReader.ID.matcher(charterName).matches()) {
            throw new IllegalArgumentException("the charter name '" + charterName + "' must be letters, digits, '_', '.', '-'");
        }
        AssemblySnapshot snapshot = assemblies.snapshot(assemblyId);
        Optional<OpinionMap> map = maps.apply(assemblyId);
        Ratification.Input input = map.isPresent()
                ? Ratification.Input.of(assemblyName(assemblyId), eligible(snapshot), map.get(), snapshot.matrix())
                : new Ratification.Input(assemblyName(assemblyId), eligible(snapshot), Map.of(), snapshot.matrix());
        Optional<CharterStore.StoredVersion> latest = charters.latest(charterName);
        Charter own, effective;
        if (latest.isPresent()) {
            CharterResolver.Resolved r = charters.resolve(latest.get());
            own = r.chain().get(0).charter();
            effective = r.effective();
        } else {
            own = effective = Ratification.empty(charterName, "0");
        }
        String newLabel = label == null || label.isBlank() ? String.valueOf(latest.map(CharterStore.StoredVersion::number).orElse(0) + 1) : label.strip();
        Ratification.Ratified r = Ratification.ratify(own, effective, input, rule, Ratification.Settings.community(newLabel, LocalDate.now(clock)),
                cases.decided(charterName));
        return new Preview(charterName, latest.map(CharterStore.StoredVersion::number), r, CanonicalForm.hash(r.charter()));
    }

    /**
     * Stores the previewed version if it is still what the preview showed: the same parent version and the same
     * content (votes, moderation or cases that changed meanwhile change it). Refused with {@link ConflictException}
     * otherwise, and when another version was stored first.
     */
    public CharterStore.StoredVersion confirm(long assemblyId, String charterName, RatificationRule rule, String label, Optional<Integer> parent,
                                              String previewedHash, String by) {
        Preview p = preview(assemblyId, charterName, rule, label);
        if (!p.parent().equals(parent)) {
            throw new ConflictException("charter " + charterName + " has a newer version than the one previewed; preview again");
        }
        if (!p.hash().equals(previewedHash)) {
            throw new ConflictException("the votes, moderation or cases changed since the preview, so the version would differ; preview again");
        }
        return charters.save(p.ratified().charter(), parent, by, "ratify " + assemblyName(assemblyId) + ": " + p.ratified().rule());
    }

    /** The charter a case's verdicts are checked against: the latest stored version of its charter, with its parents. */
    public Charter charterOf(OpenCase c) {
        CharterStore.StoredVersion v = charters.latest(c.charterId()).orElseThrow(() -> new ConflictException("charter " + c.charterId()
                + " is not in the store; import it first (charter charters import FILE)"));
        return charters.resolve(v).effective();
    }

    /** Records a panellist's verdict on a case; the case is decided once the panel's rule is met. */
    public CaseStore.StoredCase rule(String caseId, int candidate, String response, Precedent.Ruling ruling, List<String> clauses, String rationale,
                                     String panellist) {
        OpenCase c = cases.get(caseId).openCase();
        Panel.Verdict v = Panel.Verdict.on(c, charterOf(c), candidate, response, ruling, clauses, rationale, panellist, LocalDate.now(clock));
        return cases.addVerdict(caseId, v);
    }

    /** Records the verdict of the participant holding a panel seat (a one-time token). */
    public CaseStore.StoredCase ruleBySeat(String token, int candidate, String response, Precedent.Ruling ruling, List<String> clauses,
                                           String rationale) {
        return cases.addSeatVerdict(token, seat -> {
            OpenCase c = cases.get(seat.caseId()).openCase();
            return Panel.Verdict.on(c, charterOf(c), candidate, response, ruling, clauses, rationale, seat.panellist(), LocalDate.now(clock));
        });
    }
}
