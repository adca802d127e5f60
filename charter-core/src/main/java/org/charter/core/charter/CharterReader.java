package org.charter.core.charter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a charter from YAML or JSON (JSON when the file name ends in {@code .json}) and checks it, collecting every
 * problem with its path and line before refusing it: unknown fields, wrong types, missing required fields, bad
 * enumerated values, duplicate clause and precedent ids, and (for a charter without a parent) unknown authorities
 * and precedents citing unknown clauses. A charter with a parent is checked against it by {@link CharterResolver}.
 * The field list is in NOTES ("Charter file format").
 */
public final class CharterReader {
    /** Ids of charters, clauses and precedents: letters, digits, {@code _ . -}, starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

    private static final Set<String> CHARTER_FIELDS = Set.of("id", "version", "title", "parent", "parties", "policy", "clauses", "precedents");
    private static final Set<String> POLICY_FIELDS = Set.of("onGap", "onConflict", "onUnreachable");
    private static final Set<String> CLAUSE_FIELDS = Set.of("id", "title", "text", "kind", "authority", "override", "scope", "examples", "provenance");
    private static final Set<String> SCOPE_FIELDS = Set.copyOf(Scope.DIMENSIONS);
    private static final Set<String> EXAMPLE_FIELDS = Set.of("title", "prompt", "good", "bad", "ok");
    private static final Set<String> RESPONSE_FIELDS = Set.of("text", "note");
    private static final Set<String> PROVENANCE_FIELDS = Set.of("source", "assembly", "statements", "author", "rule", "support",
            "supportByGroup", "ratified", "license");
    private static final Set<String> PRECEDENT_FIELDS = Set.of("id", "context", "prompt", "response", "ruling", "clauses", "rationale",
            "decidedBy", "date");

    private final String file;
    private final Map<String, Integer> lines;
    private final List<Problem> problems = new ArrayList<>();

    private CharterReader(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Reads and checks a charter; throws {@link InvalidCharterException} listing every problem. */
    public static Charter read(Reader in, String fileName) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) sb.append(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ": cannot read: " + e.getMessage(), e);
        }
        return read(sb.toString(), fileName);
    }

    /** Reads and checks a charter given as text; throws {@link InvalidCharterException} listing every problem. */
    public static Charter read(String text, String fileName) {
        return load(text, fileName).charter();
    }

    /**
     * Reads and checks a charter, keeping the line of every value so that {@link CharterResolver} can name lines in
     * the problems it finds; throws {@link InvalidCharterException} listing every problem.
     */
    public static CharterResolver.Loaded load(String text, String fileName) {
        JsonFactory factory = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = new ObjectMapper(factory).readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidCharterException(List.of(new Problem(fileName, "", Math.max(line, 0),
                    "not valid " + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage().lines().findFirst().orElse(""))));
        }
        CharterReader r = new CharterReader(fileName, lineIndex(factory, text));
        Charter c = r.charter(root);
        if (!r.problems.isEmpty()) throw new InvalidCharterException(r.problems);
        return new CharterResolver.Loaded(fileName, c, r.lines);
    }

    /** The line of every value, by JSON pointer, from a streaming pass (the tree model keeps no locations). */
    private static Map<String, Integer> lineIndex(JsonFactory factory, String text) {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // the tree was already read without error; a failure here only costs line numbers
        }
        return out;
    }

    void problem(String path, String reason) {
        problems.add(new Problem(file, path, lineOf(lines, path), reason));
    }

    /**
     * The line of the value at {@code path} ({@code clauses[3].authority}) in a line index, or of the nearest
     * enclosing value that has one (a missing field has no line of its own); 0 when unknown.
     */
    static int lineOf(Map<String, Integer> lines, String path) {
        if (path.isEmpty()) return lines.getOrDefault("", 0);
        String p = "/" + path.replace("[", "/").replace("]", "").replace('.', '/');
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            if (p.isEmpty()) return 0;
            p = p.substring(0, Math.max(p.lastIndexOf('/'), 0));
        }
    }

    // ---- structure -------------------------------------------------------------------------------------------

    private Charter charter(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problem("", "empty document: a charter needs at least 'id', 'version' and 'clauses'");
            return null;
        }
        if (!root.isObject()) {
            problem("", "expected a mapping with 'id', 'version', 'parties', 'clauses'..., found " + kind(root));
            return null;
        }
        unknownFields(root, "", CHARTER_FIELDS);
        String id = id(root, "id", "");
        String version = scalar(root, "version", "", true, true);
        Optional<String> title = Optional.ofNullable(scalar(root, "title", "", false, false));
        Optional<String> parent = Optional.ofNullable(scalar(root, "parent", "", false, false));
        List<String> parties = stringList(root, "parties", "");
        if (root.has("parties") && root.get("parties").isArray() && parties.isEmpty()) problem("parties", "must list at least one party");
        for (int i = 0; i < parties.size(); i++) {
            if (parties.indexOf(parties.get(i)) < i) problem("parties[" + i + "]", "duplicate party '" + parties.get(i) + "'");
            else if (!ID.matcher(parties.get(i)).matches()) problem("parties[" + i + "]", "party name '" + parties.get(i) + "' must be letters, digits, '_', '.', '-'");
        }
        if (parties.isEmpty() && parent.isEmpty()) parties = Charter.DEFAULT_PARTIES;
        Optional<CharterPolicy> policy = policy(root.get("policy"));
        if (policy.isEmpty() && parent.isEmpty() && !root.has("policy")) policy = Optional.of(CharterPolicy.DEFAULT);

        List<Clause> clauses = new ArrayList<>();
        JsonNode cs = root.get("clauses");
        if (cs == null || cs.isNull()) {
            if (parent.isEmpty()) problem("clauses", "missing required field (a charter without a parent needs at least one clause)");
        } else if (!cs.isArray()) {
            problem("clauses", "expected a list of clauses, found " + kind(cs));
        } else {
            for (int i = 0; i < cs.size(); i++) clauses.add(clause(cs.get(i), "clauses[" + i + "]"));
        }
        List<Precedent> precedents = new ArrayList<>();
        JsonNode ps = root.get("precedents");
        if (ps != null && !ps.isNull()) {
            if (!ps.isArray()) problem("precedents", "expected a list of precedents, found " + kind(ps));
            else for (int i = 0; i < ps.size(); i++) precedents.add(precedent(ps.get(i), "precedents[" + i + "]"));
        }
        CharterChecks.semantic(parent.isEmpty() ? parties : null, clauses, precedents, parent.isEmpty(), this::problem);
        if (!problems.isEmpty()) return null;
        try {
            return new Charter(id, version, title, parent, parties, clauses, precedents, policy);
        } catch (IllegalArgumentException e) {
            problem("", e.getMessage());
            return null;
        }
    }

    private Optional<CharterPolicy> policy(JsonNode n) {
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isObject()) {
            problem("policy", "expected a mapping with onGap, onConflict, onUnreachable, found " + kind(n));
            return Optional.empty();
        }
        unknownFields(n, "policy", POLICY_FIELDS);
        CharterPolicy.Action[] a = new CharterPolicy.Action[3];
        String[] names = {"onGap", "onConflict", "onUnreachable"};
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
            String s = scalar(n, names[i], "policy", false, false);
            if (s == null) {
                a[i] = CharterPolicy.Action.ESCALATE;
                continue;
            }
            try {
                a[i] = CharterPolicy.Action.parse(s);
            } catch (IllegalArgumentException e) {
                problem("policy." + names[i], e.getMessage());
                ok = false;
            }
        }
        return ok ? Optional.of(new CharterPolicy(a[0], a[1], a[2])) : Optional.empty();
    }

    private Clause clause(JsonNode n, String path) {
        if (!n.isObject()) {
            problem(path, "expected a clause (a mapping with id, text, kind, authority, override), found " + kind(n));
            return null;
        }
        int before = problems.size();
        unknownFields(n, path, CLAUSE_FIELDS);
        String id = id(n, "id", path);
        String title = scalar(n, "title", path, false, false);
        String text = scalar(n, "text", path, true, false);
        if (text != null && text.isBlank()) problem(path + ".text", "must not be blank");
        ClauseKind kind = enumField(n, "kind", path, ClauseKind::parse);
        String authority = scalar(n, "authority", path, true, false);
        OverridePolicy override = enumField(n, "override", path, OverridePolicy::parse);
        Scope scope = scope(n.get("scope"), path + ".scope");
        List<Example> examples = new ArrayList<>();
        JsonNode es = n.get("examples");
        if (es != null && !es.isNull()) {
            if (!es.isArray()) problem(path + ".examples", "expected a list of examples, found " + kind(es));
            else for (int i = 0; i < es.size(); i++) examples.add(example(es.get(i), path + ".examples[" + i + "]"));
        }
        Optional<Provenance> provenance = provenance(n.get("provenance"), path + ".provenance");
        if (problems.size() > before) return partial(id, authority);
        return new Clause(id, Optional.ofNullable(title), text, kind, authority, override, scope, examples, provenance);
    }

    /** A stand-in for a clause with problems, so that duplicate ids and authorities can still be checked. */
    private static Clause partial(String id, String authority) {
        if (id == null || authority == null || authority.isBlank()) return null;
        return new Clause(id, Optional.empty(), "(invalid)", ClauseKind.RULE, authority, OverridePolicy.NEVER, Scope.ANY, List.of(),
                Optional.empty());
    }

    private Scope scope(JsonNode n, String path) {
        if (n == null || n.isNull()) return Scope.ANY;
        if (!n.isObject()) {
            problem(path, "expected a mapping of " + String.join(", ", Scope.DIMENSIONS) + ", found " + kind(n));
            return Scope.ANY;
        }
        unknownFields(n, path, SCOPE_FIELDS);
        List<List<String>> dims = new ArrayList<>();
        for (String d : Scope.DIMENSIONS) dims.add(stringList(n, d, path));
        return new Scope(dims.get(0), dims.get(1), dims.get(2), dims.get(3), dims.get(4), dims.get(5));
    }

    private RequestContext context(JsonNode n, String path) {
        if (n == null || n.isNull()) return RequestContext.EMPTY;
        if (!n.isObject()) {
            problem(path, "expected a mapping of " + String.join(", ", Scope.DIMENSIONS) + ", found " + kind(n));
            return RequestContext.EMPTY;
        }
        unknownFields(n, path, SCOPE_FIELDS);
        return new RequestContext(Optional.ofNullable(scalar(n, "locale", path, false, false)),
                Optional.ofNullable(scalar(n, "region", path, false, false)), Optional.ofNullable(scalar(n, "domain", path, false, false)),
                Optional.ofNullable(scalar(n, "audience", path, false, false)), Optional.ofNullable(scalar(n, "channel", path, false, false)),
                stringList(n, "tags", path));
    }

    private Example example(JsonNode n, String path) {
        if (!n.isObject()) {
            problem(path, "expected an example (a mapping with prompt, good, bad, ok), found " + kind(n));
            return null;
        }
        int before = problems.size();
        unknownFields(n, path, EXAMPLE_FIELDS);
        String title = scalar(n, "title", path, false, false);
        String prompt = scalar(n, "prompt", path, false, false);
        List<Example.Response> good = responses(n, "good", path);
        List<Example.Response> bad = responses(n, "bad", path);
        List<Example.Response> ok = responses(n, "ok", path);
        if (problems.size() > before) return null;
        if (good.isEmpty() && bad.isEmpty() && ok.isEmpty()) {
            problem(path, "an example needs at least one good, bad or ok response");
            return null;
        }
        return new Example(Optional.ofNullable(title), Optional.ofNullable(prompt), good, bad, ok);
    }

    /** A list of responses; each is a string or a mapping {text, note}; a single string is a list of one. */
    private List<Example.Response> responses(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        String p = path + "." + field;
        if (n == null || n.isNull()) return List.of();
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) n.forEach(items::add);
        else items.add(n);
        List<Example.Response> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode it = items.get(i);
            String ip = n.isArray() ? p + "[" + i + "]" : p;
            if (it.isTextual()) {
                if (it.asText().isBlank()) problem(ip, "must not be blank");
                else out.add(Example.Response.of(it.asText()));
            } else if (it.isObject()) {
                unknownFields(it, ip, RESPONSE_FIELDS);
                String text = scalar(it, "text", ip, true, false);
                String note = scalar(it, "note", ip, false, false);
                if (text != null && text.isBlank()) problem(ip + ".text", "must not be blank");
                else if (text != null) out.add(new Example.Response(text, Optional.ofNullable(note)));
            } else {
                problem(ip, "expected a response (a string, or a mapping with text and note), found " + kind(it));
            }
        }
        return out;
    }

    private Optional<Provenance> provenance(JsonNode n, String path) {
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isObject()) {
            problem(path, "expected a mapping with source, assembly, statements, author, rule, support, supportByGroup, ratified, license, found " + kind(n));
            return Optional.empty();
        }
        int before = problems.size();
        unknownFields(n, path, PROVENANCE_FIELDS);
        String source = scalar(n, "source", path, false, false);
        String assembly = scalar(n, "assembly", path, false, false);
        List<String> statements = stringList(n, "statements", path);
        String author = scalar(n, "author", path, false, false);
        String rule = scalar(n, "rule", path, false, false);
        Rational support = fraction(n.get("support"), path + ".support");
        Map<String, Rational> byGroup = new LinkedHashMap<>();
        JsonNode g = n.get("supportByGroup");
        if (g != null && !g.isNull()) {
            if (!g.isObject()) problem(path + ".supportByGroup", "expected a mapping from group to support, found " + kind(g));
            else for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                var e = it.next();
                Rational r = fraction(e.getValue(), path + ".supportByGroup." + e.getKey());
                if (r != null) byGroup.put(e.getKey(), r);
            }
        }
        LocalDate ratified = date(n, "ratified", path, false);
        String license = scalar(n, "license", path, false, false);
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new Provenance(Optional.ofNullable(source), Optional.ofNullable(assembly), statements, Optional.ofNullable(author),
                Optional.ofNullable(rule), Optional.ofNullable(support), byGroup, Optional.ofNullable(ratified), Optional.ofNullable(license)));
    }

    private Precedent precedent(JsonNode n, String path) {
        if (!n.isObject()) {
            problem(path, "expected a precedent (a mapping with id, prompt, response, ruling, ...), found " + kind(n));
            return null;
        }
        int before = problems.size();
        unknownFields(n, path, PRECEDENT_FIELDS);
        String id = id(n, "id", path);
        RequestContext context = context(n.get("context"), path + ".context");
        String prompt = scalar(n, "prompt", path, true, false);
        String response = scalar(n, "response", path, true, false);
        Precedent.Ruling ruling = enumField(n, "ruling", path, Precedent.Ruling::parse);
        List<String> clauses = stringList(n, "clauses", path);
        String rationale = scalar(n, "rationale", path, false, false);
        String decidedBy = scalar(n, "decidedBy", path, true, false);
        LocalDate date = date(n, "date", path, true);
        if (problems.size() > before) {
            // keep what the semantic checks need (id and citations) even when other fields are wrong
            return id == null ? null : new Precedent(id, RequestContext.EMPTY, "(invalid)", "(invalid)", Precedent.Ruling.COMPLIES, clauses,
                    Optional.empty(), "(invalid)", LocalDate.EPOCH);
        }
        return new Precedent(id, context, prompt, response, ruling, clauses, Optional.ofNullable(rationale), decidedBy, date);
    }

    // ---- fields ----------------------------------------------------------------------------------------------

    private void unknownFields(JsonNode n, String path, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problem(join(path, f), "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /**
     * A scalar field as text; {@code null} when absent (reported if required). Numbers are accepted as text only
     * where {@code numbersAllowed} (a version such as {@code 2}); booleans never.
     */
    private String scalar(JsonNode parent, String field, String path, boolean required, boolean numbersAllowed) {
        JsonNode n = parent.get(field);
        String p = join(path, field);
        if (n == null || n.isNull()) {
            if (required) problem(p, "missing required field");
            return null;
        }
        if (n.isTextual()) return n.asText();
        if (numbersAllowed && n.isNumber()) return n.asText();
        problem(p, "expected a string, found " + kind(n));
        return null;
    }

    private String id(JsonNode parent, String field, String path) {
        String s = scalar(parent, field, path, true, true);
        if (s == null) return null;
        if (!ID.matcher(s.strip()).matches()) {
            problem(join(path, field), "id '" + s + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
            return null;
        }
        return s.strip();
    }

    private <E> E enumField(JsonNode parent, String field, String path, java.util.function.Function<String, E> parse) {
        String s = scalar(parent, field, path, true, false);
        if (s == null) return null;
        try {
            return parse.apply(s.strip());
        } catch (IllegalArgumentException e) {
            problem(join(path, field), e.getMessage());
            return null;
        }
    }

    private List<String> stringList(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        String p = join(path, field);
        if (n == null || n.isNull()) return List.of();
        if (n.isTextual()) {
            if (n.asText().isBlank()) problem(p, "must not be blank");
            return n.asText().isBlank() ? List.of() : List.of(n.asText().strip());
        }
        if (!n.isArray()) {
            problem(p, "expected a list of strings, found " + kind(n));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode it = n.get(i);
            if (!it.isTextual() || it.asText().isBlank()) problem(p + "[" + i + "]", "expected a non-blank string, found " + kind(it));
            else out.add(it.asText().strip());
        }
        return out;
    }

    private Rational fraction(JsonNode n, String path) {
        if (n == null || n.isNull()) return null;
        if (!n.isNumber() && !n.isTextual()) {
            problem(path, "expected a fraction such as 0.75 or 3/4, found " + kind(n));
            return null;
        }
        try {
            Rational r = Rational.parse(n.asText().strip());
            if (r.signum() < 0 || r.compareTo(Rational.ONE) > 0) {
                problem(path, "must be between 0 and 1, is " + n.asText());
                return null;
            }
            return r;
        } catch (RuntimeException e) {
            problem(path, "expected a fraction such as 0.75 or 3/4, found '" + n.asText() + "'");
            return null;
        }
    }

    private LocalDate date(JsonNode parent, String field, String path, boolean required) {
        String s = scalar(parent, field, path, required, false);
        if (s == null) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            problem(join(path, field), "expected a date YYYY-MM-DD, found '" + s + "'");
            return null;
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) return "nothing";
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isTextual()) return "a string";
        if (n.isBoolean()) return "a boolean (" + n.asText() + ")";
        if (n.isNumber()) return "a number (" + n.asText() + ")";
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
