package org.charter.core.assembly.polis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.charter.core.SharedData;
import org.charter.core.assembly.Moderation;
import org.charter.core.assembly.Statement;
import org.charter.core.assembly.VoteValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading the six public Polis conversations (CC BY 4.0, The Computational Democracy Project). */
class PolisReaderTest {
    /** Rows of comments.csv and votes.csv, counted outside Charter; voters as each summary.csv states them. */
    static Stream<Arguments> conversations() {
        return Stream.of(
                Arguments.of("london.youth.policing", 39, 640, 26),
                Arguments.of("bg2050-volunteers", 371, 14_341, 126),
                Arguments.of("brexit-consensus", 50, 5_312, 204),
                Arguments.of("scoop-hivemind.ubi", 71, 7_174, 234),
                Arguments.of("15-per-hour-seattle", 54, 2_995, 339),
                Arguments.of("vtaiwan.uberx", 197, 49_997, 1_921));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void readsCountsAndTheLatestVoteMatrixEqualsParticipantsVotes(String name, int comments, int votes, int voters)
            throws IOException {
        PolisImport read = PolisReader.read(SharedData.polis(name));
        assertThat(read.snapshot().statements()).hasSize(comments);
        assertThat(read.snapshot().votes()).hasSize(votes);
        assertThat(read.snapshot().matrix().participants()).hasSize(voters);
        assertThat(Integer.parseInt(summary(name).get("voters"))).isEqualTo(voters);
        assertThat(read.exportedMatrix()).isNotNull();
        assertThat(read.snapshot().matrix().differences(read.exportedMatrix(), 5)).isEmpty();
        assertThat(read.snapshot().matrix()).isEqualTo(read.exportedMatrix());
        assertThat(read.notes()).isEmpty();
        assertThat(read.snapshot().topic()).isEqualTo(summary(name).get("topic"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void exportThenImportKeepsEverythingAndExportsTheSameFiles(String name) {
        PolisImport first = PolisReader.read(SharedData.polis(name));
        Map<String, String> files = PolisWriter.render(first.snapshot());
        PolisImport second = PolisReader.parse(files, "exported", "x");
        assertThat(second.snapshot().matrix()).isEqualTo(first.snapshot().matrix());
        assertThat(second.exportedMatrix()).isEqualTo(first.snapshot().matrix());
        assertThat(second.snapshot().statements()).isEqualTo(first.snapshot().statements());
        assertThat(second.snapshot().topic()).isEqualTo(first.snapshot().topic());
        assertThat(second.snapshot().description()).isEqualTo(first.snapshot().description());
        assertThat(second.snapshot().votes()).containsExactlyInAnyOrderElementsOf(first.snapshot().votes());
        assertThat(PolisWriter.render(second.snapshot())).isEqualTo(files);
    }

    @Test
    void participantsVotesIsWrittenWithPolissColumnsAndCodes() {
        PolisImport read = PolisReader.read(SharedData.polis("london.youth.policing"));
        String table = PolisWriter.render(read.snapshot()).get("participants-votes.csv");
        String[] lines = table.split("\n");
        // Columns: the fixed ones, then comments with a vote in increasing order (0, 2 and 3 have none here).
        assertThat(lines[0]).startsWith("participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,1,4,5,6,");
        // Participant 1 in the original: group 1, 12 votes, 4 agree, 8 disagree.
        assertThat(lines[1]).startsWith("1,,1,0,12,4,8,-1,1,-1,1,-1,-1,-1,1,-1,1,-1,-1,");
    }

    @Test
    void readsMetaAndSeedFlagsAndModeration() {
        PolisImport read = PolisReader.read(SharedData.polis("bg2050-volunteers"));
        Statement first = read.snapshot().statements().get(0);
        assertThat(first.tid()).isEqualTo(2);
        assertThat(first.seed()).isTrue();
        assertThat(first.moderation()).isEqualTo(Moderation.ACCEPTED);
        assertThat(read.snapshot().statements()).filteredOn(s -> s.moderation() == Moderation.REJECTED).hasSize(55);
    }

    @Test
    void groupInformedConsensusOfTheExportMatchesPolis() throws IOException {
        // bg2050's comments.csv carries Polis's own group-informed-consensus; ours is recomputed from the latest votes
        // and the groups of participants-votes.csv.
        var dir = SharedData.polis("bg2050-volunteers");
        PolisImport read = PolisReader.read(dir);
        var ours = columnByCommentId(PolisWriter.render(read.snapshot()).get("comments.csv"), "group-informed-consensus");
        var polis = columnByCommentId(Files.readString(dir.resolve("comments.csv")), "group-informed-consensus");
        assertThat(ours.keySet()).isEqualTo(polis.keySet());
        polis.forEach((tid, value) -> assertThat(Double.parseDouble(ours.get(tid)))
                .isCloseTo(Double.parseDouble(value), org.assertj.core.api.Assertions.within(1e-12)));
    }

    @Test
    void aBadVoteCodeNamesFileLineAndColumn() {
        var files = new HashMap<String, String>();
        files.put("comments.csv", "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Hello\n");
        files.put("votes.csv", "timestamp,comment-id,voter-id,vote\n5,0,0,1\n6,0,1,2\n");
        assertThatThrownBy(() -> PolisReader.parse(files, "dir", "t"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("dir/votes.csv, line 3, column vote: vote must be 1, 0 or -1, not 2");
    }

    @Test
    void aVoteOnAnUnknownCommentIsRefused() {
        var files = Map.of("comments.csv", "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Hello\n",
                "votes.csv", "timestamp,comment-id,voter-id,vote\n5,7,0,1\n");
        assertThatThrownBy(() -> PolisReader.parse(files, "dir", "t"))
                .hasMessage("dir/votes.csv, line 2, column comment-id: no comment 7 in comments.csv");
    }

    @Test
    void missingColumnsFilesAndShortRowsAreNamed() {
        assertThatThrownBy(() -> PolisReader.parse(Map.of("comments.csv", "a\n"), "dir", "t"))
                .hasMessageContaining("dir/votes.csv").hasMessageContaining("missing");
        assertThatThrownBy(() -> PolisReader.parse(Map.of("comments.csv", "timestamp,comment-id,author-id,comment-body\n",
                "votes.csv", "timestamp,comment-id,voter-id,vote\n"), "dir", "t"))
                .hasMessage("dir/comments.csv, line 1, column moderated: the header lacks this column");
        assertThatThrownBy(() -> PolisReader.parse(Map.of("comments.csv", "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1\n",
                "votes.csv", "timestamp,comment-id,voter-id,vote\n"), "dir", "t"))
                .hasMessage("dir/comments.csv, line 2: expected 5 fields as in the header, found 4");
        assertThatThrownBy(() -> PolisReader.parse(Map.of("comments.csv", "timestamp,comment-id,author-id,moderated,comment-body\nnoon,0,0,1,x\n",
                "votes.csv", "timestamp,comment-id,voter-id,vote\n"), "dir", "t"))
                .hasMessage("dir/comments.csv, line 2, column timestamp: expected a whole number, found \"noon\"");
    }

    @Test
    void aParticipantsVotesTableThatDisagreesWithTheLogIsReportedNotHidden() {
        var files = Map.of("comments.csv", "timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Hello\n",
                "votes.csv", "timestamp,comment-id,voter-id,vote\n5,0,0,1\n",
                "participants-votes.csv", "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0\n0,,1,1,0,1,-1\n");
        PolisImport read = PolisReader.parse(files, "dir", "t");
        assertThat(read.snapshot().matrix().vote(0, 0)).isEqualTo(VoteValue.AGREE);
        assertThat(read.notes()).singleElement().asString().contains("disagrees").contains("participant 0, statement 0");
    }

    static Map<String, String> summary(String name) {
        var out = new HashMap<String, String>();
        for (Csv.Row row : Csv.read(reader(SharedData.polis(name).resolve("summary.csv")), "summary.csv")) {
            out.put(row.fields().get(0), row.fields().size() > 1 ? row.fields().get(1) : "");
        }
        return out;
    }

    static Map<String, String> columnByCommentId(String csv, String column) {
        var rows = Csv.read(new java.io.StringReader(csv), "c.csv");
        int id = rows.get(0).fields().indexOf("comment-id"), col = rows.get(0).fields().indexOf(column);
        var out = new HashMap<String, String>();
        rows.subList(1, rows.size()).forEach(r -> out.put(r.fields().get(id), r.fields().get(col)));
        return out;
    }

    private static java.io.Reader reader(java.nio.file.Path p) {
        try {
            return Files.newBufferedReader(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
