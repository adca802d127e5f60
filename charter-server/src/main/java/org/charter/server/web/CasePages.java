package org.charter.server.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.charter.core.charter.Charter;
import org.charter.core.charter.Clause;
import org.charter.core.charter.Precedent;
import org.charter.core.governance.Panel;
import org.charter.store.CaseStore;
import org.charter.store.ConflictException;
import org.charter.store.web.AccountStore.Role;

/**
 * Open cases from the gateway (gaps, conflicts, escalations) with their context and candidates, and the panel that
 * rules on them: each moderator on the panel gives a verdict, and when the verdicts meet the case's panel rule (a
 * strict majority of at least N) the outcome is recorded as the case's ruling. The next charter version, by
 * ratification or by "make the next version from decided cases", turns it into a precedent.
 */
final class CasePages implements PageGroup {
    @Override
    public void register(Web web) {
        Governance gov = RatifyPages.governance(web);
        web.get("/cases", Role.MODERATOR, ctx -> {
            List<CaseStore.StoredCase> all = gov.cases().list(false);
            web.render(ctx, "cases/list.jte", Map.of("page", web.page(ctx, "cases.title"), "cases", all));
        });
        web.get("/cases/{id}", Role.MODERATOR, ctx -> show(web, gov, ctx, ctx.pathParam("id")));
        web.post("/cases/{id}/rule", Role.MODERATOR, ctx -> {
            String id = ctx.pathParam("id");
            String choice = Web.formText(ctx, "candidate");
            int candidate;
            String response = null;
            if (choice.equals("own")) {
                candidate = -1;
                response = Web.formText(ctx, "response");
            } else {
                try {
                    candidate = Integer.parseInt(choice);
                } catch (NumberFormatException e) {
                    throw new WebException(400, "error.invalid", "candidate");
                }
            }
            Precedent.Ruling ruling;
            try {
                ruling = Precedent.Ruling.parse(Web.formText(ctx, "ruling"));
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            List<String> clauses = ctx.formParams("clause");
            try {
                gov.rule(id, candidate, response, ruling, clauses, Web.formText(ctx, "rationale"), web.requireAccount(ctx).name());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            Web.redirect(ctx, "/cases/" + id);
        });
        web.post("/cases/{id}/panel", Role.MODERATOR, ctx -> {
            String id = ctx.pathParam("id");
            try {
                gov.cases().setPanelRule(id, new Panel.Rule(Integer.parseInt(Web.formText(ctx, "quorum"))));
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            Web.redirect(ctx, "/cases/" + id);
        });
    }

    private static void show(Web web, Governance gov, io.javalin.http.Context ctx, String id) {
        CaseStore.StoredCase c = gov.cases().get(id);
        List<Clause> clauses;
        String charterProblem = null;
        try {
            Charter charter = gov.charterOf(c.openCase());
            clauses = charter.clauses();
        } catch (ConflictException e) {
            clauses = List.of();
            charterProblem = e.getMessage();
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", web.page(ctx, "cases.case.title", id));
        m.put("c", c);
        m.put("outcome", c.outcome());
        m.put("clauses", clauses);
        m.put("charterProblem", charterProblem);
        m.put("ruled", c.verdicts().stream().anyMatch(v -> v.panellist().equals(web.requireAccount(ctx).name())));
        web.render(ctx, "cases/case.jte", m);
    }
}
