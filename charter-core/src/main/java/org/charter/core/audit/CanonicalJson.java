package org.charter.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical text of a JSON value, so that the same content always hashes the same: compact (no whitespace),
 * object keys sorted recursively by {@link String#compareTo} (UTF-16 code units), numbers with a fraction or exponent
 * read as {@link java.math.BigDecimal} and written by {@code BigDecimal.toString()} (stable across JDKs, unlike
 * {@code Double.toString}), strings escaped as Jackson escapes them. Canonicalising canonical text gives it back.
 */
public final class CanonicalJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private CanonicalJson() { }

    /** The canonical text of {@code value}. */
    public static String canonicalise(JsonNode value) {
        if (value == null) throw new IllegalArgumentException("missing JSON value");
        try {
            // Round-trip through text so that numbers take the same node types a reader will give them.
            return write(sorted(MAPPER.readTree(MAPPER.writeValueAsString(value))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The canonical text of the JSON value in {@code text}; fails with the parser's message when it is not JSON. */
    public static String canonicalise(String text) {
        return canonicalise(parse(text));
    }

    /** Parses one JSON value (with trailing content refused). */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException("not JSON: empty");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            ObjectNode out = MAPPER.createObjectNode();
            for (String k : keys) out.set(k, sorted(o.get(k)));
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = MAPPER.createArrayNode();
            for (JsonNode e : a) out.add(sorted(e));
            return out;
        }
        return node;
    }
}
