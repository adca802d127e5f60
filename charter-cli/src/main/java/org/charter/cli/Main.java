package org.charter.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/** Entry point of the {@code charter} command. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != CharterCommand.KEEP_RUNNING) System.exit(code);
    }

    /**
     * Runs the command and returns its exit code: 0 success, 1 failure, 2 usage error. Usage errors and failures
     * print one line on stderr ("charter: ..."); {@code --verbose} adds the stack trace.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cmd = new CommandLine(new CharterCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((e, a) -> {
            CommandLine failed = e.getCommandLine();
            err.println("charter: " + e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            if (verbose(a)) e.printStackTrace(err);
            err.flush();
            return 2;
        });
        cmd.setExecutionExceptionHandler((e, failed, parseResult) -> {
            err.println("charter: " + Failures.describe(e));
            if (verbose(args)) e.printStackTrace(err);
            err.flush();
            return e instanceof UsageException ? 2 : 1;
        });
        return cmd.execute(args);
    }

    private static boolean verbose(String[] args) {
        for (String a : args) if (a.equals("--verbose")) return true;
        return false;
    }
}
