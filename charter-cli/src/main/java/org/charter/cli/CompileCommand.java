package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.charter.core.charter.CharterCompiler;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.InvalidCharterException;
import org.charter.core.charter.Request;
import org.charter.core.charter.RequestContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter compile CHARTER [--context k=v ...] [--prompt TEXT]}: the system prompt for a request context, or
 * with {@code --prompt} for a request (the clauses {@code charter resolve} finds applicable).
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile the system prompt a charter gives for a request context: the clauses whose scope matches the",
                "context (metadata only), ordered by authority (highest first) and then by their order in the charter, each",
                "labelled with its id and authority, under a header with the charter's id, version and content hash.",
                "The same inputs always give the same bytes, so diffing two versions' prompts shows what changed.",
                "With --prompt, only the clauses that resolution finds applicable to that request (see 'charter resolve')."})
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file (its parents are included).")
    Path file;

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Compile for this user message: the applicable clauses after retrieval and precedence, not every in-scope clause.")
    String prompt;

    @Mixin
    RequestOptions request;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the prompt to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RequestContext ctx = request.context();
        boolean resolving = prompt != null || request.transcript != null;
        Request req = resolving ? request.request(prompt) : null;
        if (!resolving && (request.system != null || request.developer != null)) throw new UsageException("--system and --developer need --prompt");
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        CharterCompiler.CompiledPrompt p = resolving
                ? CharterCompiler.compile(r.effective(), request.resolver(r.effective()).resolve(req).applicableClauses(), ctx)
                : CharterCompiler.compileFor(r.effective(), ctx);
        if (output != null) {
            Files.writeString(output, p.text());
            spec.commandLine().getOut().printf("wrote %s: %d clauses, %s%n", output, p.clauseIds().size(), p.charterHash());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(p.text());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
