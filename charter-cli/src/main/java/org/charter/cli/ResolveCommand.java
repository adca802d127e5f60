package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.Request;
import org.charter.core.charter.Resolution;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter resolve CHARTER --prompt TEXT [--context k=v ...] [--json]}: the clauses that apply to a request. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Resolve a request against a charter: the clauses in scope for its metadata, retrieved by in-process",
                "embeddings (all-MiniLM-L6-v2), the highest authority's never-overridable rules, and the clauses the",
                "request's instructions address; which of them an instruction overrides (a higher authority wins, a later",
                "instruction at the same level supersedes, explicit and implicit overrides as each clause's policy allows,",
                "quoted and tool content carry no authority); conflicts; and whether the charter is silent (a gap).",
                "Every item carries its score and reasons."})
final class ResolveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (its parents are included).")
    Path file;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The user's message.")
    String prompt;

    @Mixin
    RequestOptions options;

    @Option(names = "--json", description = "Print JSON: {charter, version, hash, applicable, overridden, instructions, conflicts, gap, gapReason, ...}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Request request = options.request(prompt);
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        Resolution res = options.resolver(r.effective()).resolve(request);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CanonicalForm.pretty(res.toJson()) : res.describe());
        out.flush();
        return 0;
    }
}
