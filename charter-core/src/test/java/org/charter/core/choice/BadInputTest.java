package org.charter.core.choice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Bad files and impossible requests get errors that name the file, the line (or field) and the problem. */
class BadInputTest {
    static final String HEADER = """
            # FILE NAME: bad.soi
            # TITLE: bad
            # DATA TYPE: soi
            # NUMBER ALTERNATIVES: 3
            # NUMBER VOTERS: 5
            # NUMBER UNIQUE ORDERS: 2
            # ALTERNATIVE NAME 1: a
            # ALTERNATIVE NAME 2: b
            # ALTERNATIVE NAME 3: c
            """;

    @Test
    void countMismatch_namesFileAndLineOfNumberVoters() {
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3: 1,2,3\n1: 2\n", "bad.soi"))
                .isInstanceOf(PrefLibFormatException.class).hasMessage("bad.soi:5: NUMBER VOTERS is 5 but the counts add up to 4");
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3: 1,2,3\n1: 2\n1: 3\n", "bad.soi"))
                .hasMessage("bad.soi:6: NUMBER UNIQUE ORDERS is 2 but there are 3 order lines");
    }

    @Test
    void unknownAlternative_namesFileAndLine() {
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3: 1,2,3\n2: 4,1\n", "bad.soi"))
                .hasMessage("bad.soi:11: unknown alternative 4 (alternatives are numbered 1..3)");
    }

    @Test
    void duplicatedCandidateInABallot_namesFileAndLine() {
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3: 1,2,1\n2: 2\n", "bad.soi"))
                .hasMessage("bad.soi:10: alternative 1 appears twice in one order");
        assertThatThrownBy(() -> PrefLib.read(HEADER.replace("soi", "toi") + "3: 1,{2,1}\n2: 2\n", "bad.toi"))
                .hasMessage("bad.toi:10: alternative 1 appears twice in one order");
    }

    @Test
    void typeViolationsAndSyntax_nameTheLine() {
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3: 1,{2,3}\n2: 2\n", "bad.soi")).hasMessage("bad.soi:10: a tie in a .soi file (strict orders only)");
        assertThatThrownBy(() -> PrefLib.read(HEADER.replace("soi", "soc") + "3: 1,2,3\n2: 2\n", "bad.soc"))
                .hasMessage("bad.soc:11: ranks 1 of 3 alternatives in a .soc file (complete orders only)");
        assertThatThrownBy(() -> PrefLib.read(HEADER + "x: 1,2,3\n", "bad.soi")).hasMessage("bad.soi:10: count \"x\" is not a whole number");
        assertThatThrownBy(() -> PrefLib.read(HEADER + "3 1,2,3\n", "bad.soi")).hasMessageStartingWith("bad.soi:10: preference line is not 'count: order'");
        assertThatThrownBy(() -> PrefLib.read(HEADER.replace("# ALTERNATIVE NAME 3: c\n", ""), "bad.soi"))
                .hasMessage("bad.soi: header lacks ALTERNATIVE NAME 3 (NUMBER ALTERNATIVES is 3)");
    }

    @Test
    void jsonErrorsNameTheFieldAndSyntaxErrorsTheLine() {
        assertThatThrownBy(() -> ProfileJson.readProfile("{\"candidates\":[\"a\",\"b\"],\"ballots\":[{\"ranking\":[[\"a\"],[\"a\"]]}]}", "e.json"))
                .hasMessage("e.json: ballots[0].ranking[1][0]: \"a\" appears twice in one ballot");
        assertThatThrownBy(() -> ProfileJson.readProfile("{\"candidates\":[\"a\",\"b\"],\"ballots\":[{\"ranking\":[[\"z\"]]}]}", "e.json"))
                .hasMessage("e.json: ballots[0].ranking[0][0]: unknown candidate \"z\"");
        assertThatThrownBy(() -> ProfileJson.readProfile("{\"candidates\":[\"a\"],\n\"ballots\":[{\"ranking\":[[\"a\"]],\"count\":0}]}", "e.json"))
                .hasMessage("e.json: ballots[0].count: must be a positive whole number");
        assertThatThrownBy(() -> ProfileJson.readProfile("{\"candidates\":[\"a\"],\n\n \"ballots\": [ }", "e.json"))
                .hasMessageStartingWith("e.json:3: not valid JSON");
    }

    @Test
    void rulesRefuseWhatTheyCannotDo_sayingWhyAndTheLimit() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) names.add("c" + i);
        Profile p = new Profile(names, List.of(Ballot.linear(new int[] {0, 1, 2}, 1)));
        assertThatThrownBy(() -> Rules.get("kemeny-young").apply(Elections.election(p)))
                .isInstanceOf(RuleRefusedException.class).hasMessageContaining("30 candidates is more than its limit of 18");
        Election approvals = ProfileJson.read("{\"candidates\":[\"a\",\"b\"],\"approvals\":[{\"approved\":[\"a\"]}]}", "a.json", Truncation.INCOMPARABLE);
        assertThatThrownBy(() -> Rules.get("schulze").apply(approvals))
                .isInstanceOf(RuleRefusedException.class).hasMessageContaining("schulze refuses: it needs ranked ballots").hasMessageContaining("got approval ballots");
        assertThatThrownBy(() -> Rules.get("score").apply(Elections.election(p))).hasMessageContaining("needs graded ballots");
        assertThatThrownBy(() -> Rules.get("no-such-rule")).hasMessageContaining("unknown rule \"no-such-rule\"");
    }
}
