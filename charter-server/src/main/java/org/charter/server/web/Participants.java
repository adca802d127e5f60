package org.charter.server.web;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings.Access;
import org.charter.store.web.AccountStore.Session;

import io.javalin.http.Context;

/**
 * Which participant a browser session is in an assembly. A session acts as the participant whose external id is
 * {@code "web:" + visitor} (the visitor id survives logging in). In an open assembly the session joins on its
 * first visit; in an assembly by invitation it joins only by redeeming an unused invitation token. Known pairs are
 * cached in memory, so a vote costs no lookup.
 */
public final class Participants {
    private static final int MAX_CACHED = 200_000;

    private final Web web;
    private final ConcurrentHashMap<String, Integer> pids = new ConcurrentHashMap<>();

    Participants(Web web) {
        this.web = web;
    }

    /** The external id a session's participant has in every assembly. */
    public static String externalId(Session s) {
        return "web:" + s.visitor();
    }

    /** The session's participant in the assembly, if it has joined. */
    public OptionalInt find(Context ctx, long assemblyId) {
        Session s = web.sessions.ensure(ctx);
        String key = s.visitor() + "/" + assemblyId;
        Integer cached = pids.get(key);
        if (cached != null) return OptionalInt.of(cached);
        OptionalInt pid = web.participation.findPid(assemblyId, externalId(s));
        if (pid.isPresent()) remember(key, pid.getAsInt());
        return pid;
    }

    /**
     * The session's participant, joining the assembly now if it is open. An assembly by invitation that the session
     * has not joined is refused with 403 and the invitation message.
     */
    public int join(Context ctx, Assembly a) {
        OptionalInt known = find(ctx, a.id());
        if (known.isPresent()) return known.getAsInt();
        if (a.settings().access() == Access.INVITATION) throw new WebException(403, "error.invitationNeeded");
        return add(ctx, a.id());
    }

    /** Joins by an invitation token: a token unknown or used by someone else is refused (403). */
    public int redeem(Context ctx, Assembly a, String token) {
        OptionalInt known = find(ctx, a.id());
        String hash = Secrets.sha256(token);
        var inv = web.invitations.find(a.id(), hash).orElseThrow(() -> new WebException(403, "error.invitationInvalid"));
        if (inv.usedByPid() != null && (known.isEmpty() || inv.usedByPid() != known.getAsInt())) {
            throw new WebException(403, "error.invitationUsed");
        }
        int pid = known.isPresent() ? known.getAsInt() : add(ctx, a.id());
        try {
            web.invitations.redeem(a.id(), hash, pid);
        } catch (org.charter.store.ConflictException e) {
            throw new WebException(403, "error.invitationUsed");
        }
        return pid;
    }

    private int add(Context ctx, long assemblyId) {
        Session s = web.sessions.ensure(ctx);
        int pid = web.assemblies.addParticipant(assemblyId, externalId(s), Map.of()).participant().pid();
        remember(s.visitor() + "/" + assemblyId, pid);
        return pid;
    }

    private void remember(String key, int pid) {
        if (pids.size() > MAX_CACHED) pids.clear();
        pids.put(key, pid);
    }
}
