package org.charter.server;

import java.util.List;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.VoteValue;
import org.charter.server.Views.AssemblyView;
import org.charter.server.Views.MatrixView;
import org.charter.server.Views.ParticipantView;
import org.charter.server.Views.StatementView;
import org.charter.server.Views.VoteView;
import org.charter.store.AssemblyStore;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;

/** The assemblies REST API: assemblies, participants, statements, moderation, votes and the latest-vote matrix. */
final class AssemblyApi {
    private final AssemblyStore store;
    private final ObjectMapper json;
    private final int maxStatementLength;

    AssemblyApi(AssemblyStore store, ObjectMapper json, int maxStatementLength) {
        this.store = store;
        this.json = json;
        this.maxStatementLength = maxStatementLength;
    }

    void register(Javalin app) {
        String a = "/api/assemblies";
        String one = a + "/{assemblyId}";
        app.get(a, this::listAssemblies);
        app.post(a, this::createAssembly);
        app.get(one, this::getAssembly);
        app.put(one + "/settings", this::updateSettings);
        app.get(one + "/participants", this::listParticipants);
        app.post(one + "/participants", this::addParticipant);
        app.get(one + "/participants/{pid}", this::getParticipant);
        app.get(one + "/statements", this::listStatements);
        app.post(one + "/statements", this::addStatement);
        app.get(one + "/statements/{tid}", this::getStatement);
        app.put(one + "/statements/{tid}/moderation", this::moderate);
        app.get(one + "/votes", this::listVotes);
        app.post(one + "/votes", this::castVote);
        app.get(one + "/matrix", this::matrix);
    }

    private static long assemblyId(Context ctx) {
        return longParam(ctx.pathParam("assemblyId"), "assemblyId");
    }

    private static int intPath(Context ctx, String name) {
        long v = longParam(ctx.pathParam(name), name);
        if (v > Integer.MAX_VALUE) throw ApiException.badField(name, "is too large");
        return (int) v;
    }

    private static long longParam(String text, String name) {
        try {
            long v = Long.parseLong(text);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "must be a non-negative whole number, not \"" + text + "\"");
        }
    }

    private void listAssemblies(Context ctx) {
        ctx.json(store.assemblies().stream().map(x -> AssemblyView.of(x, store.counts(x.id()))).toList());
    }

    private void createAssembly(Context ctx) {
        var body = JsonBody.parse(json, ctx.body(), "topic", "description", "settings");
        AssemblySettings settings = settings(body.object("settings"), AssemblySettings.DEFAULT);
        var created = store.createAssembly(body.requiredText("topic"), body.optionalText("description"), settings);
        ctx.status(201).header("Location", "/api/assemblies/" + created.id())
                .json(AssemblyView.of(created, store.counts(created.id())));
    }

    private static AssemblySettings settings(JsonBody body, AssemblySettings base) {
        if (body == null) return base;
        String access = body.optionalText("access");
        return new AssemblySettings(body.bool("strictModeration", base.strictModeration()),
                body.bool("participantsMaySubmit", base.participantsMaySubmit()),
                access == null || access.isEmpty() ? base.access() : AssemblySettings.Access.fromApiName(access));
    }

    private void getAssembly(Context ctx) {
        long id = assemblyId(ctx);
        ctx.json(AssemblyView.of(store.assembly(id), store.counts(id)));
    }

    private void updateSettings(Context ctx) {
        long id = assemblyId(ctx);
        var body = JsonBody.parse(json, ctx.body(), "strictModeration", "participantsMaySubmit", "access");
        var updated = store.updateSettings(id, settings(body, store.assembly(id).settings()));
        ctx.json(AssemblyView.of(updated, store.counts(id)));
    }

    private void listParticipants(Context ctx) {
        ctx.json(store.participants(assemblyId(ctx)).stream().map(ParticipantView::of).toList());
    }

    private void addParticipant(Context ctx) {
        long id = assemblyId(ctx);
        String text = ctx.body();
        var body = text.isBlank() ? JsonBody.parse(json, "{}") : JsonBody.parse(json, text, "externalId", "attributes");
        var result = store.addParticipant(id, body.optionalText("externalId"), body.stringMap("attributes"));
        var p = result.participant();
        ctx.status(result.created() ? 201 : 200).header("Location", "/api/assemblies/" + id + "/participants/" + p.pid())
                .json(ParticipantView.of(p));
    }

    private void getParticipant(Context ctx) {
        ctx.json(ParticipantView.of(store.participant(assemblyId(ctx), intPath(ctx, "pid"))));
    }

    private void listStatements(Context ctx) {
        long id = assemblyId(ctx);
        String filter = ctx.queryParam("moderation");
        Moderation only = filter == null ? null : moderation(filter, "moderation");
        ctx.json(store.statements(id).stream().filter(s -> only == null || s.moderation() == only).map(StatementView::of).toList());
    }

    private static Moderation moderation(String text, String field) {
        try {
            return Moderation.fromApiName(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "must be \"accepted\", \"rejected\" or \"unmoderated\", not \"" + text + "\"");
        }
    }

    private void addStatement(Context ctx) {
        long id = assemblyId(ctx);
        var body = JsonBody.parse(json, ctx.body(), "text", "authorId", "isMeta", "isSeed", "moderation");
        String state = body.optionalText("moderation");
        var s = store.addStatement(id, body.requiredText("text"), body.optionalInt("authorId"), body.bool("isMeta", false),
                body.bool("isSeed", false), state == null ? null : moderation(state, "moderation"), maxStatementLength);
        ctx.status(201).header("Location", "/api/assemblies/" + id + "/statements/" + s.tid()).json(StatementView.of(s));
    }

    private void getStatement(Context ctx) {
        ctx.json(StatementView.of(store.statement(assemblyId(ctx), intPath(ctx, "tid"))));
    }

    private void moderate(Context ctx) {
        long id = assemblyId(ctx);
        int tid = intPath(ctx, "tid");
        var body = JsonBody.parse(json, ctx.body(), "state");
        ctx.json(StatementView.of(store.moderate(id, tid, moderation(body.requiredText("state"), "state"))));
    }

    private void castVote(Context ctx) {
        long id = assemblyId(ctx);
        var body = JsonBody.parse(json, ctx.body(), "participantId", "statementId", "vote", "clientRequestId");
        int pid = body.requiredInt("participantId");
        int tid = body.requiredInt("statementId");
        VoteValue vote = VoteValue.fromApiName(body.requiredText("vote"));
        String requestId = body.optionalText("clientRequestId");
        String header = ctx.header("Idempotency-Key");
        if (requestId == null) requestId = header;
        else if (header != null && !header.equals(requestId)) {
            throw ApiException.badField("clientRequestId", "differs from the Idempotency-Key header");
        }
        var recorded = store.castVote(id, pid, tid, vote, requestId);
        ctx.status(recorded.replayed() ? 200 : 201).json(VoteView.of(recorded));
    }

    private void listVotes(Context ctx) {
        long id = assemblyId(ctx);
        long after = ctx.queryParam("after") == null ? 0 : longParam(ctx.queryParam("after"), "after");
        long limit = ctx.queryParam("limit") == null ? 1000 : longParam(ctx.queryParam("limit"), "limit");
        if (limit < 1 || limit > 10_000) throw ApiException.badField("limit", "must be 1 to 10000");
        List<VoteView> events = store.voteEvents(id, after, (int) limit).stream()
                .map(v -> VoteView.logged(v.eventId(), v.event())).toList();
        ctx.json(events);
    }

    private void matrix(Context ctx) {
        ctx.json(MatrixView.of(store.matrix(assemblyId(ctx))));
    }
}
