package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The corpus of XSS payloads (test resource xss-payloads.txt) and the check that a page renders them inert. */
public final class XssPayloads {
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");
    private static final Pattern URL = Pattern.compile("(?i)\\b(href|src|action|formaction|data|xlink:href)\\s*=\\s*\"([^\"]*)\"");
    private XssPayloads() { }

    public static List<String> all() {
        try (InputStream in = XssPayloads.class.getResourceAsStream("xss-payloads.txt")) {
            if (in == null) throw new IllegalStateException("xss-payloads.txt is missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code html} shows none of the payloads verbatim (every payload with {@code <} or {@code >} must
     * appear escaped, if at all) and holds no script-bearing markup a payload could have smuggled in.
     */
    public static void assertInert(String html, String where) {
        for (String p : all()) {
            // quotes are left as they are in text (harmless there); inside attributes the tag check below catches them
            if (p.chars().anyMatch(c -> c == '<' || c == '>')) {
                assertThat(html).as("%s shows the payload %s unescaped", where, p).doesNotContain(p);
            }
        }
        // Every real tag (a payload that was escaped starts with &lt; and is no tag): no event handler attribute, no
        // script but ours, no frames or objects, no javascript: URL.
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            String attrs = tag.group(2);
            String outsideValues = attrs.replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
            assertThat(outsideValues).as("%s: event handler in <%s%s>", where, name, attrs).doesNotContainPattern("(?i)(^|[\\s/])on[a-z]+\\s*=");
            assertThat(name).as("%s: <%s%s>", where, name, attrs).isNotIn("iframe", "object", "embed", "base");
            if (name.equals("script")) assertThat(attrs).as(where).matches("\\s+src=\"/static/[a-z.]+\"\\s+defer\\s*");
            Matcher url = URL.matcher(attrs);
            while (url.find()) {
                assertThat(url.group(2).strip().toLowerCase(Locale.ROOT)).as("%s: URL in <%s%s>", where, name, attrs)
                        .doesNotStartWith("javascript:").doesNotStartWith("data:");
            }
        }
    }
}
