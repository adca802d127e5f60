package org.charter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.charter.CanonicalForm;
import org.charter.core.charter.Charter;
import org.charter.core.charter.CharterResolver;
import org.charter.core.charter.Clause;
import org.charter.core.charter.InvalidCharterException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter validate CHARTER}: checks a charter and its parents, listing every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a charter (YAML or JSON) and its chain of parents. Valid: exit 0 and a summary. Invalid: exit 1",
                "and every problem on stderr, one per line as 'file: path: reason' (with the line when known)."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHARTER", description = "The charter file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CharterResolver.Resolved r;
        try {
            r = CharterFiles.load(file);
        } catch (InvalidCharterException e) {
            return CharterFiles.report(e, spec.commandLine().getErr());
        }
        PrintWriter out = spec.commandLine().getOut();
        Charter own = r.chain().get(0).charter();
        Charter eff = r.effective();
        out.printf("%s: valid charter %s version %s%s%n", file, eff.id(), eff.version(), eff.title().map(t -> " (" + t + ")").orElse(""));
        out.printf("  content hash %s%n", CanonicalForm.hash(own));
        if (r.chain().size() > 1) {
            StringBuilder chain = new StringBuilder();
            for (int i = 1; i < r.chain().size(); i++) {
                CharterResolver.Loaded p = r.chain().get(i);
                chain.append(i > 1 ? " <- " : "").append(p.charter().id()).append(' ').append(p.charter().version()).append(" (").append(p.fileName()).append(')');
            }
            out.printf("  inherits from %s%n", chain);
            out.printf("  own clauses %d; effective hash %s%n", own.clauses().size(), CanonicalForm.hash(eff));
        }
        Map<String, Integer> per = new LinkedHashMap<>();
        eff.parties().forEach(p -> per.put(p, 0));
        for (Clause c : eff.clauses()) per.merge(c.authority(), 1, Integer::sum);
        StringBuilder parts = new StringBuilder();
        per.forEach((p, n) -> parts.append(parts.length() == 0 ? "" : ", ").append(p).append(' ').append(n));
        long examples = eff.clauses().stream().mapToLong(c -> c.examples().size()).sum();
        out.printf("  parties (highest first) %s%n", String.join(" > ", eff.parties()));
        out.printf("  %d clauses (%s), %d examples, %d precedents%n", eff.clauses().size(), parts, examples, eff.precedents().size());
        var pol = eff.policyOrDefault();
        out.printf("  policy: on gap %s, on conflict %s, model unreachable %s%n", pol.onGap().wireName(), pol.onConflict().wireName(),
                pol.onUnreachable().wireName());
        out.flush();
        return 0;
    }
}
