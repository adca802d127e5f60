package org.charter.server.web;

import java.util.Map;

/** The start page: the assemblies one may join. */
final class HomePages implements PageGroup {
    @Override
    public void register(Web web) {
        web.get("/", ctx -> web.render(ctx, "home.jte", Map.of("page", web.page(ctx, "home.title"), "assemblies", web.assemblies.assemblies())));
    }
}
