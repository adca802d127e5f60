package org.charter.server.web;

import java.util.Map;

import org.charter.store.web.AccountStore.Role;

/** The moderator's start page: every assembly with links to the tools for it ({@link WebApp#moderatorTools()}). */
final class ModeratorPages implements PageGroup {
    @Override
    public void register(Web web) {
        web.get("/moderate", Role.MODERATOR, ctx -> web.render(ctx, "moderate/index.jte", Map.of(
                "page", web.page(ctx, "moderate.title"), "assemblies", web.assemblies.assemblies(), "tools", WebApp.moderatorTools())));
    }
}
