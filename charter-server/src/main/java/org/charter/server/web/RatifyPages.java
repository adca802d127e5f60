package org.charter.server.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.charter.core.assembly.Assembly;
import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.CharterDiff;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.choice.committee.CommitteeRule;
import org.charter.core.choice.committee.CommitteeRules;
import org.charter.core.governance.Ratification;
import org.charter.core.governance.RatificationRule;
import org.charter.store.CaseStore;
import org.charter.store.CharterStore;
import org.charter.store.web.AccountStore.Role;

import io.javalin.http.Context;

/**
 * Ratification: the moderator picks a rule (the page explains each), previews the candidate charter version with
 * every statement's support per group and the diff against the latest stored version, and confirms; the version is
 * stored only if nothing changed since the preview. Stored versions are public at {@code /charters/{name}} with the
 * diff of each against the one it was made from; a moderator can store the next version with the decided cases.
 */
public final class RatifyPages implements PageGroup {
    static Governance governance(Web web) {
        return new Governance(web.assemblies, new CharterStore(web.db, web.clock), new CaseStore(web.db, web.clock), web.maps::map, web.clock);
    }

    @Override
    public void register(Web web) {
        Governance gov = governance(web);
        web.get("/moderate/a/{id}/ratify", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            Assembly a = web.assemblies.assembly(id);
            List<String> names = gov.charters().names();
            Map<String, Object> m = form(web, ctx, a, names);
            m.put("charter", names.isEmpty() ? Governance.assemblyName(id) + "-charter" : names.get(0));
            web.render(ctx, "ratify/form.jte", m);
        });
        web.post("/moderate/a/{id}/ratify/preview", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            Assembly a = web.assemblies.assembly(id);
            Params p = Params.of(ctx);
            Governance.Preview preview;
            try {
                preview = gov.preview(id, p.charter(), p.rule(web, id), p.label());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            Map<String, Object> m = new HashMap<>();
            m.put("page", web.page(ctx, "ratify.preview.title", a.topic()));
            m.put("assembly", a);
            m.put("p", p);
            m.put("preview", preview);
            m.put("yaml", CanonicalForm.toYaml(preview.ratified().charter()));
            web.render(ctx, "ratify/preview.jte", m);
        });
        web.post("/moderate/a/{id}/ratify/confirm", Role.MODERATOR, ctx -> {
            long id = Web.pathId(ctx, "id");
            web.assemblies.assembly(id);
            Params p = Params.of(ctx);
            String parent = ctx.formParam("parent");
            Optional<Integer> parentNumber = parent == null || parent.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(parent.strip()));
            CharterStore.StoredVersion v;
            try {
                v = gov.confirm(id, p.charter(), p.rule(web, id), p.label(), parentNumber, Web.formText(ctx, "hash"), web.requireAccount(ctx).name());
            } catch (InvalidCharterException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
            Web.redirect(ctx, "/charters/" + v.name() + "/" + v.number());
        });
        web.get("/charters", ctx -> {
            List<CharterStore.StoredVersion> latest = gov.charters().names().stream().map(n -> gov.charters().latest(n).orElseThrow()).toList();
            web.render(ctx, "ratify/charters.jte", Map.of("page", web.page(ctx, "charters.title"), "latest", latest));
        });
        web.get("/charters/{name}", ctx -> {
            String name = ctx.pathParam("name");
            List<CharterStore.StoredVersion> versions = gov.charters().versions(name);
            if (versions.isEmpty()) throw WebException.notFound();
            web.render(ctx, "ratify/versions.jte", Map.of("page", web.page(ctx, "charters.versions.title", name), "name", name, "versions", versions.reversed()));
        });
        web.get("/charters/{name}/{n}", ctx -> {
            String name = ctx.pathParam("name");
            int n = (int) Math.min(Web.pathId(ctx, "n"), Integer.MAX_VALUE);
            CharterStore.StoredVersion v = gov.charters().version(name, n);
            String diff = v.parent().isEmpty() ? null : CharterDiff.between(gov.charters().version(name, v.parent().get()).charter(), v.charter()).toText();
            Map<String, Object> m = new HashMap<>();
            m.put("page", web.page(ctx, "charters.version.title", name, n));
            m.put("v", v);
            m.put("diff", diff);
            web.render(ctx, "ratify/version.jte", m);
        });
        web.post("/charters/{name}/amend", Role.MODERATOR, ctx -> {
            String name = ctx.pathParam("name");
            CharterStore.StoredVersion latest = gov.charters().latest(name).orElseThrow(WebException::notFound);
            var resolved = gov.charters().resolve(latest);
            Ratification.Ratified r = Ratification.precedents(resolved.chain().get(0).charter(), resolved.effective(), gov.cases().decided(name),
                    String.valueOf(latest.number() + 1));
            if (r.precedentsAdded().isEmpty()) throw new WebException(409, "cases.nothingToAmend", name);
            CharterStore.StoredVersion v = gov.charters().save(r.charter(), Optional.of(latest.number()), web.requireAccount(ctx).name(), r.rule());
            Web.redirect(ctx, "/charters/" + v.name() + "/" + v.number());
        });
    }

    private static Map<String, Object> form(Web web, Context ctx, Assembly a, List<String> names) {
        Map<String, Object> m = new HashMap<>();
        m.put("page", web.page(ctx, "ratify.title", a.topic()));
        m.put("assembly", a);
        m.put("names", names);
        m.put("committeeRules", CommitteeRules.all().stream().map(CommitteeRule::id).toList());
        return m;
    }

    /** The form's fields, echoed back by the preview's confirm form. */
    public record Params(String charter, String kind, String threshold, String committeeRule, String size, String label) {
        static Params of(Context ctx) {
            return new Params(Web.formText(ctx, "charter"), Web.formText(ctx, "kind"), opt(ctx, "threshold"), opt(ctx, "committeeRule"),
                    opt(ctx, "size"), opt(ctx, "label"));
        }

        private static String opt(Context ctx, String name) {
            String v = ctx.formParam(name);
            return v == null ? "" : v.strip();
        }

        RatificationRule rule(Web web, long id) {
            try {
                return Governance.rule(kind, threshold, committeeRule, size, "osccai".equals(kind) ? web.maps.map(id) : Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new WebException(400, "error.invalid", e.getMessage());
            }
        }
    }
}
