package org.charter.core.charter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a charter's chain of parents into its effective charter, refusing a child that widens its parent and a
 * cycle of parents, with every problem listed.
 *
 * <p>What a child may do ("add or narrow" what the model may do), precisely:
 * <ul>
 *   <li>add clauses with new ids (their authority must be one of the effective parties);</li>
 *   <li>restate an inherited clause (same id) with the same text (after {@link Text} normalisation), an authority at
 *       the same or a higher level, an override policy at least as strict (implicit &lt; explicit &lt; never), a kind
 *       at least as strong (value &lt; norm &lt; default &lt; rule), a scope at least as wide as the parent's (the
 *       parent's scope {@link Scope#narrows narrows} the child's: a narrower one would exempt requests from a clause
 *       the parent applies to them, which is loosening, not narrowing what the model may do), and more examples (the parent's examples are kept; the child's new ones are added after them);</li>
 *   <li>omit {@code parties} (inherited) or list them with the parent's parties all present in the same relative
 *       order (new parties may be inserted);</li>
 *   <li>omit {@code policy} (inherited) or give, for each of gap, conflict and unreachable, an action at least as
 *       cautious as the parent's (answer-with-caveat &lt; ask &lt; escalate = refuse);</li>
 *   <li>add precedents with new ids.</li>
 * </ul>
 * A child cannot remove a clause: clauses it does not mention are inherited unchanged. Rewording an inherited clause is
 * refused because whether new words are weaker cannot be decided mechanically: a child that wants more says so in a
 * new clause.
 *
 * <p>The effective charter has the child's id, version, title and parent reference, the effective parties and
 * policy, the parent's clauses in the parent's order (restated ones in place), then the child's new clauses in the
 * child's order, and the parent's precedents followed by the child's.
 */
public final class CharterResolver {
    private CharterResolver() { }

    /**
     * A charter read from somewhere, with the name problems should cite (a file path for the CLI) and the line of
     * each value by JSON pointer (empty for charters built in code).
     */
    public record Loaded(String fileName, Charter charter, Map<String, Integer> lines) {
        public Loaded {
            lines = lines == null ? Map.of() : Map.copyOf(lines);
        }

        public Loaded(String fileName, Charter charter) {
            this(fileName, charter, Map.of());
        }

        Problem problem(String path, String reason) {
            return new Problem(fileName, path, CharterReader.lineOf(lines, path), reason);
        }
    }

    /**
     * Finds a parent: given the file of the charter that names it and the reference as written, returns the parsed
     * parent, or empty when there is none by that reference. It may throw {@link InvalidCharterException} for a
     * parent that does not read; its problems are then reported. {@code fileName} of the result is its identity
     * for cycle detection.
     */
    @FunctionalInterface
    public interface Lookup {
        Optional<Loaded> find(String fromFile, String reference);
    }

    /** The effective charter and the chain it was resolved from, the charter itself first and the root last. */
    public record Resolved(Charter effective, List<Loaded> chain) {
        public Resolved {
            chain = List.copyOf(chain);
        }
    }

    /** Resolves without parents: a charter that names a parent is refused (use {@link #resolve(Charter, String, Lookup)}). */
    public static Resolved resolve(Charter charter, String fileName) {
        return resolve(charter, fileName, (from, ref) -> Optional.empty());
    }

    /** Checks a charter against its chain of parents and returns its effective form; throws listing every problem. */
    public static Resolved resolve(Charter charter, String fileName, Lookup lookup) {
        return resolve(new Loaded(fileName, charter), lookup);
    }

    /** As {@link #resolve(Charter, String, Lookup)}, for a charter read with its line index (problems then name lines). */
    public static Resolved resolve(Loaded loaded, Lookup lookup) {
        List<Problem> problems = new ArrayList<>();
        List<Loaded> chain = new ArrayList<>();
        chain.add(loaded);
        Set<String> seen = new LinkedHashSet<>();
        seen.add(loaded.fileName());
        Loaded cur = chain.get(0);
        while (cur.charter().parent().isPresent()) {
            String ref = cur.charter().parent().get();
            Optional<Loaded> found;
            try {
                found = lookup.find(cur.fileName(), ref);
            } catch (InvalidCharterException e) {
                problems.addAll(e.problems());
                break;
            }
            if (found.isEmpty()) {
                problems.add(cur.problem("parent", "parent charter '" + ref + "' not found"));
                break;
            }
            if (!seen.add(found.get().fileName())) {
                List<String> cycle = new ArrayList<>(seen);
                cycle = cycle.subList(cycle.indexOf(found.get().fileName()), cycle.size());
                problems.add(cur.problem("parent", "cycle of parents: " + String.join(" -> ", cycle) + " -> " + found.get().fileName()));
                break;
            }
            chain.add(found.get());
            cur = found.get();
        }
        if (!problems.isEmpty()) throw new InvalidCharterException(problems);
        Charter effective = chain.get(chain.size() - 1).charter();
        // the root's own meaning (authorities, citations) was checked when it was read; check again for charters built in code
        rootChecks(chain.get(chain.size() - 1), problems);
        for (int i = chain.size() - 2; i >= 0; i--) {
            effective = merge(effective, chain.get(i), problems);
        }
        if (!problems.isEmpty()) throw new InvalidCharterException(problems);
        return new Resolved(effective, chain);
    }

    private static void rootChecks(Loaded root, List<Problem> problems) {
        Charter c = root.charter();
        CharterChecks.semantic(c.parties(), c.clauses(), c.precedents(), true, (path, reason) -> problems.add(root.problem(path, reason)));
    }

