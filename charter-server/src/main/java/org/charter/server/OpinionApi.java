package org.charter.server;

import java.util.Locale;

import org.charter.core.opinion.OpinionOptions;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * GET /api/assemblies/{id}/opinion: the assembly's opinion map, in the JSON that `charter opinion --json` prints;
 * served from the saved map while no vote has arrived since, recomputed (warm-started) otherwise.
 */
final class OpinionApi {
    private final OpinionService service;

    OpinionApi(OpinionService service) {
        this.service = service;
    }

    void register(Javalin app) {
        app.get("/api/assemblies/{assemblyId}/opinion", this::opinion);
    }

    private void opinion(Context ctx) {
        long id = number(ctx.pathParam("assemblyId"), "assemblyId", 0, Long.MAX_VALUE);
        OpinionOptions options = options(ctx);
        ctx.contentType("application/json").result(service.json(id, options).toString());
    }

    /** Query parameters: seed, groups (1..20), bootstrap (0..1000), imputation (column-mean | nearest). */
    static OpinionOptions options(Context ctx) {
        OpinionOptions o = OpinionOptions.polis();
        if (ctx.queryParam("seed") != null) o = o.withSeed(number(ctx.queryParam("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE));
        if (ctx.queryParam("groups") != null) o = o.withGroups((int) number(ctx.queryParam("groups"), "groups", 1, 20));
        if (ctx.queryParam("bootstrap") != null) o = o.withBootstrap((int) number(ctx.queryParam("bootstrap"), "bootstrap", 0, 1000));
        String imputation = ctx.queryParam("imputation");
        if (imputation != null) {
            o = switch (imputation.toLowerCase(Locale.ROOT)) {
                case "column-mean" -> o.withImputation(OpinionOptions.Imputation.COLUMN_MEAN);
                case "nearest" -> o.withImputation(OpinionOptions.Imputation.NEAREST);
                default -> throw ApiException.badField("imputation", "must be \"column-mean\" or \"nearest\", not \"" + imputation + "\"");
            };
        }
        return o;
    }

    private static long number(String text, String field, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badField(field, "must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
        }
    }
}
