package org.charter.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.charter.server.web.PasswordHasher;
import org.charter.store.Database;
import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Role;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charter account ...}: moderator and admin accounts of the web pages. A password is never an argument (it
 * would show in the process list and shell history): it comes from $CHARTER_ACCOUNT_PASSWORD, else is typed twice at
 * the terminal, else is the first line of standard input.
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Moderator and admin accounts of the web pages.",
        subcommands = {AccountCommand.Add.class, AccountCommand.ListAccounts.class, AccountCommand.Password.class})
final class AccountCommand implements Runnable {
    static final String PASSWORD_ENV = "CHARTER_ACCOUNT_PASSWORD";
    static final int MIN_PASSWORD = 12;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (add, list, password)");
    }

    /** The new password, from the environment, the terminal or standard input; checked for length. */
    static char[] readPassword() {
        String env = System.getenv(PASSWORD_ENV);
        char[] pw;
        if (env != null && !env.isEmpty()) {
            pw = env.toCharArray();
        } else {
            Console console = System.console();
            if (interactive(console)) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Again: ");
                if (first == null || second == null || !Arrays.equals(first, second)) throw new UsageException("the two passwords differ");
                pw = first;
            } else {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (line == null) throw new UsageException("no password: set " + PASSWORD_ENV + " or give it on standard input");
                    pw = line.toCharArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (pw.length < MIN_PASSWORD) throw new UsageException("the password must be at least " + MIN_PASSWORD + " characters long");
        return pw;
    }

    /** Whether the console is a terminal (JDK 22+ returns a console even when input is redirected: ask it). */
    private static boolean interactive(Console console) {
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless interactive
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add an account (the first admin, for instance). The password comes from $" + PASSWORD_ENV + ",",
                    "else is typed twice at the terminal, else is the first line of standard input; at least " + MIN_PASSWORD + " characters.",
                    "It is stored as an Argon2id hash (64 MiB, 3 iterations)."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Login name: letters, digits, . _ @ - (at most 64).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "moderator or admin.")
        String role;

        @Mixin
        StoreOptions storeOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Role r;
            try {
                r = Role.fromApiName(role);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--role: " + e.getMessage());
            }
            char[] pw = readPassword();
            try (Database db = storeOptions.open()) {
                new AccountStore(db, Clock.systemUTC()).addAccount(name, r, new PasswordHasher().hash(pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
            spec.commandLine().getOut().println("Added the " + r.apiName() + " account " + name + ".");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts: name, role, creation time.")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin
        StoreOptions storeOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = storeOptions.open()) {
                var accounts = new AccountStore(db, Clock.systemUTC()).accounts();
                if (accounts.isEmpty()) out.println("No accounts.");
                for (var a : accounts) out.printf("%-24s %-10s %s%n", a.name(), a.role().apiName(), a.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set an account's password (read as for add).")
    static final class Password implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        StoreOptions storeOptions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            char[] pw = readPassword();
            try (Database db = storeOptions.open()) {
                new AccountStore(db, Clock.systemUTC()).setPassword(name, new PasswordHasher().hash(pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
            spec.commandLine().getOut().println("Set the password of " + name + ".");
            return 0;
        }
    }
}
