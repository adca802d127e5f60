package org.charter.core.charter;

import java.util.Optional;

/**
 * The whitespace normalisation every charter scalar goes through, chosen so that it cannot change what a text means.
 *
 * <p>Multi-line text (clause text, prompts, responses, rationales): line endings become {@code \n}, spaces and
 * tabs at the end of each line are removed, and leading and trailing blank lines are removed; indentation and
 * blank lines inside the text are kept (they matter in code and lists). Single-line values (ids, names, titles,
 * dates): leading and trailing whitespace is removed. Nothing else is touched: no case folding, no Unicode
 * normalisation, no collapsing of inner spaces.
 */
public final class Text {
    private Text() { }

    /** Normalises a multi-line text as described in the class comment. */
    public static String block(String text) {
        if (text == null) return null;
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(unified.length());
        for (String line : unified.split("\n", -1)) {
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) end--;
            sb.append(line, 0, end).append('\n');
        }
        String s = sb.toString();
        int start = 0;
        // drop leading blank lines (whole lines only, so the first line's indentation survives)
        while (true) {
            int nl = s.indexOf('\n', start);
            if (nl < 0 || nl != start) break;
            start = nl + 1;
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == '\n') end--;
        return s.substring(start, end);
    }

    /** Trims a single-line value. */
    public static String line(String text) {
        return text == null ? null : text.strip();
    }

    /** An optional multi-line text: blank becomes empty. */
    static Optional<String> optionalBlock(Optional<String> text) {
        if (text == null) return Optional.empty();
        return text.map(Text::block).filter(s -> !s.isEmpty());
    }

    /** An optional single-line value: blank becomes empty. */
    static Optional<String> optionalLine(Optional<String> text) {
        if (text == null) return Optional.empty();
        return text.map(Text::line).filter(s -> !s.isEmpty());
    }

    static String require(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required and must not be blank");
        return value;
    }
}
