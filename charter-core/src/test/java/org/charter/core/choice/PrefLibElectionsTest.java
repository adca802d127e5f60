package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.charter.core.SharedData;
import org.junit.jupiter.api.Test;

/** The real PrefLib elections in ../shared/data/preflib (see SOURCES.txt there). */
class PrefLibElectionsTest {
    static PrefLib.File read(String name) throws IOException {
        return PrefLib.read(Files.readString(SharedData.path("preflib/" + name)), name);
    }

    static final List<String> CONDORCET_CONSISTENT = List.of("condorcet", "copeland", "llull", "minimax", "schulze", "ranked-pairs",
            "split-cycle", "stable-voting", "river", "kemeny-young", "baldwin", "nanson", "weak-nanson", "smith-set",
            "schwartz-set", "top-cycle", "uncovered-set", "maximal-lottery");

    @Test
    void debian2002_bdaleGarbeeIsTheCondorcetWinnerUnderEitherTruncation_andTheMarginsDiffer() throws IOException {
        PrefLib.File f = read("00002-00000001.soi");
        assertThat(f.header()).containsEntry("TITLE", "Debian 2002 Leader").containsEntry("DATA TYPE", "soi");
        assertThat(f.profile().voters()).isEqualTo(475);
        assertThat(f.profile().ballots()).hasSize(41);
        MarginGraph incomparable = MarginGraph.of(f.profile(), Truncation.INCOMPARABLE);
        MarginGraph below = MarginGraph.of(f.profile(), Truncation.BELOW);
        for (Truncation t : Truncation.values()) {
            OrdinalElection e = OrdinalElection.of(f.profile(), t);
            for (String rule : CONDORCET_CONSISTENT) {
                assertThat(Rules.get(rule).apply(e).winnerNames()).as(rule + " " + t).containsExactly("Bdale Garbee");
            }
        }
        assertThat(incomparable).isNotEqualTo(below);
        int bdale = f.profile().indexOf("Bdale Garbee"), none = f.profile().indexOf("None Of The Above");
        // Ballots that rank Bdale but leave "None Of The Above" out count for Bdale only under "below".
        assertThat(below.margin(bdale, none)).isGreaterThan(incomparable.margin(bdale, none));
        // Counted from the file with a separate script: 136 ballots rank Bdale Garbee (3) but not None Of The Above
        // (4), 2 rank 4 but not 3; "below" adds exactly those to the margin.
        assertThat(below.margin(bdale, none) - incomparable.margin(bdale, none)).isEqualTo(136 - 2)
                .isEqualTo(expectedTruncatedAbove(f.profile(), bdale, none));
    }

    /** Ballots that rank a but not b (a plain recount from the profile). */
    static long expectedTruncatedAbove(Profile p, int a, int b) {
        long n = 0;
        for (Ballot ballot : p.ballots()) {
            boolean hasA = false, hasB = false;
            for (int i = 0; i < ballot.rankedCount(); i++) {
                hasA |= ballot.candidateAt(i) == a;
                hasB |= ballot.candidateAt(i) == b;
            }
            if (hasA && !hasB) n += ballot.count();
            if (hasB && !hasA) n -= ballot.count();
        }
        return n;
    }

    @Test
    void debian2010_stefanoZacchiroliWins() throws IOException {
        PrefLib.File f = read("00002-00000006.toc");
        assertThat(f.profile().voters()).isEqualTo(436);
        assertThat(f.profile().size()).isEqualTo(5);
        OrdinalElection e = OrdinalElection.of(f.profile());
        for (String rule : CONDORCET_CONSISTENT) {
            assertThat(Rules.get(rule).apply(e).winnerNames()).as(rule).containsExactly("Stefano Zacchiroli");
        }
        assertThat(Rules.get("irv").apply(e).winnerNames()).containsExactly("Stefano Zacchiroli");
    }

    @Test
    void netflix_candidate2TheXFilesWinsUnderEveryOrdinalRule() throws IOException {
        PrefLib.File f = read("00004-00000006.soc");
        assertThat(f.profile().candidates().get(1)).isEqualTo("The X-Files: Season 3");
        OrdinalElection e = OrdinalElection.of(f.profile());
        for (SingleWinnerRule rule : Rules.all()) {
            if (!Rules.isOrdinal(rule) || rule instanceof ProbabilisticRules.RandomDictator || rule instanceof ProbabilisticRules.ProportionalBorda) continue;
            assertThat(rule.apply(e).winners()).as(rule.id()).containsExactly(1);
        }
        // Borda points from the file by hand: 2 x 569 + 90 + 150 = 1378.
        assertThat(Rules.get("borda").apply(e).evidence().get("borda_points").toString()).contains("The X-Files: Season 3=1378");
        // Random dictator: first places 90 + 57, 300 + 269, 150 + 74 of 940.
        assertThat(Rules.get("random-dictator").apply(e).lottery()).extracting(Object::toString).containsExactly("147/940", "569/940", "56/235");
    }

    @Test
    void preflibWriteThenReadGivesTheSameProfileForEachRealElection() throws IOException {
        for (String name : List.of("00002-00000001.soi", "00002-00000006.toc", "00004-00000006.soc")) {
            PrefLib.File f = read(name);
            String written = PrefLib.write(f.profile(), f.header());
            PrefLib.File again = PrefLib.read(written, name);
            assertThat(again.profile()).isEqualTo(f.profile());
            assertThat(again.header().get("NUMBER UNIQUE ORDERS")).isEqualTo(f.header().get("NUMBER UNIQUE ORDERS"));
            assertThat(again.header().get("DATA TYPE")).isEqualTo(f.header().get("DATA TYPE"));
        }
    }
}
