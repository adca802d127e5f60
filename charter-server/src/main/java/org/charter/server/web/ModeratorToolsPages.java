package org.charter.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings.Access;
import org.charter.core.assembly.Participant;
import org.charter.core.opinion.OpinionMap;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.ComparisonStore;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

/**
 * A moderator's tools for one assembly that belong to participation and comparison: comparison tasks (one by one,
 * or a JSONL upload that reports every rejected line), the export of comparisons for {@code charter prefs groups},
 * who may join (open or by invitation) and invitations.
 */
final class ModeratorToolsPages implements PageGroup {
    /** The largest JSONL upload accepted. */
    static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

    @Override
    public void register(Web web) {
        web.get("/moderate/a/{id}/tasks", Role.MODERATOR, ctx -> tasks(web, ctx, null, null));
        web.post("/moderate/a/{id}/tasks", Role.MODERATOR, ctx -> {
            Assembly a = ParticipatePages.assembly(web, ctx);
            web.comparisons.addTask(a.id(), ctx.formParam("prompt"), ctx.formParam("responseA"), ctx.formParam("responseB"),
                    ctx.formParam("labelA"), ctx.formParam("labelB"));
            Web.redirect(ctx, "/moderate/a/" + a.id() + "/tasks?added=1");
        });
        web.post("/moderate/a/{id}/tasks/upload", Role.MODERATOR, ctx -> upload(web, ctx));
        web.get("/moderate/a/{id}/comparisons.json", Role.MODERATOR, ctx -> export(web, ctx));
        web.get("/moderate/a/{id}/invitations", Role.MODERATOR, ctx -> invitations(web, ctx, null));
        web.post("/moderate/a/{id}/invitations", Role.MODERATOR, ctx -> {
            Assembly a = ParticipatePages.assembly(web, ctx);
            String token = Secrets.token();
            web.invitations.create(a.id(), Secrets.sha256(token), ctx.formParam("label"), web.requireAccount(ctx).id());
            invitations(web, ctx, token);
        });
        web.post("/moderate/a/{id}/access", Role.MODERATOR, ctx -> {
            Assembly a = ParticipatePages.assembly(web, ctx);
            Access access = Access.fromApiName(Web.formText(ctx, "access"));
            web.assemblies.updateSettings(a.id(), a.settings().withAccess(access));
            Web.redirect(ctx, "/moderate/a/" + a.id() + "/invitations");
        });
    }

    private static void tasks(Web web, Context ctx, TaskUpload.Result upload, Integer stored) {
        Assembly a = ParticipatePages.assembly(web, ctx);
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "tasks.title", a.topic()));
        params.put("assembly", a);
        params.put("tasks", web.comparisons.tasks(a.id()));
        params.put("comparisons", web.comparisons.comparisons(a.id()).size());
        params.put("added", ctx.queryParam("added") != null);
        params.put("upload", upload);
        params.put("stored", stored == null ? 0 : stored);
        web.render(ctx, "moderate/tasks.jte", params);
    }

    private static void upload(Web web, Context ctx) throws IOException {
        Assembly a = ParticipatePages.assembly(web, ctx);
        String text;
        UploadedFile file = ctx.uploadedFile("file");
        if (file != null && file.size() > 0) {
            if (file.size() > MAX_UPLOAD_BYTES) throw new WebException(413, "tasks.tooLarge", MAX_UPLOAD_BYTES / (1024 * 1024));
            try (InputStream in = file.content()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            text = Web.formText(ctx, "jsonl");
        }
        TaskUpload.Result result = TaskUpload.parse(text, a.id(), web.clock.instant());
        int stored = 0;
        for (TaskUpload.Accepted t : result.accepted()) {
            var task = t.task();
            web.comparisons.addTask(a.id(), task.prompt(), task.responseA(), task.responseB(), task.labelA(), task.labelB());
            stored++;
        }
        tasks(web, ctx, result, stored);
    }

    private static void export(Web web, Context ctx) {
        Assembly a = ParticipatePages.assembly(web, ctx);
        String groupBy = ctx.queryParam("groupBy") == null ? "map" : ctx.queryParam("groupBy");
        boolean ties = "include".equals(ctx.queryParam("ties"));
        List<ComparisonStore.Comparison> comparisons = web.comparisons.comparisons(a.id());
        if (comparisons.isEmpty()) throw new WebException(409, "tasks.nothingToExport");
        Map<Integer, String> group = new HashMap<>();
        if (groupBy.equals("map")) {
            OpinionMap map = web.maps.map(a.id()).orElse(null);
            if (map != null) for (int g = 0; g < map.groups().size(); g++) for (int p : map.groups().get(g).members()) group.put(p, MapView.label(g));
        } else if (groupBy.startsWith("attribute:")) {
            String name = groupBy.substring("attribute:".length());
            for (Participant p : web.assemblies.participants(a.id())) {
                String v = p.attributes().get(name);
                if (v != null) group.put(p.pid(), v);
            }
        } else {
            throw new WebException(400, "tasks.badGroupBy");
        }
        var json = ComparisonExport.toJson(web.comparisons.tasks(a.id()), comparisons, pid -> group.getOrDefault(pid, "none"), ties);
        ctx.header("Content-Disposition", "attachment; filename=\"assembly-" + a.id() + "-comparisons.json\"")
                .contentType("application/json").result(json.toPrettyString());
    }

    private static void invitations(Web web, Context ctx, String newToken) {
        Assembly a = ParticipatePages.assembly(web, ctx);
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "invitations.title", a.topic()));
        params.put("assembly", a);
        params.put("invitations", web.invitations.list(a.id()));
        params.put("token", newToken);
        params.put("link", newToken == null ? null : ctx.scheme() + "://" + ctx.host() + "/a/" + a.id() + "/join?invite=" + newToken);
        web.render(ctx, "moderate/invitations.jte", params);
    }
}
