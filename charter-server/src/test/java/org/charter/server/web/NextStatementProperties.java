package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Statement;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The order of statements: exactly the visible, unvoted statements of others, each once, higher priority first. */
class NextStatementProperties {
    @Property(tries = 300)
    void queue_isExactlyTheStatementsStillToShow_inPriorityOrder(@ForAll @IntRange(min = 0, max = 30) int n, @ForAll boolean strict,
                                                               @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        var rnd = new java.util.SplittableRandom(seed);
        var statements = new ArrayList<Statement>();
        Set<Integer> voted = new HashSet<>();
        Map<Integer, Double> priorities = rnd.nextBoolean() ? new HashMap<>() : null;
        Moderation[] states = Moderation.values();
        for (int t = 0; t < n; t++) {
            Integer author = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : null;
            statements.add(new Statement(t, "s" + t, author, Instant.EPOCH, states[rnd.nextInt(states.length)], false, author == null));
            if (rnd.nextInt(3) == 0) voted.add(t);
            if (priorities != null && rnd.nextInt(4) != 0) priorities.put(t, rnd.nextDouble() * 10);
        }
        var settings = new AssemblySettings(strict, true);
        int reader = 1;
        List<Statement> q = NextStatement.queue(statements, settings, voted, reader, priorities);
        var expected = new HashSet<Integer>();
        for (Statement s : statements) {
            if (s.moderation().visible(settings) && !voted.contains(s.tid()) && !Integer.valueOf(reader).equals(s.authorPid())) expected.add(s.tid());
        }
        assertThat(q).extracting(Statement::tid).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 1; i < q.size(); i++) {
            Statement a = q.get(i - 1), b = q.get(i);
            boolean aNew = priorities == null || !priorities.containsKey(a.tid());
            boolean bNew = priorities == null || !priorities.containsKey(b.tid());
            if (priorities == null || priorities.isEmpty() || (aNew && bNew)) {
                assertThat(a.tid()).isLessThan(b.tid());
            } else {
                assertThat(aNew || !bNew).as("statements without a priority come first").isTrue();
                if (!aNew && !bNew) assertThat(priorities.get(a.tid())).isGreaterThanOrEqualTo(priorities.get(b.tid()));
            }
        }
    }
}
