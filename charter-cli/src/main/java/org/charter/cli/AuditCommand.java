package org.charter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

import org.charter.core.audit.AuditChain;
import org.charter.core.audit.AuditEntry;
import org.charter.core.audit.AuditJsonLines;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code charter audit ...}: check and read the gateway's hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check and read a hash-chained audit log (JSON Lines).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (verify, show)");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks every entry's sequence number, link to the previous entry and hash; exit 0 when the chain",
                    "is intact, 1 with the first broken entry otherwise. A chain cannot show by itself that entries were",
                    "cut off its end: keep a hash it printed elsewhere and pass it as --checkpoint."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The audit log.")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(names = "--checkpoint", paramLabel = "HASH",
                description = "A hash this log printed before (kept elsewhere): it must still be in the chain.")
        String checkpoint;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (checkpoint != null && !checkpoint.matches("[0-9a-f]{64}"))
                throw new UsageException("--checkpoint: not 64 lowercase hex digits: " + checkpoint);
            AuditChain.Verification v;
            long[] checkpointSeq = {-1};
            try (InputStream in = Files.newInputStream(file); Reader r = AuditJsonLines.strictUtf8(in)) {
                v = AuditJsonLines.verify(r, e -> {
                    if (e.hash().equals(checkpoint)) checkpointSeq[0] = e.seq();
                });
            }
            boolean checkpointMissing = checkpoint != null && v.ok() && checkpointSeq[0] < 0;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                var o = AuditJsonLines.toJson(v);
                o.put("file", file.toString());
                if (checkpoint != null) {
                    var c = o.putObject("checkpoint");
                    c.put("hash", checkpoint);
                    if (checkpointSeq[0] >= 0) c.put("seq", checkpointSeq[0]);
                    else c.putNull("seq");
                    if (checkpointMissing) o.put("ok", false);
                }
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
                out.flush();
                return v.ok() && !checkpointMissing ? 0 : 1;
            } else if (checkpointMissing) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("charter: " + file + ": checkpoint " + checkpoint.substring(0, 12) + "... is not in the chain ("
                        + v.entriesChecked() + " intact entries): entries were cut off the end, or this is another log");
                err.flush();
                return 1;
            } else if (v.ok()) {
                out.println(v.entriesChecked() + " entries, chain intact"
                        + (v.entriesChecked() == 0 ? " (empty log)" : ", last hash " + v.lastHash())
                        + (checkpoint == null ? "" : ", checkpoint at entry seq " + checkpointSeq[0]));
            } else {
                PrintWriter err = spec.commandLine().getErr();
                err.println("charter: " + file + ": " + v.firstBreak().orElseThrow().describe());
                err.flush();
            }
            out.flush();
            return v.ok() ? 0 : 1;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Prints the entries (seq, time, hash prefix, payload), checking the chain as it reads; stops with",
                    "exit 1 at the first broken entry, after printing the intact ones."})
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The audit log.")
        Path file;

        @Option(names = "--last", paramLabel = "N", description = "Only the last N intact entries.")
        Integer last;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (last != null && last < 0) throw new UsageException("--last: must be >= 0, got " + last);
            ArrayDeque<AuditEntry> kept = new ArrayDeque<>();
            AuditChain.Verification v;
            try (InputStream in = Files.newInputStream(file); Reader r = AuditJsonLines.strictUtf8(in)) {
                v = AuditJsonLines.verify(r, e -> {
                    kept.addLast(e);
                    if (last != null && kept.size() > last) kept.removeFirst();
                });
            }
            PrintWriter out = spec.commandLine().getOut();
            for (AuditEntry e : kept)
                out.println(e.seq() + "  " + e.at() + "  " + e.hash().substring(0, 12) + "  " + e.payload());
            out.flush();
            if (v.ok()) return 0;
            PrintWriter err = spec.commandLine().getErr();
            err.println("charter: " + file + ": " + v.firstBreak().orElseThrow().describe());
            err.flush();
            return 1;
        }
    }
}
