package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XSS check for pages that show participant text in element content. {@link XssPayloads#assertInert} also
 * refuses a payload that appears verbatim only because of its quotes ({@code " onmouseover="alert(1)}), which jte
 * rightly leaves as they are in text content, where a quote cannot end anything; this check refuses verbatim payloads
 * that carry {@code <} or {@code >} anywhere, payloads with quotes inside a tag, and any smuggled markup (event
 * handlers, frames, foreign scripts, javascript: and data: URLs), exactly as the foundation's tag scan does.
 */
final class GovXss {
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern URL = Pattern.compile("(?i)\\b(href|src|action|formaction|data|xlink:href)\\s*=\\s*\"([^\"]*)\"");

    private GovXss() { }

    static void assertInert(String html, String where) {
        for (String p : XssPayloads.all()) {
            if (p.contains("<") || p.contains(">")) assertThat(html).as("%s shows the payload %s unescaped", where, p).doesNotContain(p);
        }
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            String attrs = tag.group(2);
            for (String p : XssPayloads.all()) {
                if (p.contains("\"") || p.contains("'")) assertThat(attrs).as("%s: payload %s inside <%s>", where, p, name).doesNotContain(p);
            }
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
