package org.charter.core.welfare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

class ParetoTest {
    /*
     * Groups a, b, c. E is dominated (not strictly) by B and by C; F = (2,2,2) is strictly dominated by B, C and E.
     */
    static final UtilityProfile P = UtilityCsv.read(new StringReader("""
            option,a,b,c
            A,10,1,1
            B,4,4,3
            C,3,3,5
            D,6,5,0
            E,3,3,3
            F,2,2,2
            """), "p.csv");

    @Test
    void frontier_efficientAndWeaklyEfficientOptions() {
        Pareto.Frontier f = Pareto.frontier(P);
        assertThat(f.efficient()).containsExactly("A", "B", "C", "D");
        assertThat(f.weaklyEfficient()).containsExactly("A", "B", "C", "D", "E");
        assertThat(f.dominated()).extracting(Pareto.Dominated::option).containsExactly("E", "F");
        Pareto.Dominated e = f.dominated().get(0);
        assertThat(e.by()).containsExactlyInAnyOrder("B", "C");
        assertThat(e.strictly()).isFalse();
        Pareto.Dominated fOption = f.dominated().get(1);
        assertThat(fOption.by()).containsExactlyInAnyOrder("B", "C"); // E also dominates F, but E is off the frontier
        assertThat(fOption.strictly()).isTrue();
        assertThat(fOption.witness().relation()).isEqualTo(Pareto.Relation.DOMINATES);
    }

    @Test
    void compare_namesTheWitnessGroups() {
        Pareto.Domination d = Pareto.compare(P, "B", "E");
        assertThat(d.relation()).isEqualTo(Pareto.Relation.DOMINATES);
        assertThat(d.strict()).isFalse();
        assertThat(d.aBetter()).containsExactly("a", "b");
        assertThat(d.equal()).containsExactly("c");
        assertThat(Pareto.compare(P, "F", "C").relation()).isEqualTo(Pareto.Relation.DOMINATED);
        assertThat(Pareto.compare(P, "F", "C").strict()).isTrue();
        Pareto.Domination ab = Pareto.compare(P, "A", "B");
        assertThat(ab.relation()).isEqualTo(Pareto.Relation.INCOMPARABLE);
        assertThat(ab.aBetter()).containsExactly("a");
        assertThat(ab.bBetter()).containsExactly("b", "c");
        assertThat(Pareto.compare(P, "A", "A").relation()).isEqualTo(Pareto.Relation.EQUAL);
    }

    @Test
    void statusQuo_anUnfairStatusQuoIsParetoEfficient() {
        // The danger the position paper names: giving group b nothing is efficient, because any change costs group a.
        var p = UtilityProfile.ofLongs(new long[][] {{100, 0}, {50, 40}});
        assertThat(Pareto.frontier(p).efficient()).containsExactly("o1", "o2");
        assertThat(WelfareFunctions.parse("leximin").rank(p).best()).containsExactly("o2");
    }

    @Test
    void identicalOptions_areBothEfficient() {
        var p = UtilityProfile.ofLongs(new long[][] {{1, 2}, {1, 2}, {0, 2}});
        Pareto.Frontier f = Pareto.frontier(p);
        assertThat(f.efficient()).containsExactly("o1", "o2");
        assertThat(f.dominated().get(0).by()).containsExactlyInAnyOrder("o1", "o2");
    }
}
