package org.charter.core.assembly;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything an assembly holds, as plain values in storage order: what an import produces and an export consumes.
 * The constructor checks the references between the parts, so a snapshot is always whole.
 */
public record AssemblySnapshot(String topic, String description, AssemblySettings settings,
                               List<Participant> participants, List<Statement> statements, List<VoteEvent> votes) {
    public AssemblySnapshot {
        topic = Assembly.validTopic(topic);
        description = Assembly.validDescription(description);
        Objects.requireNonNull(settings, "settings");
        participants = List.copyOf(participants);
        statements = List.copyOf(statements);
        votes = List.copyOf(votes);
        var pids = new HashSet<Integer>();
        for (Participant p : participants) {
            if (!pids.add(p.pid())) throw new IllegalArgumentException("participant " + p.pid() + " appears twice");
        }
        var tids = new HashSet<Integer>();
        for (Statement s : statements) {
            if (!tids.add(s.tid())) throw new IllegalArgumentException("statement " + s.tid() + " appears twice");
            if (s.authorPid() != null && !pids.contains(s.authorPid())) {
                throw new IllegalArgumentException("statement " + s.tid() + " names an unknown author " + s.authorPid());
            }
        }
        for (VoteEvent v : votes) {
            if (!pids.contains(v.pid())) throw new IllegalArgumentException("a vote names an unknown participant " + v.pid());
            if (!tids.contains(v.tid())) throw new IllegalArgumentException("a vote names an unknown statement " + v.tid());
        }
    }

    /** The latest-vote matrix of this assembly. */
    public VoteMatrix matrix() {
        return VoteMatrix.latestOf(votes);
    }
}
