package org.charter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code charter prefs ...}: reward models learned from comparisons. */
@Command(name = "prefs", mixinStandardHelpOptions = true, description = "Learn rewards from comparisons.",
        subcommands = {PrefsFitCommand.class, PrefsMixtureCommand.class, PrefsGroupsCommand.class, PrefsEvalHhCommand.class})
final class PrefsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }
}
