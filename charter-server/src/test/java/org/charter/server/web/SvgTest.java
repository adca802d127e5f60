package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.charter.server.web.svg.Svg;
import org.junit.jupiter.api.Test;

/** The SVG builder escapes every text it draws. */
class SvgTest {
    @Test
    void texts_titles_andClasses_areEscaped() {
        for (String p : XssPayloads.all()) {
            String svg = Svg.of(100, 50, p).title(p).desc(p).circle(1, 2, 3, p, p).text(4, 5, p, p).toString();
            XssPayloads.assertInert(svg, "svg");
        }
        assertThat(Svg.of(10, 10, "a").text(0, 0, "<b>&\"'", "c").toString()).contains(">&lt;b&gt;&amp;&quot;&#39;</text>");
    }

    @Test
    void numbers_haveADotAndAtMostTwoDecimals() {
        assertThat(Svg.of(10.5, 3, "x").circle(1.0 / 3, -0.0, 2.005, "c").toString())
                .contains("viewBox=\"0 0 10.5 3\"").contains("cx=\"0.33\" cy=\"0\"");
        assertThatThrownBy(() -> Svg.of(1, 1, "x").circle(Double.NaN, 0, 1, "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void links_mustBeLocalOrHttps() {
        assertThat(Svg.of(1, 1, "x").link("/a/1/report#t3", s -> s.text(0, 0, "t", "c")).toString()).contains("<a href=\"/a/1/report#t3\">");
        assertThatThrownBy(() -> Svg.of(1, 1, "x").link("javascript:alert(1)", s -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Svg.of(1, 1, "x").link("//evil.example", s -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
