package org.charter.core.charter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The checks of a charter's meaning that need more than one field: unique ids, known authorities, known citations. */
final class CharterChecks {
    private CharterChecks() { }

    /**
     * Reports duplicate clause and precedent ids; when {@code parties} is given, clauses whose authority is not a
     * party; when {@code citations}, precedents citing a clause that is not in {@code clauses}. Elements may be
     * {@code null} (unreadable), keeping the positions of the others.
     */
    static void semantic(List<String> parties, List<Clause> clauses, List<Precedent> precedents, boolean citations,
            BiConsumer<String, String> problem) {
        Map<String, Integer> firstClause = new HashMap<>();
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            if (c == null) continue;
            Integer prev = firstClause.putIfAbsent(c.id(), i);
            if (prev != null) problem.accept("clauses[" + i + "].id", "duplicate clause id '" + c.id() + "' (first at clauses[" + prev + "])");
            if (parties != null && !parties.contains(c.authority())) {
                problem.accept("clauses[" + i + "].authority", "unknown authority '" + c.authority() + "' (parties: " + String.join(", ", parties) + ")");
            }
        }
        Map<String, Integer> firstPrecedent = new HashMap<>();
        for (int i = 0; i < precedents.size(); i++) {
            Precedent p = precedents.get(i);
            if (p == null) continue;
            Integer prev = firstPrecedent.putIfAbsent(p.id(), i);
            if (prev != null) problem.accept("precedents[" + i + "].id", "duplicate precedent id '" + p.id() + "' (first at precedents[" + prev + "])");
            if (!citations) continue;
            for (int j = 0; j < p.clauses().size(); j++) {
                if (!firstClause.containsKey(p.clauses().get(j))) {
                    problem.accept("precedents[" + i + "].clauses[" + j + "]", "cites unknown clause '" + p.clauses().get(j) + "'");
                }
            }
        }
    }
}
