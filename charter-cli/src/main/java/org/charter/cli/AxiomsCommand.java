package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.choice.Axioms;
import org.charter.core.choice.Election;
import org.charter.core.choice.OrdinalElection;
import org.charter.core.choice.Rules;
import org.charter.core.choice.SingleWinnerRule;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter axioms FILE --rule R}: which axioms the rule satisfies on this profile, with counterexamples. */
@Command(name = "axioms", mixinStandardHelpOptions = true,
        description = {"Check a single-winner rule on a ranked election against Condorcet winner and loser, Pareto, Smith,",
                "majority, monotonicity (one-ballot lifts), participation (one ballot removed or added) and independence",
                "of clones (one candidate duplicated); violations come with the modified profile and the changed result."})
final class AxiomsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The election file (PrefLib .soc/.soi/.toc/.toi or JSON ballots).")
    Path file;

    @Option(names = "--rule", required = true, paramLabel = "R", description = "A rule id (see charter vote --list-rules).")
    String rule;

    @Option(names = "--truncated", paramLabel = "below|incomparable", defaultValue = "incomparable",
            description = "How truncated ballots compare ranked with unranked candidates (default: ${DEFAULT-VALUE}).")
    String truncated;

    @Option(names = "--json", description = "Print {\"rule\":...,\"axioms\":[{\"axiom\":...,\"status\":...,\"detail\":...,\"counterexample\":{...}}]}.")
    boolean json;

    @Option(names = "--size", paramLabel = "K", description = "For a committee rule: the committee size (default: the file's).")
    Integer size;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (org.charter.core.choice.committee.CommitteeRules.find(rule).isPresent()) {
            // A committee rule: JR, PJR, EJR and priceability of its committees, as `charter committee --axioms` reports them.
            var args = new java.util.ArrayList<>(List.of(file.toString(), "--rule", rule, "--axioms"));
            if (size != null) args.addAll(List.of("--size", size.toString()));
            if (json) args.add("--json");
            if (rule.equals("greedy-monroe")) args.add("--resolute");
            var committee = new picocli.CommandLine(new CommitteeCommand());
            committee.setOut(spec.commandLine().getOut());
            committee.setErr(spec.commandLine().getErr());
            committee.setParameterExceptionHandler(spec.commandLine().getParameterExceptionHandler());
            committee.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
            return committee.execute(args.toArray(new String[0]));
        }
        if (!Rules.has(rule)) throw new UsageException("unknown rule \"" + rule + "\" (see charter vote --list-rules and charter committee --list-rules)");
        SingleWinnerRule r = Rules.get(rule);
        var truncation = ElectionFiles.truncation(truncated);
        Election e = ElectionFiles.read(file, truncation);
        OrdinalElection o = r.ordinal(e);
        List<Axioms.Report> reports = Axioms.check(o.profile(), truncation, r);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("rule", rule);
            root.put("winners", r.apply(o).winnerNames());
            root.put("axioms", reports.stream().map(Axioms.Report::toJson).toList());
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            out.println(rule + ": winners " + String.join(", ", r.apply(o).winnerNames()));
            for (Axioms.Report a : reports) {
                out.printf("  %-22s %-14s %s%n", a.axiom(), a.status().name().toLowerCase().replace('_', '-'), a.detail());
            }
        }
        out.flush();
        return 0;
    }
}
