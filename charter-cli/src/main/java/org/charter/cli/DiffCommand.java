package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.CharterDiff;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter diff A B}: what changed between two charter versions. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two charters (usually two versions of one): header, parties, policy, clauses added, removed and",
                "changed field by field (old and new values; texts as line diffs), precedents added, removed and changed.",
                "Charters with parents are compared in their effective form unless --as-written. Exit 0 whether or not",
                "they differ; 1 when either is invalid (every problem listed)."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "The old charter.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The new charter.")
    Path b;

    @Option(names = "--json", description = "Print the diff as one JSON object.")
    boolean json;

    @Option(names = "--as-written", description = "Compare the files as written, without their parents' clauses.")
    boolean asWritten;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CharterResolver.Resolved ra, rb;
        try {
            ra = CharterFiles.load(a);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        try {
            rb = CharterFiles.load(b);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        CharterDiff d = asWritten ? CharterDiff.between(ra.chain().get(0).charter(), rb.chain().get(0).charter())
                : CharterDiff.between(ra.effective(), rb.effective());
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.print(CanonicalForm.pretty(new ObjectMapper().valueToTree(d)));
        else out.print(d.toText());
        out.flush();
        return 0;
    }
}
