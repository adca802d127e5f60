package org.charter.core.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small assembly a new installation starts with, so that a newcomer sees something: a city deciding how its
 * helpdesk assistant should behave. Ten participants in two regions vote on eight statements; the votes follow a
 * fixed pattern (no randomness), with one camp that wants a cautious assistant and one that wants a direct one, and
 * statements that both camps share.
 */
public final class DemoAssembly {
    private DemoAssembly() { }

    public static final String TOPIC = "How should our city's helpdesk assistant behave?";

    private static final List<String> STATEMENTS = List.of(
            "The assistant should say clearly when it is not sure of an answer.",
            "The assistant should never give legal advice, only point to the right office.",
            "The assistant should answer in the language the resident writes in.",
            "The assistant should refuse to guess opening hours it cannot check.",
            "Short, direct answers are better than long careful ones.",
            "The assistant should ask a follow-up question when a request is ambiguous.",
            "Residents should be able to see which rules the assistant follows.",
            "The assistant may recommend private businesses when the city has no service.");

    /**
     * Per participant, a vote per statement: 'a' agree, 'd' disagree, 'p' pass, '.' not seen. The first five are the
     * cautious camp, the last five the direct one; statements 0, 2 and 6 are shared ground.
     */
    private static final List<String> VOTES = List.of(
            "aaaadaap", "aaaadaa.", "aaaadpad", "aaapdaad", "aa.adaad",
            "adadaadp", "adapaada", "ad.daada", "apadaa.a", "adadada.");

    /** The demo as a snapshot whose times start at {@code start}. */
    public static AssemblySnapshot snapshot(Instant start) {
        var participants = new ArrayList<Participant>();
        for (int pid = 0; pid < VOTES.size(); pid++) {
            var attributes = Map.of("region", pid % 2 == 0 ? "north" : "south");
            participants.add(new Participant(pid, null, attributes, null, start.plus(Duration.ofMinutes(pid))));
        }
        var statements = new ArrayList<Statement>();
        for (int tid = 0; tid < STATEMENTS.size(); tid++) {
            statements.add(new Statement(tid, STATEMENTS.get(tid), null, start, Moderation.ACCEPTED, false, true));
        }
        var votes = new ArrayList<VoteEvent>();
        for (int pid = 0; pid < VOTES.size(); pid++) {
            String row = VOTES.get(pid);
            for (int tid = 0; tid < row.length(); tid++) {
                VoteValue v = switch (row.charAt(tid)) {
                    case 'a' -> VoteValue.AGREE;
                    case 'd' -> VoteValue.DISAGREE;
                    case 'p' -> VoteValue.PASS;
                    default -> null;
                };
                if (v != null) votes.add(new VoteEvent(pid, tid, v, start.plus(Duration.ofMinutes(pid).plusSeconds(tid + 1))));
            }
        }
        return new AssemblySnapshot(TOPIC,
                "A demonstration assembly loaded on first start. Residents say how the city's helpdesk assistant should"
                        + " answer; Charter maps their agreement and division.",
                new AssemblySettings(false, true), participants, statements, votes);
    }
}
