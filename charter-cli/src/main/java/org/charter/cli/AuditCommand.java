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
                    "is intact, 1 with the first broken entry otherwise. A chain cannot show that entries were cut off",
                    "its end: compare the last hash with a copy kept elsewhere."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The audit log.")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            AuditChain.Verification v;
            try (InputStream in = Files.newInputStream(file); Reader r = AuditJsonLines.strictUtf8(in)) {
                v = AuditJsonLines.verify(r, e -> { });
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                var o = AuditJsonLines.toJson(v);
                o.put("file", file.toString());
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else if (v.ok()) {
                out.println(v.entriesChecked() + " entries, chain intact"
                        + (v.entriesChecked() == 0 ? " (empty log)" : ", last hash " + v.lastHash()));
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
