package org.charter.server.web.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small builder of SVG documents for server-rendered charts. Every text and attribute value it is given is
 * escaped, so participant text can be drawn safely; element and attribute names are fixed by the methods (no
 * caller-chosen names, hence no event-handler attributes). Numbers are written with a dot and at most two decimals.
 *
 * <pre>{@code
 * String svg = Svg.of(400, 300, "Opinion map").title("Where participants stand")
 *         .circle(10, 20, 4, "group-0").text(10, 30, "you", "label").toString();
 * }</pre>
 * In a template, {@code ${svg}} writes it as it is (it is {@link gg.jte.Content}, already escaped): no {@code $unsafe}.
 */
public final class Svg implements gg.jte.Content {
    private final double width;
    private final double height;
    private final String labelledBy;
    private final List<String> parts = new ArrayList<>();

    private Svg(double width, double height, String ariaLabel) {
        this.width = width;
        this.height = height;
        this.labelledBy = Objects.requireNonNull(ariaLabel, "ariaLabel");
    }

    /** An SVG of the given size (its viewBox) with an accessible name. */
    public static Svg of(double width, double height, String ariaLabel) {
        return new Svg(width, height, ariaLabel);
    }

    /** The document's {@code <title>} (shown as a tooltip, read by screen readers). */
    public Svg title(String text) {
        parts.add("<title>" + escape(text) + "</title>");
        return this;
    }

    /** A longer text alternative, {@code <desc>}. */
    public Svg desc(String text) {
        parts.add("<desc>" + escape(text) + "</desc>");
        return this;
    }

    /** A circle with a CSS class (styling stays in the stylesheet) and an optional tooltip. */
    public Svg circle(double cx, double cy, double r, String cssClass, String tooltip) {
        var b = new StringBuilder("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r))
                .append("\" class=\"").append(escape(cssClass)).append('"');
        if (tooltip == null) b.append("/>");
        else b.append("><title>").append(escape(tooltip)).append("</title></circle>");
        parts.add(b.toString());
        return this;
    }

    public Svg circle(double cx, double cy, double r, String cssClass) {
        return circle(cx, cy, r, cssClass, null);
    }

    /** A rectangle. */
    public Svg rect(double x, double y, double w, double h, String cssClass, String tooltip) {
        var b = new StringBuilder("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" class=\"").append(escape(cssClass)).append('"');
        if (tooltip == null) b.append("/>");
        else b.append("><title>").append(escape(tooltip)).append("</title></rect>");
        parts.add(b.toString());
        return this;
    }

    /** A straight line. */
    public Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        parts.add("<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" class=\"" + escape(cssClass) + "\"/>");
        return this;
    }

    /** A text, anchored at its start ("start"), middle ("middle") or end ("end"). */
    public Svg text(double x, double y, String text, String cssClass, String anchor) {
        if (!List.of("start", "middle", "end").contains(anchor)) throw new IllegalArgumentException("anchor must be start, middle or end, not " + anchor);
        parts.add("<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + escape(cssClass) + "\" text-anchor=\"" + anchor + "\">" + escape(text) + "</text>");
        return this;
    }

    public Svg text(double x, double y, String text, String cssClass) {
        return text(x, y, text, cssClass, "start");
    }

    /** A link around what {@code inner} draws; only relative paths and https URLs are allowed (no javascript:). */
    public Svg link(String href, java.util.function.Consumer<Svg> inner) {
        if (!(href.startsWith("/") && !href.startsWith("//") || href.startsWith("https://") || href.startsWith("#"))) {
            throw new IllegalArgumentException("an SVG link must be a local path, a fragment or an https URL, not " + href);
        }
        parts.add("<a href=\"" + escape(href) + "\">");
        inner.accept(this);
        parts.add("</a>");
        return this;
    }

    /** A group with a CSS class around what {@code inner} draws. */
    public Svg group(String cssClass, java.util.function.Consumer<Svg> inner) {
        parts.add("<g class=\"" + escape(cssClass) + "\">");
        inner.accept(this);
        parts.add("</g>");
        return this;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    @Override
    public void writeTo(gg.jte.TemplateOutput output) {
        output.writeContent(toString());
    }

    /** The document, ready to be embedded in a page (everything in it is escaped already). */
    @Override
    public String toString() {
        var b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" role=\"img\" viewBox=\"0 0 ")
                .append(num(width)).append(' ').append(num(height)).append("\" aria-label=\"").append(escape(labelledBy)).append("\">");
        for (String p : parts) b.append(p);
        return b.append("</svg>").toString();
    }

    /** XML-escapes text for element content and double-quoted attribute values. */
    public static String escape(String s) {
        if (s == null) return "";
        var b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // characters XML 1.0 forbids are dropped rather than written
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** A coordinate: at most two decimals, a dot, no exponent; NaN and infinities are refused. */
    static String num(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("an SVG coordinate must be finite, not " + v);
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
