package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import org.charter.server.web.PasswordHasher;
import org.charter.store.Database;
import org.charter.store.StoreConfig;
import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code charter account}: the first admin from the command line, its password from standard input. */
class AccountCommandTest {
    private static CliTest.Run withStdin(String input, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliTest.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void addAdmin_passwordFromStdin_isStoredAsArgon2id(@TempDir Path tmp) {
        var r = withStdin("a very good password\n", "account", "add", "--role", "admin", "ada", "--data-dir", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Added the admin account ada.");
        try (Database db = Database.open(StoreConfig.sqlite(tmp))) {
            var a = new AccountStore(db, Clock.systemUTC()).findAccount("ada").orElseThrow();
            assertThat(a.role()).isEqualTo(Role.ADMIN);
            assertThat(a.passwordHash()).startsWith("$argon2id$v=19$m=65536,t=3,p=1$").doesNotContain("a very good password");
            assertThat(new PasswordHasher().verify("a very good password".toCharArray(), a.passwordHash())).isTrue();
        }
        assertThat(CliTest.run("account", "list", "--data-dir", tmp.toString()).out()).contains("ada").contains("admin");
        var again = withStdin("another good password\n", "account", "password", "ada", "--data-dir", tmp.toString());
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void refusals_areOneLine(@TempDir Path tmp) {
        var shortPw = withStdin("short\n", "account", "add", "--role", "admin", "ada", "--data-dir", tmp.toString());
        assertThat(shortPw.code()).isEqualTo(2);
        assertThat(shortPw.err()).contains("at least 12 characters");
        var badRole = withStdin("a very good password\n", "account", "add", "--role", "king", "ada", "--data-dir", tmp.toString());
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err().strip().lines()).hasSize(1);
        assertThat(withStdin("", "account", "add", "--role", "admin", "ada", "--data-dir", tmp.toString()).err()).contains("no password");
        withStdin("a very good password\n", "account", "add", "--role", "admin", "ada", "--data-dir", tmp.toString());
        var twice = withStdin("a very good password\n", "account", "add", "--role", "moderator", "ada", "--data-dir", tmp.toString());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("exists already");
        assertThat(CliTest.run("serve", "--vote-limit", "lots").code()).isEqualTo(2);
    }
}
