package org.charter.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Statement;
import org.charter.core.governance.SeedUpload;
import org.charter.store.AssemblyStore;
import org.charter.store.web.AccountStore.Role;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

/**
 * The moderator's pages for one assembly: the moderation queue (accept or reject, in place with htmx or by a plain
 * form), the assembly's settings, and the bulk upload of seed statements. The upload is all-or-nothing: when any line
 * is rejected, nothing is stored and every rejected line is listed with its number and reason; the page says so.
 */
final class ModerationPages implements PageGroup {
    /** The largest upload read, in bytes. */
    static final int MAX_UPLOAD = 1 << 20;

    @Override
    public void register(Web web) {
        web.get("/moderate/a/{id}/queue", Role.MODERATOR, ctx -> queue(web, ctx));
        web.post("/moderate/a/{id}/queue/{tid}", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            int tid = (int) Math.min(Web.pathId(ctx, "tid"), Integer.MAX_VALUE);
            String state = Web.formText(ctx, "state");
            if (!state.equals("accepted") && !state.equals("rejected")) throw new WebException(400, "error.invalid", "state");
            Statement s = web.assemblies.moderate(id, tid, Moderation.fromApiName(state));
            web.maps.invalidate(id);
            if (Web.isHtmx(ctx)) {
                web.render(ctx, "moderate/queue_row.jte", Map.of("page", web.page(ctx, "queue.title", ""), "assemblyId", id, "s", s));
            } else {
                Web.redirect(ctx, "/moderate/a/" + id + "/queue");
            }
        });
        web.get("/moderate/a/{id}/settings", Role.MODERATOR, ctx -> settings(web, ctx, web.assemblies.assembly(Web.pathId(ctx, "id")), false));
        web.post("/moderate/a/{id}/settings", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            web.assemblies.assembly(id);
            var settings = new AssemblySettings(ctx.formParam("strict") != null, ctx.formParam("submit") != null,
                    AssemblySettings.Access.fromApiName(Web.formText(ctx, "access")));
            Assembly a = web.assemblies.updateSettings(id, settings);
            web.maps.invalidate(id);
            settings(web, ctx, a, true);
        });
        web.get("/moderate/a/{id}/seeds", Role.MODERATOR, ctx -> {
            Assembly a = web.assemblies.assembly(Web.pathId(ctx, "id"));
            seeds(web, ctx, a, "", "lines", null, 0);
        });
        web.post("/moderate/a/{id}/seeds", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            Assembly a = web.assemblies.assembly(id);
            String format = ctx.formParam("format") == null ? "lines" : ctx.formParam("format");
            SeedUpload.Format f;
            try {
                f = SeedUpload.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", "format");
            }
            String text = uploaded(ctx);
            if (text == null) text = ctx.formParam("text") == null ? "" : ctx.formParam("text");
            if (text.isBlank()) throw new WebException(400, "seeds.empty");
            Set<String> existing = new HashSet<>();
            for (Statement s : web.assemblies.statements(id)) existing.add(s.text());
            SeedUpload.Result r = SeedUpload.check(text, f, existing, web.maxStatementLength);
            if (!r.storable()) {
                ctx.status(r.rejected().isEmpty() ? 400 : 422);
                seeds(web, ctx, a, text, f.name().toLowerCase(java.util.Locale.ROOT), r, 0);
                return;
            }
            // One transaction: a failure midway stores none of the batch, as the page promises.
            web.assemblies.addSeedStatements(id, r.accepted().stream().map(s -> new AssemblyStore.NewSeed(s.text(), s.meta())).toList(),
                    web.maxStatementLength);
            web.maps.invalidate(id);
            seeds(web, ctx, a, "", "lines", r, r.accepted().size());
        });
    }

    /** The text of the uploaded file, if one was sent; refuses a file that is too large or not UTF-8. */
    private static String uploaded(Context ctx) throws IOException {
        if (!ctx.isMultipartFormData()) return null;
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) return null;
        if (file.size() > MAX_UPLOAD) throw new WebException(413, "seeds.tooLarge", MAX_UPLOAD / 1024);
        try (InputStream in = file.content()) {
            byte[] bytes = in.readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new WebException(400, "seeds.notUtf8");
        }
    }

    private static void queue(Web web, Context ctx) {
        long id = Web.pathId(ctx, "id");
        Assembly a = web.assemblies.assembly(id);
        List<Statement> all = web.assemblies.statements(id);
        List<Statement> waiting = all.stream().filter(s -> s.moderation() == Moderation.UNMODERATED).toList();
        List<Statement> decided = all.stream().filter(s -> s.moderation() != Moderation.UNMODERATED).toList().reversed();
        web.render(ctx, "moderate/queue.jte", Map.of("page", web.page(ctx, "queue.title", a.topic()), "assembly", a, "waiting", waiting,
                "decided", decided.size() > 50 ? decided.subList(0, 50) : decided));
    }

    private static void settings(Web web, Context ctx, Assembly a, boolean saved) {
        web.render(ctx, "moderate/settings.jte", Map.of("page", web.page(ctx, "settings.title", a.topic()), "assembly", a, "saved", saved));
    }

    private static void seeds(Web web, Context ctx, Assembly a, String text, String format, SeedUpload.Result result, int stored) {
        Map<String, Object> m = new HashMap<>();
        m.put("page", web.page(ctx, "seeds.title", a.topic()));
        m.put("assembly", a);
        m.put("text", text);
        m.put("format", format);
        m.put("result", result);
        m.put("stored", stored);
        m.put("maxLength", web.maxStatementLength);
        web.render(ctx, "moderate/seeds.jte", m);
    }
}
