package org.charter.server.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings.Access;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteValue;
import org.charter.core.opinion.OpinionMap;

import io.javalin.http.Context;

/**
 * Taking part: an assembly's page shows one statement at a time (in {@link NextStatement}'s order) with agree /
 * disagree / pass; participants write statements (held for moderation in a strict assembly), describe themselves
 * (only with consent) and see where they stand on the opinion map. A session joins an open assembly with its first
 * vote or statement, and an assembly by invitation only with an invitation token.
 */
final class ParticipatePages implements PageGroup {
    /** The self-description fields offered, each an optional attribute. */
    static final List<String> ATTRIBUTES = List.of("ageGroup", "region", "occupation");
    static final List<String> AGE_GROUPS = List.of("under18", "18to29", "30to44", "45to64", "65plus");

    @Override
    public void register(Web web) {
        web.get("/a/{id}", ctx -> show(web, ctx));
        web.post("/a/{id}/vote", ctx -> vote(web, ctx));
        web.post("/a/{id}/statements", ctx -> submit(web, ctx));
        web.get("/a/{id}/join", ctx -> joinPage(web, ctx, assembly(web, ctx), ctx.queryParam("invite")));
        web.post("/a/{id}/join", ctx -> {
            Assembly a = assembly(web, ctx);
            web.participants.redeem(ctx, a, Web.formText(ctx, "token"));
            Web.redirect(ctx, "/a/" + a.id());
        });
        web.get("/a/{id}/me", ctx -> me(web, ctx, null));
        web.post("/a/{id}/me", ctx -> describe(web, ctx));
        web.get("/a/{id}/map", ctx -> map(web, ctx));
    }

    static Assembly assembly(Web web, Context ctx) {
        return web.assemblies.assembly(Web.pathId(ctx, "id"));
    }

    /** The session's participant, if it may be in this assembly: joined, or the assembly is open (then null: not yet). */
    static OptionalInt participantOrJoinPage(Web web, Context ctx, Assembly a) {
        OptionalInt pid = web.participants.find(ctx, a.id());
        if (pid.isEmpty() && a.settings().access() == Access.INVITATION) {
            ctx.status(403);
            joinPage(web, ctx, a, ctx.queryParam("invite"));
            return null;
        }
        return pid;
    }

