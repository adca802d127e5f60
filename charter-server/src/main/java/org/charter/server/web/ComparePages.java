package org.charter.server.web;

import java.util.HashMap;
import java.util.Optional;
import java.util.OptionalInt;

import org.charter.core.assembly.Assembly;
import org.charter.store.web.ComparisonStore.Choice;
import org.charter.store.web.ComparisonStore.Task;

import io.javalin.http.Context;

/**
 * Comparing model responses: a participant sees a prompt and two responses, says which is better (or that they are
 * as good) and optionally why. Tasks come one at a time, those the participant has not compared first; the
 * comparisons are stored with the participant, so that the preference models can be fitted per group.
 */
final class ComparePages implements PageGroup {
    @Override
    public void register(Web web) {
        web.get("/a/{id}/compare", ctx -> show(web, ctx));
        web.post("/a/{id}/compare", ctx -> {
            Assembly a = ParticipatePages.assembly(web, ctx);
            int pid = web.participants.join(ctx, a);
            web.limit(web.statementsByParticipant, a.id() + "/" + pid, web.statementsByAddress, ctx);
            long task;
            try {
                task = Long.parseLong(Web.formText(ctx, "task"));
            } catch (NumberFormatException e) {
                throw new WebException(400, "error.invalid", "task");
            }
            Choice choice = Choice.fromApiName(Web.formText(ctx, "choice"));
            web.comparisons.compare(a.id(), task, pid, choice, ctx.formParam("reason"));
            Web.redirect(ctx, "/a/" + a.id() + "/compare?saved=1");
        });
    }

    private static void show(Web web, Context ctx) {
        Assembly a = ParticipatePages.assembly(web, ctx);
        OptionalInt pid = ParticipatePages.participantOrJoinPage(web, ctx, a);
        if (pid == null) return;
        Optional<Task> next = pid.isPresent() ? web.comparisons.nextTask(a.id(), pid.getAsInt())
                : web.comparisons.tasks(a.id()).stream().findFirst();
        var params = new HashMap<String, Object>();
        params.put("page", web.page(ctx, "compare.title"));
        params.put("assembly", a);
        params.put("task", next.orElse(null));
        params.put("saved", ctx.queryParam("saved") != null);
        web.render(ctx, "compare/compare.jte", params);
    }
}
