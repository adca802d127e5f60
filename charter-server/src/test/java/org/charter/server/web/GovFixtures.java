package org.charter.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.VoteValue;
import org.charter.core.charter.OpenCase;
import org.charter.store.AssemblyStore;

/** Assemblies and cases for the report, ratification and case tests. */
final class GovFixtures {
    private GovFixtures() { }

    static final String[] STATEMENTS = {"Cite your sources.", "Answer in plain language.", "Refuse to guess about benefits.",
            "Always hand over to a clerk.", "Say when you are unsure.", "Use the informal you."};

    /**
     * Two camps of twelve: camp A (even pids) agrees with s0-s2 and disagrees with s3; camp B (odd pids) the opposite;
     * everyone agrees with s4; s5 is passed on by half of each camp (pids 0, 1, 4, 5, ...) and agreed with by the rest.
     * The camps alternate so that Polis's k-means, which starts from the first participants, starts from both camps:
     * started from p0 and p1 of one camp, it would settle in the local optimum that splits on s5 instead.
     */
    static long twoCamps(WebTestServer server) {
        long id = server.assembly("Helpdesk rules", AssemblySettings.DEFAULT, STATEMENTS);
        AssemblyStore store = server.assemblies;
        for (int p = 0; p < 24; p++) {
            store.addParticipant(id, "p" + p, Map.of());
            boolean a = p % 2 == 0;
            for (int t = 0; t < 3; t++) store.castVote(id, p, t, a ? VoteValue.AGREE : VoteValue.DISAGREE, null);
            store.castVote(id, p, 3, a ? VoteValue.DISAGREE : VoteValue.AGREE, null);
            store.castVote(id, p, 4, VoteValue.AGREE, null);
            store.castVote(id, p, 5, (p / 2) % 2 == 0 ? VoteValue.PASS : VoteValue.AGREE, null);
        }
        return id;
    }

    static OpenCase gap(String id, String charterId, String prompt, List<String> candidates) {
        return new OpenCase(id, OpenCase.Kind.GAP, Instant.parse("2026-11-28T09:00:00Z"), charterId, "1", "sha256:x", Map.of("channel", "web"),
                prompt, candidates, "ask", List.of("the charter is silent here"), List.of(), List.of());
    }
}