    private static void joinPage(Web web, Context ctx, Assembly a, String token) {
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "join.title", a.topic()));
        params.put("assembly", a);
        params.put("token", token == null ? "" : token);
        web.render(ctx, "participate/join.jte", params);
    }

    private static void show(Web web, Context ctx) {
        Assembly a = assembly(web, ctx);
        OptionalInt pid = participantOrJoinPage(web, ctx, a);
        if (pid == null) return;
        var params = cardParams(web, ctx, a, pid);
        params.put("page", web.page(ctx, "assembly.title", a.topic()));
        String submitted = ctx.queryParam("submitted");
        params.put("notice", "held".equals(submitted) ? "assembly.submittedHeld" : "shown".equals(submitted) ? "assembly.submittedShown" : null);
        params.put("hasTasks", !web.comparisons.tasks(a.id()).isEmpty());
        web.render(ctx, "participate/assembly.jte", params);
    }

    /** What the statement card shows: the next statement (or none left) and how many remain. */
    private static Map<String, Object> cardParams(Web web, Context ctx, Assembly a, OptionalInt pid) {
        Set<Integer> voted = pid.isPresent() ? web.participation.votedTids(a.id(), pid.getAsInt()) : Set.of();
        Map<Integer, Double> priorities = web.maps.map(a.id()).map(OpinionMap::priorities).orElse(null);
        List<Statement> queue = NextStatement.queue(web.assemblies.statements(a.id()), a.settings(), voted,
                pid.isPresent() ? pid.getAsInt() : null, priorities);
        var params = new HashMap<String, Object>();
        params.put("assembly", a);
        params.put("statement", queue.isEmpty() ? null : queue.get(0));
        params.put("remaining", queue.size());
        params.put("voted", voted.size());
        return params;
    }

    private static void vote(Web web, Context ctx) {
        Assembly a = assembly(web, ctx);
        int pid = web.participants.join(ctx, a);
        web.limit(web.votesByParticipant, a.id() + "/" + pid, web.votesByAddress, ctx);
        int tid;
        try {
            tid = Integer.parseInt(Web.formText(ctx, "tid"));
        } catch (NumberFormatException e) {
            throw new WebException(400, "error.invalid", "tid");
        }
        VoteValue v = switch (Web.formText(ctx, "vote")) {
            case "agree" -> VoteValue.AGREE;
            case "disagree" -> VoteValue.DISAGREE;
            case "pass" -> VoteValue.PASS;
            default -> throw new WebException(400, "error.invalid", "vote");
        };
        web.assemblies.castVote(a.id(), pid, tid, v, null);
        if (Web.isHtmx(ctx)) {
            var params = cardParams(web, ctx, a, OptionalInt.of(pid));
            params.put("page", web.page(ctx, "assembly.title", a.topic()));
            web.render(ctx, "participate/card.jte", params);
        } else {
            Web.redirect(ctx, "/a/" + a.id());
        }
    }

    private static void submit(Web web, Context ctx) {
        Assembly a = assembly(web, ctx);
        if (!a.settings().participantsMaySubmit()) throw new WebException(403, "assembly.noSubmissions");
        int pid = web.participants.join(ctx, a);
        web.limit(web.statementsByParticipant, a.id() + "/" + pid, web.statementsByAddress, ctx);
        String text = Web.formText(ctx, "text");
        Statement s = web.assemblies.addStatement(a.id(), text, pid, false, false, null, web.maxStatementLength);
        Web.redirect(ctx, "/a/" + a.id() + "?submitted=" + (s.moderation().visible(a.settings()) ? "shown" : "held"));
    }

    private static void me(Web web, Context ctx, String notice) {
        Assembly a = assembly(web, ctx);
        OptionalInt pid = participantOrJoinPage(web, ctx, a);
        if (pid == null) return;
        Map<String, String> current = Map.of();
        boolean consented = false;
        if (pid.isPresent()) {
            Participant p = web.assemblies.participant(a.id(), pid.getAsInt());
            current = p.attributes();
            consented = web.participation.consent(a.id(), pid.getAsInt()).isPresent();
        }
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "me.title"));
        params.put("assembly", a);
        params.put("attributes", ATTRIBUTES);
        params.put("ageGroups", AGE_GROUPS);
        params.put("current", current);
        params.put("consented", consented);
        params.put("notice", notice);
        web.render(ctx, "participate/me.jte", params);
    }

    private static void describe(Web web, Context ctx) {
        Assembly a = assembly(web, ctx);
        int pid = web.participants.join(ctx, a);
        boolean consent = "yes".equals(ctx.formParam("consent"));
        var attrs = new LinkedHashMap<String, String>();
        for (String name : ATTRIBUTES) {
            String v = Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
            if (v.isEmpty()) continue;
            if (name.equals("ageGroup") && !AGE_GROUPS.contains(v)) throw new WebException(400, "error.invalid", name);
            attrs.put(name, v);
        }
        web.participation.describe(a.id(), pid, consent ? attrs : Map.of(), consent);
        String notice = consent ? "me.saved" : attrs.isEmpty() ? "me.cleared" : "me.notStored";
        me(web, ctx, notice);
    }

    private static void map(Web web, Context ctx) {
        Assembly a = assembly(web, ctx);
        OptionalInt pid = participantOrJoinPage(web, ctx, a);
        if (pid == null) return;
        Optional<OpinionMap> map = web.maps.current(a.id());
        Page page = web.page(ctx, "map.title", a.topic());
        var params = new HashMap<String, Object>();
        params.put("page", page);
        params.put("assembly", a);
        params.put("view", map.map(m -> MapView.of(m, pid.isPresent() ? pid.getAsInt() : null, web.assemblies.statements(a.id()), page))
                .orElse(null));
        web.render(ctx, "participate/map.jte", params);
    }

}
