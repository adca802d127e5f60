package org.charter.server.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Statement;

/**
 * The order in which a participant sees statements, one at a time: the statements shown in the assembly (by its
 * moderation setting), less those the participant has voted on and those they wrote, ordered by the opinion map's
 * priorities (Polis's: higher first). Statements newer than the map (no priority yet) come first, oldest first, so
 * that they gather votes; without a map the order is the order of writing (statement number).
 */
public final class NextStatement {
    /*
     * [1] C. Small, M. Bjorkegren, T. Erkkilä, L. Shaw, C. Megill. "Polis: Scaling deliberation by mapping high
     *     dimensional opinion spaces." Recerca 26(2), 2021. (Statements shown one at a time, by priority.)
     */
    private NextStatement() { }

    /** The statements still to show, in order. {@code priorities} is null when no map could be computed. */
    public static List<Statement> queue(List<Statement> statements, AssemblySettings settings, Set<Integer> voted, Integer authorPid,
                                        Map<Integer, Double> priorities) {
        var out = new ArrayList<Statement>();
        for (Statement s : statements) {
            if (!s.moderation().visible(settings) || voted.contains(s.tid())) continue;
            if (authorPid != null && authorPid.equals(s.authorPid())) continue;
            out.add(s);
        }
        Comparator<Statement> byTid = Comparator.comparingInt(Statement::tid);
        if (priorities == null || priorities.isEmpty()) {
            out.sort(byTid);
        } else {
            out.sort(Comparator.<Statement>comparingInt(s -> priorities.containsKey(s.tid()) ? 1 : 0)
                    .thenComparing(Comparator.<Statement>comparingDouble(s -> priorities.getOrDefault(s.tid(), 0.0)).reversed())
                    .thenComparing(byTid));
        }
        return out;
    }
}