    private static Charter merge(Charter parent, Loaded loaded, List<Problem> problems) {
        Charter child = loaded.charter();
        int before = problems.size();
        List<String> parties = child.parties().isEmpty() ? parent.parties() : child.parties();
        if (!child.parties().isEmpty()) {
            List<String> kept = child.parties().stream().filter(parent.parties()::contains).toList();
            if (!kept.equals(parent.parties())) {
                problems.add(loaded.problem("parties", "must keep the parent's chain of command " + parent.parties()
                        + " in order (parties may be inserted, not dropped or reordered); found " + child.parties()));
                parties = parent.parties();
            }
        }
        CharterPolicy policy = parent.policyOrDefault();
        if (child.policy().isPresent()) {
            CharterPolicy p = parent.policyOrDefault();
            CharterPolicy c = child.policy().get();
            checkAction("policy.onGap", p.onGap(), c.onGap(), loaded, problems);
            checkAction("policy.onConflict", p.onConflict(), c.onConflict(), loaded, problems);
            checkAction("policy.onUnreachable", p.onUnreachable(), c.onUnreachable(), loaded, problems);
            policy = c;
        }
        Map<String, Clause> merged = new LinkedHashMap<>();
        for (Clause c : parent.clauses()) merged.put(c.id(), c);
        List<Clause> added = new ArrayList<>();
        for (int i = 0; i < child.clauses().size(); i++) {
            Clause c = child.clauses().get(i);
            String path = "clauses[" + i + "]";
            if (!parties.contains(c.authority())) {
                problems.add(loaded.problem(path + ".authority", "unknown authority '" + c.authority() + "' (parties: " + String.join(", ", parties) + ")"));
            }
            Clause inherited = merged.get(c.id());
            if (inherited == null) {
                added.add(c);
                continue;
            }
            merged.put(c.id(), restate(inherited, c, parties, path, loaded, problems));
        }
        List<Clause> clauses = new ArrayList<>(merged.values());
        clauses.addAll(added);
        Set<String> clauseIds = new LinkedHashSet<>();
        clauses.forEach(c -> clauseIds.add(c.id()));
        Set<String> parentPrecedents = new LinkedHashSet<>();
        parent.precedents().forEach(p -> parentPrecedents.add(p.id()));
        List<Precedent> precedents = new ArrayList<>(parent.precedents());
        for (int i = 0; i < child.precedents().size(); i++) {
            Precedent p = child.precedents().get(i);
            if (parentPrecedents.contains(p.id())) {
                problems.add(loaded.problem("precedents[" + i + "].id", "precedent id '" + p.id() + "' is already the parent's"));
            }
            for (int j = 0; j < p.clauses().size(); j++) {
                if (!clauseIds.contains(p.clauses().get(j))) {
                    problems.add(loaded.problem("precedents[" + i + "].clauses[" + j + "]", "cites unknown clause '" + p.clauses().get(j) + "'"));
                }
            }
            precedents.add(p);
        }
        if (problems.size() > before) return parent;
        return new Charter(child.id(), child.version(), child.title().or(parent::title), child.parent(), parties, clauses, precedents,
                Optional.of(policy));
    }

    private static void checkAction(String path, CharterPolicy.Action parent, CharterPolicy.Action child, Loaded file, List<Problem> problems) {
        if (child.caution() < parent.caution()) {
            problems.add(file.problem(path, "'" + child.wireName() + "' is less cautious than the parent's '" + parent.wireName() + "'"));
        }
    }

    private static Clause restate(Clause p, Clause c, List<String> parties, String path, Loaded file, List<Problem> problems) {
        String why = " (a child may only add clauses or make inherited ones stricter)";
        if (!c.text().equals(p.text())) {
            problems.add(file.problem(path + ".text", "rewords the parent's clause '" + p.id() + "'; restate it word for word or add a new clause" + why));
        }
        int pr = parties.indexOf(p.authority());
        int cr = parties.indexOf(c.authority());
        if (cr >= 0 && cr > pr) {
            problems.add(file.problem(path + ".authority", "'" + c.authority() + "' is lower than the parent's '" + p.authority() + "'" + why));
        }
        if (c.override().strictness() < p.override().strictness()) {
            problems.add(file.problem(path + ".override", "'" + c.override().wireName() + "' is looser than the parent's '"
                    + p.override().wireName() + "'" + why));
        }
        if (c.kind().strength() < p.kind().strength()) {
            problems.add(file.problem(path + ".kind", "'" + c.kind().wireName() + "' is weaker than the parent's '" + p.kind().wireName() + "'" + why));
        }
        // a narrower scope would exempt requests from the inherited clause: the child may extend where it applies, not shrink it
        for (String d : p.scope().widenedDimensions(c.scope())) {
            problems.add(file.problem(path + ".scope." + d, "narrows the parent's scope, exempting requests from the inherited clause: parent "
                    + (p.scope().dimension(d).isEmpty() ? "any" : p.scope().dimension(d).toString()) + ", child " + c.scope().dimension(d) + why));
        }
        List<Example> examples = new ArrayList<>(p.examples());
        for (Example e : c.examples()) if (!examples.contains(e)) examples.add(e);
        return new Clause(c.id(), c.title().or(p::title), c.text(), c.kind(), c.authority(), c.override(), c.scope(), examples,
                c.provenance().or(p::provenance));
    }
}
