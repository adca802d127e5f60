package org.charter.server;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request's JSON object, read field by field so that every error names the field: a missing required field, a
 * value of the wrong type, or a field the endpoint does not know (refused rather than silently ignored).
 */
final class JsonBody {
    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonBody parse(ObjectMapper mapper, String text, String... allowedFields) {
        if (text == null || text.isBlank()) throw new ApiException(400, "the request needs a JSON object as its body", null);
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ApiException(400, "the body is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr() + ")") + ": " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) throw new ApiException(400, "the body must be a JSON object", null);
        var allowed = java.util.Set.of(allowedFields);
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badField(name, "is not a field of this request (expected: " + String.join(", ", allowedFields) + ")");
            }
        }
        return new JsonBody(node);
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String requiredText(String name) {
        String v = optionalText(name);
        if (v == null) throw ApiException.badField(name, "is required");
        return v;
    }

    String optionalText(String name) {
        JsonNode v = field(name);
        if (v == null) return null;
        if (!v.isTextual()) throw ApiException.badField(name, "must be a string");
        return v.asText();
    }

    int requiredInt(String name) {
        Integer v = optionalInt(name);
        if (v == null) throw ApiException.badField(name, "is required");
        return v;
    }

    Integer optionalInt(String name) {
        JsonNode v = field(name);
        if (v == null) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw ApiException.badField(name, "must be a whole number");
        return v.asInt();
    }

    boolean bool(String name, boolean otherwise) {
        JsonNode v = field(name);
        if (v == null) return otherwise;
        if (!v.isBoolean()) throw ApiException.badField(name, "must be true or false");
        return v.asBoolean();
    }

    boolean has(String name) {
        return field(name) != null;
    }

    JsonBody object(String name) {
        JsonNode v = field(name);
        if (v == null) return null;
        if (!v.isObject()) throw ApiException.badField(name, "must be a JSON object");
        return new JsonBody(v);
    }

    /** A flat object of strings, such as a participant's attributes. */
    Map<String, String> stringMap(String name) {
        JsonNode v = field(name);
        if (v == null) return Map.of();
        if (!v.isObject()) throw ApiException.badField(name, "must be a JSON object of strings");
        var out = new LinkedHashMap<String, String>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) throw ApiException.badField(name + "." + e.getKey(), "must be a string");
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
