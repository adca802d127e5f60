package org.charter.server.web;

import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.opinion.OpinionMap;
import org.charter.server.web.svg.Svg;

/**
 * The report of an assembly: its groups and what represents them, what is shared and what divides, what is uncertain,
 * how stable the groups are, the constitution candidates, and the opinion map as SVG with a table beside it. Every
 * number links to what it was computed from: a statement's statistics to its votes per group
 * ({@code /a/{id}/report/s/{tid}}), group sizes to their members, stability to each participant's confidence. The
 * report of an assembly by invitation is for its participants and moderators only.
 */
final class ReportPages implements PageGroup {
    @Override
    public void register(Web web) {
        web.get("/a/{id}/report", ctx -> {
            long id = Web.pathId(ctx, "id");
            Assembly a = visible(web, ctx, id);
            AssemblySnapshot snapshot = web.assemblies.snapshot(id);
            Optional<OpinionMap> map = web.maps.map(id);
            Page page = web.page(ctx, "report.title", a.topic());
            ReportView report = ReportView.of(id, snapshot, map.orElse(null));
            web.render(ctx, "report/report.jte", Map.of("page", page, "report", report, "svg", svg(report, page)));
        });
        web.get("/a/{id}/report/s/{tid}", ctx -> {
            long id = Web.pathId(ctx, "id");
            long tid = Web.pathId(ctx, "tid");
            Assembly a = visible(web, ctx, id);
            ReportView report = ReportView.of(id, web.assemblies.snapshot(id), web.maps.map(id).orElse(null));
            ReportView.StatementVotes votes = report.votes().get((int) Math.min(tid, Integer.MAX_VALUE));
            if (votes == null) throw WebException.notFound();
            web.render(ctx, "report/statement.jte", Map.of("page", web.page(ctx, "report.statement.title", tid, a.topic()), "report", report,
                    "votes", votes));
        });
    }

    /**
     * The assembly, if this reader may see its report: anyone for an open assembly; for one by invitation, its joined
     * participants and moderators (403 for others).
     */
    static Assembly visible(Web web, io.javalin.http.Context ctx, long id) {
        Assembly a = web.assemblies.assembly(id);
        if (a.settings().access() == org.charter.core.assembly.AssemblySettings.Access.INVITATION && web.participants.find(ctx, id).isEmpty()
                && web.account(ctx).map(acc -> acc.role().allows(org.charter.store.web.AccountStore.Role.MODERATOR)).orElse(false).equals(Boolean.FALSE)) {
            throw WebException.forbidden();
        }
        return a;
    }

    /** The opinion map: participants as dots coloured by group, group centres dashed, axes through the origin. */
    static Svg svg(ReportView r, Page page) {
        double size = 400, margin = 20;
        Svg svg = Svg.of(size, size, page.t("report.map.label")).title(page.t("report.map.label")).desc(page.t("report.map.desc", r.points().size(), r.groups().size()));
        if (r.points().isEmpty()) return svg;
        double max = 1e-9;
        for (var p : r.points()) max = Math.max(max, Math.max(Math.abs(p.x()), Math.abs(p.y())));
        double scale = (size / 2 - margin) / max;
        svg.line(size / 2, margin / 2, size / 2, size - margin / 2, "axis").line(margin / 2, size / 2, size - margin / 2, size / 2, "axis");
        for (var p : r.points()) {
            String cls = p.groupIndex() < 0 ? "p" : "p g" + (p.groupIndex() % 6);
            String tip = p.group().isEmpty() ? page.t("report.map.participant", p.pid()) : page.t("report.map.participantInGroup", p.pid(), p.group());
            svg.circle(size / 2 + p.x() * scale, size / 2 - p.y() * scale, 5, cls, tip);
        }
        return svg;
    }
}
