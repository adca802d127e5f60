package org.charter.core.assembly.polis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Participant;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteEvent;
import org.charter.core.assembly.VoteValue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any assembly written as a Polis export reads back the same: statements, vote events, matrix, ids and groups. */
class PolisRoundTripProperties {
    @Provide
    Arbitrary<AssemblySnapshot> assemblies() {
        // Text with the characters that CSV must quote, and some that it must not mangle.
        Arbitrary<String> text = Arbitraries.strings().withChars("ab ,\"\n\r;é漢\t").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank());
        Arbitrary<Integer> people = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> topics = Arbitraries.integers().between(1, 6);
        return Combinators.combine(people, topics, Arbitraries.longs().between(0, Long.MAX_VALUE)).flatAs((np, ns, seed) -> {
            Arbitrary<List<Participant>> participants = Combinators.combine(
                            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).injectNull(0.5).list().ofSize(np),
                            Arbitraries.integers().between(0, 2).injectNull(0.3).list().ofSize(np))
                    .as((xids, groups) -> {
                        var out = new ArrayList<Participant>();
                        for (int p = 0; p < np; p++) {
                            String xid = xids.get(p) == null ? null : xids.get(p) + p; // unique when present
                            out.add(new Participant(p, xid, Map.of(), groups.get(p), Instant.ofEpochMilli(0)));
                        }
                        return out;
                    });
            Arbitrary<Statement> statement = Combinators.combine(text, Arbitraries.integers().between(-1, np - 1),
                            Arbitraries.of(Moderation.class), Arbitraries.of(true, false), Arbitraries.of(true, false),
                            Arbitraries.longs().between(1, 2_000_000_000_000L))
                    .as((t, author, m, meta, s, at) -> new Statement(0, t, author < 0 ? null : author, Instant.ofEpochMilli(at), m, meta, s));
            Arbitrary<List<Statement>> statements = statement.list().ofSize(ns).map(list -> {
                var numbered = new ArrayList<Statement>();
                for (int i = 0; i < list.size(); i++) {
                    Statement s = list.get(i);
                    numbered.add(new Statement(ns - 1 - i, s.text(), s.authorPid(), s.createdAt(), s.moderation(), s.meta(), s.seed()));
                }
                return numbered;
            });
            Arbitrary<VoteEvent> vote = Combinators.combine(Arbitraries.integers().between(0, np - 1),
                            Arbitraries.integers().between(0, ns - 1), Arbitraries.of(VoteValue.class),
                            Arbitraries.longs().between(1, 20))
                    .as((p, t, v, at) -> new VoteEvent(p, t, v, Instant.ofEpochMilli(at)));
            Arbitrary<String> topic = text;
            return Combinators.combine(topic, text.injectNull(0.3), participants, statements, vote.list().ofMaxSize(30))
                    .as((tp, desc, ps, ss, vs) -> {
                        // Authors who never voted still appear in the export's authorship, and so must exist.
                        return new AssemblySnapshot(tp, desc, AssemblySettings.DEFAULT, ps, ss, vs);
                    });
        });
    }

    @Property(tries = 300)
    void writeThenReadKeepsWhatTheFormatHolds(@ForAll("assemblies") AssemblySnapshot original) {
        Map<String, String> files = PolisWriter.render(original);
        AssemblySnapshot read = PolisReader.parse(files, "mem", "fallback").snapshot();

        assertThat(read.statements()).isEqualTo(original.statements());
        assertThat(read.votes()).containsExactlyInAnyOrderElementsOf(original.votes());
        assertThat(read.matrix()).isEqualTo(original.matrix());
        assertThat(read.topic()).isEqualTo(original.topic());
        assertThat(read.description()).isEqualTo(original.description());
        // External ids and groups travel in participants-votes.csv, which has a row for each participant who voted.
        for (Participant p : original.participants()) {
            if (original.matrix().participants().contains(p.pid())) {
                Participant back = read.participants().stream().filter(q -> q.pid() == p.pid()).findFirst().orElseThrow();
                assertThat(back.externalId()).isEqualTo(p.externalId());
                assertThat(back.groupId()).isEqualTo(p.groupId());
            }
        }
        assertThat(PolisWriter.render(read)).isEqualTo(files);
    }
}
