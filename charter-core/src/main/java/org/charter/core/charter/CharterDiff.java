package org.charter.core.charter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The differences between two charter versions: header fields, parties, policy, clauses added and removed, clauses
 * changed field by field (old and new canonical values), and precedents added, removed and changed. Fields are
 * compared on the canonical form, so formatting, key order and normalised whitespace never show as changes.
 */
public record CharterDiff(String fromId, String fromVersion, String fromHash, String toId, String toVersion, String toHash,
        List<FieldChange> header, List<FieldChange> policy, List<String> clausesAdded, List<String> clausesRemoved,
        List<ClauseChange> clausesChanged, List<String> precedentsAdded, List<String> precedentsRemoved, List<String> precedentsChanged) {
    public CharterDiff {
        header = List.copyOf(header);
        policy = List.copyOf(policy);
        clausesAdded = List.copyOf(clausesAdded);
        clausesRemoved = List.copyOf(clausesRemoved);
        clausesChanged = List.copyOf(clausesChanged);
        precedentsAdded = List.copyOf(precedentsAdded);
        precedentsRemoved = List.copyOf(precedentsRemoved);
        precedentsChanged = List.copyOf(precedentsChanged);
    }

    /** One field that differs: its name, the old value and the new one (JSON null when absent). */
    public record FieldChange(String field, JsonNode before, JsonNode after) { }

    /** A clause present in both versions whose canonical fields differ. */
    public record ClauseChange(String id, List<FieldChange> fields) {
        public ClauseChange {
            fields = List.copyOf(fields);
        }
    }

    /** Whether nothing differs: then the two canonical forms, and so the hashes, are equal. */
    public boolean isEmpty() {
        return header.isEmpty() && policy.isEmpty() && clausesAdded.isEmpty() && clausesRemoved.isEmpty() && clausesChanged.isEmpty()
                && precedentsAdded.isEmpty() && precedentsRemoved.isEmpty() && precedentsChanged.isEmpty();
    }

    /** Compares two charters (as written, or both effective: the caller chooses). */
    public static CharterDiff between(Charter a, Charter b) {
        ObjectNode ta = CanonicalForm.tree(a);
        ObjectNode tb = CanonicalForm.tree(b);
        List<FieldChange> header = new ArrayList<>();
        for (String f : List.of("id", "version", "title", "parent", "parties")) change(f, ta.get(f), tb.get(f), header);
        order("clauseOrder", ta.get("clauses"), tb.get("clauses"), header);
        order("precedentOrder", ta.get("precedents"), tb.get("precedents"), header);
        List<FieldChange> policy = new ArrayList<>();
        fields("policy.", obj(ta.get("policy")), obj(tb.get("policy")), policy);

        Map<String, ObjectNode> ca = byId(ta.get("clauses"));
        Map<String, ObjectNode> cb = byId(tb.get("clauses"));
        List<String> added = new ArrayList<>(), removed = new ArrayList<>();
        List<ClauseChange> changed = new ArrayList<>();
        for (String id : ca.keySet()) if (!cb.containsKey(id)) removed.add(id);
        for (String id : cb.keySet()) {
            if (!ca.containsKey(id)) {
                added.add(id);
                continue;
            }
            List<FieldChange> fs = new ArrayList<>();
            fields("", ca.get(id), cb.get(id), fs);
            if (!fs.isEmpty()) changed.add(new ClauseChange(id, fs));
        }
        Map<String, ObjectNode> pa = byId(ta.get("precedents"));
        Map<String, ObjectNode> pb = byId(tb.get("precedents"));
        List<String> padded = new ArrayList<>(), premoved = new ArrayList<>(), pchanged = new ArrayList<>();
        for (String id : pa.keySet()) if (!pb.containsKey(id)) premoved.add(id);
        for (String id : pb.keySet()) {
            if (!pa.containsKey(id)) padded.add(id);
            else if (!pa.get(id).equals(pb.get(id))) pchanged.add(id);
        }
        return new CharterDiff(a.id(), a.version(), CanonicalForm.hash(a), b.id(), b.version(), CanonicalForm.hash(b), header, policy,
                added, removed, changed, padded, premoved, pchanged);
    }

    /** Reports a change in the relative order of the ids both lists hold (the compiled prompt follows document order). */
    private static void order(String field, JsonNode a, JsonNode b, List<FieldChange> out) {
        List<String> ia = new ArrayList<>(byId(a).keySet());
        List<String> ib = new ArrayList<>(byId(b).keySet());
        List<String> ca = ia.stream().filter(ib::contains).toList();
        List<String> cb = ib.stream().filter(ia::contains).toList();
        if (ca.equals(cb)) return;
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var x = f.arrayNode();
        ca.forEach(x::add);
        var y = f.arrayNode();
        cb.forEach(y::add);
        out.add(new FieldChange(field, x, y));
    }

    private static ObjectNode obj(JsonNode n) {
        return n instanceof ObjectNode o ? o : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    private static void fields(String prefix, ObjectNode a, ObjectNode b, List<FieldChange> out) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String f : names) change(prefix + f, a.get(f), b.get(f), out);
    }

    private static void change(String field, JsonNode a, JsonNode b, List<FieldChange> out) {
        JsonNode x = a == null ? NullNode.instance : a;
        JsonNode y = b == null ? NullNode.instance : b;
        if (!x.equals(y)) out.add(new FieldChange(field, x, y));
    }

    private static Map<String, ObjectNode> byId(JsonNode list) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (list == null) return out;
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            ObjectNode o = (ObjectNode) it.next();
            out.put(o.get("id").asText(), o);
        }
        return out;
    }

    /** The diff as text: a header line, then one block per change; multi-line texts as line diffs. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("charter ").append(fromId).append(' ').append(fromVersion).append(" -> ").append(toId).append(' ').append(toVersion).append('\n');
        sb.append("  ").append(fromHash).append(" -> ").append(toHash).append('\n');
        if (isEmpty()) return sb.append("no differences\n").toString();
        for (FieldChange f : header) field(sb, "", f);
        for (FieldChange f : policy) field(sb, "", f);
        for (String id : clausesRemoved) sb.append("- clause ").append(id).append('\n');
        for (String id : clausesAdded) sb.append("+ clause ").append(id).append('\n');
        for (ClauseChange c : clausesChanged) {
            sb.append("~ clause ").append(c.id()).append('\n');
            for (FieldChange f : c.fields()) field(sb, "    ", f);
        }
        for (String id : precedentsRemoved) sb.append("- precedent ").append(id).append('\n');
        for (String id : precedentsAdded) sb.append("+ precedent ").append(id).append('\n');
        for (String id : precedentsChanged) sb.append("~ precedent ").append(id).append('\n');
        sb.append(String.format("%d clauses added, %d removed, %d changed; %d precedents added, %d removed, %d changed%n",
                clausesAdded.size(), clausesRemoved.size(), clausesChanged.size(), precedentsAdded.size(), precedentsRemoved.size(),
                precedentsChanged.size()));
        return sb.toString();
    }

    private static void field(StringBuilder sb, String indent, FieldChange f) {
        String a = show(f.before()), b = show(f.after());
        if (f.before().isTextual() && f.after().isTextual() && (a.contains("\n") || b.contains("\n"))) {
            sb.append(indent).append(f.field()).append(":\n");
            for (LineDiff.Line l : LineDiff.changes(a, b)) sb.append(indent).append("  ").append(l).append('\n');
        } else {
            sb.append(indent).append(f.field()).append(": ").append(a).append(" -> ").append(b).append('\n');
        }
    }

    private static String show(JsonNode n) {
        if (n.isNull()) return "(absent)";
        return n.isTextual() ? n.asText() : n.toString();
    }
}
