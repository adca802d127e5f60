package org.charter.server.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.Statement;
import org.charter.core.opinion.OpinionMap;
import org.charter.server.web.svg.Svg;

/**
 * The opinion map as a participant sees it: an SVG of everyone's position on the map's first two principal
 * components, coloured (and labelled) by group, with "you" ringed; and the same as text: each group's size and the
 * statements that set it apart, and which group you are in.
 *
 * @param svg        the picture
 * @param groups     the text alternative, one row per group
 * @param yourGroup  your group's label (A, B, ...), or null when you are not on the map (yet)
 * @param onMap      whether you are on the map
 * @param people     how many participants the map places
 */
public record MapView(Svg svg, List<GroupRow> groups, String yourGroup, boolean onMap, int people) {
    static final int WIDTH = 480;
    static final int HEIGHT = 360;
    static final int MARGIN = 30;

    /** A group in words: its label, size, and its representative statements with the way it leans on each. */
    public record GroupRow(String label, int size, List<Representative> statements) { }

    public record Representative(String text, boolean agree, int percent) { }

    static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "G" + (index + 1);
    }

    public static MapView of(OpinionMap map, Integer pid, List<Statement> statements, Page page) {
        Map<Integer, double[]> proj = map.pca().participantProjection();
        Map<Integer, Integer> groupIndexOf = new HashMap<>();
        for (int g = 0; g < map.groups().size(); g++) for (int member : map.groups().get(g).members()) groupIndexOf.put(member, g);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : proj.values()) {
            double x = p.length > 0 ? p[0] : 0, y = p.length > 1 ? p[1] : 0;
            minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
        }
        if (proj.isEmpty()) { minX = minY = -1; maxX = maxY = 1; }
        double sx = (WIDTH - 2.0 * MARGIN) / Math.max(1e-9, maxX - minX);
        double sy = (HEIGHT - 2.0 * MARGIN) / Math.max(1e-9, maxY - minY);
        final double x0 = minX, y0 = minY;
        java.util.function.DoubleUnaryOperator px = x -> MARGIN + (x - x0) * sx;
        java.util.function.DoubleUnaryOperator py = y -> HEIGHT - MARGIN - (y - y0) * sy; // up is positive

        Svg svg = Svg.of(WIDTH, HEIGHT, page.t("map.svgLabel", proj.size(), map.groups().size()))
                .title(page.t("map.svgTitle"));
        svg.line(MARGIN, HEIGHT / 2.0, WIDTH - MARGIN, HEIGHT / 2.0, "axis").line(WIDTH / 2.0, MARGIN, WIDTH / 2.0, HEIGHT - MARGIN, "axis");
        var pids = new ArrayList<>(proj.keySet());
        java.util.Collections.sort(pids);
        for (int p : pids) {
            double[] v = proj.get(p);
            Integer g = groupIndexOf.get(p);
            String cls = "p" + (g == null ? "" : " g" + (g % 6));
            svg.circle(px.applyAsDouble(v[0]), py.applyAsDouble(v.length > 1 ? v[1] : 0), 4, cls,
                    g == null ? null : page.t("map.inGroup", label(g)));
        }
        for (int g = 0; g < map.groups().size(); g++) {
            double[] c = map.groups().get(g).center();
            double cx = px.applyAsDouble(c[0]), cy = py.applyAsDouble(c.length > 1 ? c[1] : 0);
            boolean right = cx > WIDTH / 2.0; // labels point inwards, so they are never cut at the edge
            svg.circle(cx, cy, 14, "centre").text(right ? cx - 16 : cx + 16, cy - 10, page.t("map.groupLabel", label(g)), "label", right ? "end" : "start");
        }
        boolean onMap = pid != null && proj.containsKey(pid);
        if (onMap) {
            double[] v = proj.get(pid);
            double x = px.applyAsDouble(v[0]), y = py.applyAsDouble(v.length > 1 ? v[1] : 0);
            boolean right = x > WIDTH / 2.0;
            svg.circle(x, y, 9, "you").text(right ? x - 12 : x + 12, y > HEIGHT / 2.0 ? y - 12 : y + 22, page.t("map.you"), "label", right ? "end" : "start");
        }

        Map<Integer, String> text = new HashMap<>();
        for (Statement s : statements) text.put(s.tid(), s.text());
        var rows = new ArrayList<GroupRow>();
        for (int g = 0; g < map.groups().size(); g++) {
            var reps = new ArrayList<Representative>();
            List<OpinionMap.Repness> rs = map.repness().getOrDefault(map.groups().get(g).id(), List.of());
            for (OpinionMap.Repness r : rs.subList(0, Math.min(3, rs.size()))) {
                reps.add(new Representative(text.getOrDefault(r.tid(), "#" + r.tid()), "agree".equals(r.repfulFor()),
                        (int) Math.round(100 * r.pSuccess())));
            }
            rows.add(new GroupRow(label(g), map.groups().get(g).members().size(), reps));
        }
        Integer yours = pid == null ? null : groupIndexOf.get(pid);
        return new MapView(svg, rows, yours == null ? null : label(yours), onMap, proj.size());
    }
}
