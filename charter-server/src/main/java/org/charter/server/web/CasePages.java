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
        web.get("/cases/{id}", Role.MODERATOR, ctx -> show(web, gov, ctx, ctx.pathParam("id"), null));
        web.post("/cases/{id}/rule", Role.MODERATOR, ctx -> {
            String id = ctx.pathParam("id");
            Verdict v = Verdict.of(ctx);
            try {
                gov.rule(id, v.candidate(), v.response(), v.ruling(), v.clauses(), v.rationale(), web.requireAccount(ctx).name());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            Web.redirect(ctx, "/cases/" + id);
        });
        web.post("/cases/{id}/seats", Role.MODERATOR, ctx -> {
            String id = ctx.pathParam("id");
            String token = gov.cases().addSeat(id);
            ctx.status(201);
            show(web, gov, ctx, id, "/panel/" + token);
        });
        web.get("/panel/{token}", ctx -> seat(web, gov, ctx, false));
        web.post("/panel/{token}", ctx -> {
            String token = ctx.pathParam("token");
            Verdict v = Verdict.of(ctx);
            try {
                gov.ruleBySeat(token, v.candidate(), v.response(), v.ruling(), v.clauses(), v.rationale());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            seat(web, gov, ctx, true);
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

    /** A verdict as a form gives it: a candidate by number or "own" with a written response, the ruling, clauses, rationale. */
    record Verdict(int candidate, String response, Precedent.Ruling ruling, List<String> clauses, String rationale) {
        static Verdict of(io.javalin.http.Context ctx) {
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
            return new Verdict(candidate, response, ruling, ctx.formParams("clause"), Web.formText(ctx, "rationale"));
        }
    }

    /** The page of a participant's panel seat: the case and the form, or the thanks once the seat has ruled. */
    private static void seat(Web web, Governance gov, io.javalin.http.Context ctx, boolean thanks) {
        CaseStore.Seat seat = gov.cases().seat(ctx.pathParam("token")).orElseThrow(WebException::notFound);
        if (seat.used() && !thanks) throw new WebException(409, "panel.used");
        CaseStore.StoredCase c = gov.cases().get(seat.caseId());
        List<Clause> clauses;
        try {
            clauses = gov.charterOf(c.openCase()).clauses();
        } catch (ConflictException e) {
            clauses = List.of();
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", web.page(ctx, "panel.title"));
        m.put("c", c);
        m.put("clauses", clauses);
        m.put("action", ctx.path());
        m.put("thanks", thanks);
        web.render(ctx, "cases/seat.jte", m);
    }

    private static void show(Web web, Governance gov, io.javalin.http.Context ctx, String id, String seatLink) {
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
        m.put("seatLink", seatLink);
        m.put("ruled", c.verdicts().stream().anyMatch(v -> v.panellist().equals(web.requireAccount(ctx).name())));
        web.render(ctx, "cases/case.jte", m);
    }
}
