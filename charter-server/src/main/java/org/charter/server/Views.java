package org.charter.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.Assembly;
import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteMatrix;
import org.charter.core.assembly.VoteValue;
import org.charter.store.AssemblyStore;

/** The API's JSON shapes: plain records, one per resource, so that the wire format is visible in one place. */
final class Views {
    private Views() { }

    record SettingsView(boolean strictModeration, boolean participantsMaySubmit, String access) {
        static SettingsView of(AssemblySettings s) {
            return new SettingsView(s.strictModeration(), s.participantsMaySubmit(), s.access().apiName());
        }
    }

    record CountsView(int participants, int statements, long voteEvents, long votes) {
        static CountsView of(AssemblyStore.Counts c) {
            return new CountsView(c.participants(), c.statements(), c.voteEvents(), c.votes());
        }
    }

    record AssemblyView(long id, String topic, String description, SettingsView settings, Instant createdAt, CountsView counts) {
        static AssemblyView of(Assembly a, AssemblyStore.Counts counts) {
            return new AssemblyView(a.id(), a.topic(), a.description(), SettingsView.of(a.settings()), a.createdAt(),
                    counts == null ? null : CountsView.of(counts));
        }
    }

    record ParticipantView(int id, String externalId, Map<String, String> attributes, Integer groupId, Instant createdAt) {
        static ParticipantView of(Participant p) {
            return new ParticipantView(p.pid(), p.externalId(), p.attributes(), p.groupId(), p.createdAt());
        }
    }

    record StatementView(int id, String text, Integer authorId, Instant createdAt, String moderation, boolean isMeta, boolean isSeed) {
        static StatementView of(Statement s) {
            return new StatementView(s.tid(), s.text(), s.authorPid(), s.createdAt(), s.moderation().apiName(), s.meta(), s.seed());
        }
    }

    /** A vote event; {@code replayed} only in the answer to a POST (whether it was a retry), absent in listings. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record VoteView(long eventId, int participantId, int statementId, String vote, Instant at, String clientRequestId, Boolean replayed) {
        static VoteView of(AssemblyStore.RecordedVote v) {
            var e = v.event();
            return new VoteView(v.eventId(), e.pid(), e.tid(), e.vote().apiName(), e.at(), e.clientRequestId(), v.replayed());
        }

        /** A logged event in a listing: no retry question was asked. */
        static VoteView logged(long eventId, org.charter.core.assembly.VoteEvent e) {
            return new VoteView(eventId, e.pid(), e.tid(), e.vote().apiName(), e.at(), e.clientRequestId(), null);
        }
    }

    /** The latest-vote matrix: rows follow {@code participants}, columns {@code statements}; null is "not seen". */
    record MatrixView(Map<String, Integer> coding, List<Integer> participants, List<Integer> statements, List<Integer[]> votes) {
        static MatrixView of(VoteMatrix m) {
            List<Integer> pids = List.copyOf(m.participants());
            List<Integer> tids = List.copyOf(m.statements());
            var rows = new java.util.ArrayList<Integer[]>(pids.size());
            for (int pid : pids) {
                var row = new Integer[tids.size()];
                for (int i = 0; i < tids.size(); i++) {
                    VoteValue v = m.vote(pid, tids.get(i));
                    row[i] = v == null ? null : v.polisCode();
                }
                rows.add(row);
            }
            return new MatrixView(Map.of("agree", 1, "disagree", -1, "pass", 0), pids, tids, rows);
        }
    }

    record Health(String status, String version, String store) { }

    record ErrorView(String error, String field) { }
}
