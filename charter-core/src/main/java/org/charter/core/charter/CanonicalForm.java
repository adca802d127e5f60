package org.charter.core.charter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The canonical form of a charter, its YAML and JSON texts and its SHA-256 content hash.
 *
 * <p>The canonical tree has a fixed field order (the order of the record components, which is the order of the
 * "Charter file format" in NOTES); writes enumerated values by their file names; writes every required field and
 * the effective defaults of a charter without a parent (parties, policy) explicitly; leaves out absent optional
 * fields and empty lists; keeps scope lists sorted (see {@link Scope}). Scalars are already normalised by the records
 * ({@link Text}). The hash is SHA-256 over the UTF-8 bytes of the compact canonical JSON (no whitespace between
 * tokens), written {@code sha256:<64 hex digits>}; it therefore does not depend on YAML formatting, comments, key
 * order or the author's whitespace.
 */
public final class CanonicalForm {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .dumperOptions(dumperOptions())
            .stringQuotingChecker(new QuoteNumberLike())
            .build());

    /**
     * Quotes, besides what Jackson quotes, every single-line string that starts like a YAML 1.1 number, date or
     * sexagesimal ({@code 0x1F}, {@code 1:20}, {@code .5}, {@code +1}, {@code ~}), so that reading the YAML back
     * always yields the same string.
     */
    private static final class QuoteNumberLike extends com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            if (value.isEmpty()) return true;
            char c = value.charAt(0);
            return super.needToQuoteValue(value) || Character.isDigit(c) || c == '+' || c == '-' || c == '.' || c == '~' || c == '='
                    || !value.strip().equals(value);
        }
    }

    /** Long lines stay whole: no folding of plain or quoted scalars at 80 columns. */
    private static org.yaml.snakeyaml.DumperOptions dumperOptions() {
        var o = new org.yaml.snakeyaml.DumperOptions();
        o.setSplitLines(false);
        o.setWidth(Integer.MAX_VALUE);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return o;
    }

    private CanonicalForm() { }

    /** The canonical tree. */
    public static ObjectNode tree(Charter c) {
        ObjectNode n = F.objectNode();
        n.put("id", c.id());
        n.put("version", c.version());
        c.title().ifPresent(t -> n.put("title", t));
        c.parent().ifPresent(p -> n.put("parent", p));
        if (!c.parties().isEmpty()) n.set("parties", strings(c.parties()));
        c.policy().ifPresent(p -> n.set("policy", policy(p)));
        ArrayNode cs = n.putArray("clauses");
        for (Clause cl : c.clauses()) cs.add(clause(cl));
        if (!c.precedents().isEmpty()) {
            ArrayNode ps = n.putArray("precedents");
            for (Precedent p : c.precedents()) ps.add(precedent(p));
        }
        return n;
    }

    static ObjectNode policy(CharterPolicy p) {
        ObjectNode n = F.objectNode();
        n.put("onGap", p.onGap().wireName());
        n.put("onConflict", p.onConflict().wireName());
        n.put("onUnreachable", p.onUnreachable().wireName());
        return n;
    }

    /** The canonical tree of one clause (also used by the diff). */
    public static ObjectNode clause(Clause c) {
        ObjectNode n = F.objectNode();
        n.put("id", c.id());
        c.title().ifPresent(t -> n.put("title", t));
        n.put("text", c.text());
        n.put("kind", c.kind().wireName());
        n.put("authority", c.authority());
        n.put("override", c.override().wireName());
        if (!c.scope().isAny()) n.set("scope", scope(c.scope()));
        if (!c.examples().isEmpty()) {
            ArrayNode es = n.putArray("examples");
            for (Example e : c.examples()) es.add(example(e));
        }
        c.provenance().ifPresent(p -> n.set("provenance", provenance(p)));
        return n;
    }

    static ObjectNode scope(Scope s) {
        ObjectNode n = F.objectNode();
        for (String d : Scope.DIMENSIONS) if (!s.dimension(d).isEmpty()) n.set(d, strings(s.dimension(d)));
        return n;
    }

    static ObjectNode context(RequestContext r) {
        ObjectNode n = F.objectNode();
        for (String d : List.of("locale", "region", "domain", "audience", "channel")) r.value(d).ifPresent(v -> n.put(d, v));
        if (!r.tags().isEmpty()) n.set("tags", strings(r.tags()));
        return n;
    }

    static ObjectNode example(Example e) {
        ObjectNode n = F.objectNode();
        e.title().ifPresent(t -> n.put("title", t));
        e.prompt().ifPresent(t -> n.put("prompt", t));
        responses(n, "good", e.good());
        responses(n, "bad", e.bad());
        responses(n, "ok", e.ok());
        return n;
    }

    private static void responses(ObjectNode n, String field, List<Example.Response> rs) {
        if (rs.isEmpty()) return;
        ArrayNode a = n.putArray(field);
        for (Example.Response r : rs) {
            ObjectNode o = a.addObject();
            o.put("text", r.text());
            r.note().ifPresent(t -> o.put("note", t));
        }
    }

    static ObjectNode provenance(Provenance p) {
        ObjectNode n = F.objectNode();
        p.source().ifPresent(v -> n.put("source", v));
        p.assembly().ifPresent(v -> n.put("assembly", v));
        if (!p.statements().isEmpty()) n.set("statements", strings(p.statements()));
        p.author().ifPresent(v -> n.put("author", v));
        p.rule().ifPresent(v -> n.put("rule", v));
        p.support().ifPresent(v -> n.put("support", v.toString()));
        if (!p.supportByGroup().isEmpty()) {
            ObjectNode g = n.putObject("supportByGroup");
            p.supportByGroup().forEach((k, v) -> g.put(k, v.toString()));
        }
        p.ratified().ifPresent(v -> n.put("ratified", v.toString()));
        p.license().ifPresent(v -> n.put("license", v));
        return n;
    }

    static ObjectNode precedent(Precedent p) {
        ObjectNode n = F.objectNode();
        n.put("id", p.id());
        ObjectNode ctx = context(p.context());
        if (!ctx.isEmpty()) n.set("context", ctx);
        n.put("prompt", p.prompt());
        n.put("response", p.response());
        n.put("ruling", p.ruling().wireName());
        if (!p.clauses().isEmpty()) n.set("clauses", strings(p.clauses()));
        p.rationale().ifPresent(v -> n.put("rationale", v));
        n.put("decidedBy", p.decidedBy());
        n.put("date", p.date().toString());
        return n;
    }

    private static ArrayNode strings(List<String> xs) {
        ArrayNode a = F.arrayNode();
        xs.forEach(a::add);
        return a;
    }

    /** The canonical YAML text (ends with a newline). */
    public static String toYaml(Charter c) {
        try {
            return YAML.writeValueAsString(tree(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical JSON text, indented by two spaces with {@code \n} line ends, ending with a newline. */
    public static String toJson(Charter c) {
        return pretty(tree(c));
    }

    /** Any tree as indented JSON with {@code \n} line ends and a final newline. */
    public static String pretty(JsonNode node) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compact canonical JSON, the bytes the hash is taken over. */
    public static String compactJson(Charter c) {
        try {
            return JSON.writeValueAsString(tree(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:} and the hex SHA-256 of the compact canonical JSON's UTF-8 bytes. */
    public static String hash(Charter c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(compactJson(c).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
