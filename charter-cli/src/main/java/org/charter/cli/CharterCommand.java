package org.charter.cli;

import org.charter.server.Version;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code charter} command: one subcommand per engine. */
@Command(name = "charter",
        mixinStandardHelpOptions = true,
        versionProvider = CharterCommand.VersionProvider.class,
        description = "Charter: a community writes, votes on and amends the charter its language model lives by.",
        subcommands = {ServeCommand.class, AccountCommand.class, AssemblyCommand.class, OpinionCommand.class, VoteCommand.class, AxiomsCommand.class,
                CommitteeCommand.class, WelfareCommand.class, ShapleyCommand.class, PrefsCommand.class,
                ImportSpecCommand.class, ValidateCommand.class, DiffCommand.class, CompileCommand.class, ResolveCommand.class,
                JudgeCommand.class, DecideCommand.class, ReviseCommand.class, EvalCommand.class, DistanceCommand.class, CaseCommand.class,
                AmendCommand.class, ChartersCommand.class, ExportCommand.class, LlmCommand.class, AuditCommand.class, BenchCommand.class},
        usageHelpAutoWidth = true)
public final class CharterCommand implements Runnable {
    /** A code no command returns: serve keeps the JVM alive and exits by signal. */
    static final int KEEP_RUNNING = Integer.MIN_VALUE;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"charter " + Version.current()};
        }
    }
}
