package org.charter.core.governance;

import org.charter.core.charter.OpenCase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON form of an open case and of a panel verdict, the same as the case files {@code charter decide --cases} writes. */
public final class CaseJson {
    private CaseJson() { }

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a case; {@code source} names where the text came from in the error. */
    public static OpenCase readCase(String json, String source) {
        return read(json, OpenCase.class, source, "case");
    }

    public static Panel.Verdict readVerdict(String json, String source) {
        return read(json, Panel.Verdict.class, source, "verdict");
    }

    private static <T> T read(String json, Class<T> type, String source, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a " + what + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a " + what + ": " + e.getMessage());
        }
    }
}
