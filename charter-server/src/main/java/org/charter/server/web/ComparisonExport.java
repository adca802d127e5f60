package org.charter.server.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.charter.store.web.ComparisonStore.Choice;
import org.charter.store.web.ComparisonStore.Comparison;
import org.charter.store.web.ComparisonStore.Task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An assembly's comparisons as the preference data {@code charter prefs groups} reads (see
 * {@link org.charter.core.preference.PreferenceJson}): the items are the response labels (what produced each
 * response), each comparison a {@code {"winner", "loser", "annotator", "group"}} with the participant as annotator
 * ({@code "p" + pid}) and their group. Ties go to {@code "ties"} only when asked for ({@code prefs groups} takes wins only).
 */
public final class ComparisonExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparisonExport() { }

    /** The export; {@code groupOf} names each participant's group. Throws if there is nothing to export. */
    public static ObjectNode toJson(List<Task> tasks, List<Comparison> comparisons, IntFunction<String> groupOf, boolean includeTies) {
        Map<Long, Task> byId = new java.util.HashMap<>();
        for (Task t : tasks) byId.put(t.id(), t);
        Set<String> items = new LinkedHashSet<>();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode wins = JSON.createArrayNode();
        ArrayNode ties = JSON.createArrayNode();
        for (Comparison c : comparisons) {
            Task t = byId.get(c.taskId());
            if (t == null) throw new IllegalStateException("comparison " + c.id() + " names task " + c.taskId() + ", which is not in the assembly");
            if (c.choice() == Choice.TIE && !includeTies) continue;
            items.add(t.labelA());
            items.add(t.labelB());
            String group = groupOf.apply(c.pid());
            if (c.choice() == Choice.TIE) {
                ObjectNode n = ties.addObject();
                n.putArray("items").add(t.labelA()).add(t.labelB());
                n.put("annotator", "p" + c.pid()).put("group", group);
            } else {
                boolean a = c.choice() == Choice.A;
                wins.addObject().put("winner", a ? t.labelA() : t.labelB()).put("loser", a ? t.labelB() : t.labelA())
                        .put("annotator", "p" + c.pid()).put("group", group);
            }
        }
        ArrayNode itemList = root.putArray("items");
        items.forEach(itemList::add);
        root.set("comparisons", wins);
        if (includeTies && !ties.isEmpty()) root.set("ties", ties);
        return root;
    }
}
