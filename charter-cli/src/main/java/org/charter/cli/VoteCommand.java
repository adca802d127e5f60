package org.charter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.charter.core.choice.Election;
import org.charter.core.choice.RuleResult;
import org.charter.core.choice.Rules;
import org.charter.core.choice.SingleWinnerRule;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter vote FILE --rule R ...}: runs single-winner rules on an election file and prints winners with evidence. */
@Command(name = "vote", mixinStandardHelpOptions = true,
        description = {"Run single-winner voting rules on an election: PrefLib .soc/.soi/.toc/.toi (by extension) or JSON",
                "({\"candidates\":[...],\"ballots\":[{\"ranking\":[[\"a\"],[\"b\",\"c\"]],\"count\":3}]}, or \"grades\" / \"approvals\").",
                "Every rule returns all tied winners; the resolute tie-break is the lowest candidate index."})
final class VoteCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The election file.")
    Path file;

    @Option(names = "--rule", paramLabel = "R", description = "A rule id (repeatable); see --list-rules.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--truncated", paramLabel = "below|incomparable", defaultValue = "incomparable",
            description = "How truncated ballots compare ranked with unranked candidates (default: ${DEFAULT-VALUE}).")
    String truncated;

    @Option(names = "--json", description = "Print {\"results\":[{\"rule\":...,\"winners\":[...],\"explanation\":{...}}]}.")
    boolean json;

    @Option(names = "--list-rules", description = "List every rule id with one line and its citation.")
    boolean listRules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listRules) {
            for (SingleWinnerRule r : Rules.all()) out.printf("%-19s %s [%s]%n", r.id(), r.summary(), r.citation());
            out.flush();
            return 0;
        }
        if (file == null) throw new UsageException("an election FILE is needed (or --list-rules)");
        if (rules.isEmpty()) throw new UsageException("at least one --rule is needed (see charter vote --list-rules)");
        List<SingleWinnerRule> chosen = new ArrayList<>();
        for (String id : rules) {
            if (!Rules.has(id)) throw new UsageException("unknown rule \"" + id + "\" (see charter vote --list-rules)");
            chosen.add(Rules.get(id));
        }
        Election election = ElectionFiles.read(file, ElectionFiles.truncation(truncated));
        List<RuleResult> results = new ArrayList<>();
        for (SingleWinnerRule r : chosen) results.add(r.apply(election));
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("results", results.stream().map(RuleResult::toJson).toList());
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            for (RuleResult r : results) out.print(r.describe());
        }
        out.flush();
        return 0;
    }
}
