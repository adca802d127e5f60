package org.charter.core.assembly.polis;

import java.util.List;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.VoteMatrix;

/**
 * What reading a Polis export gives: the assembly it describes, and notes on anything worth knowing that was not
 * an error (such as participants-votes.csv disagreeing with the vote log, whose latest votes are kept).
 *
 * @param exportedMatrix  the matrix as participants-votes.csv gives it, or null when the file is absent
 */
public record PolisImport(AssemblySnapshot snapshot, VoteMatrix exportedMatrix, List<String> notes) {
    public PolisImport {
        notes = List.copyOf(notes);
    }
}
