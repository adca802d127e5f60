package org.charter.server.web;

import java.time.Clock;
import java.time.Duration;

import org.charter.core.assembly.AssemblySettings;
import org.charter.core.assembly.Moderation;
import org.charter.server.CharterServer;
import org.charter.server.ServerConfig;
import org.charter.store.AssemblyStore;
import org.charter.store.Database;
import org.charter.store.StoreKind;
import org.charter.store.TestDatabases;
import org.charter.store.web.AccountStore;
import org.charter.store.web.AccountStore.Role;
import org.charter.store.web.ComparisonStore;

/**
 * A real Charter server on a random loopback port over a fresh SQLite store, for page tests: the test shares the
 * server's {@link Database}, so it can set things up (and check them) through the stores directly.
 */
public final class WebTestServer implements AutoCloseable {
    /** A password the test accounts share. */
    public static final String PASSWORD = "correct horse battery staple";

    public final Database db;
    public final CharterServer server;
    public final Clock clock = Clock.systemUTC();
    public final AssemblyStore assemblies;
    public final AccountStore accounts;
    public final ComparisonStore comparisons;

    private WebTestServer(WebConfig config) {
        db = TestDatabases.open(StoreKind.SQLITE);
        server = CharterServer.create(new ServerConfig("127.0.0.1", 0, 500, Duration.ofSeconds(2)), db, clock, null, config).start();
        assemblies = new AssemblyStore(db, clock);
        accounts = new AccountStore(db, clock);
        comparisons = new ComparisonStore(db, clock);
    }

    /** A server without rate limits. */
    public static WebTestServer start() {
        return new WebTestServer(WebConfig.defaults().unlimited());
    }

    public static WebTestServer start(WebConfig config) {
        return new WebTestServer(config);
    }

    public String url(String path) {
        return server.baseUrl() + path;
    }

    /** An assembly with these settings and seed statements (accepted by a moderator, so strict assemblies show them). */
    public long assembly(String topic, AssemblySettings settings, String... statements) {
        long id = assemblies.createAssembly(topic, "", settings).id();
        for (String s : statements) assemblies.addStatement(id, s, null, false, true, Moderation.ACCEPTED, 500);
        return id;
    }

    /** An account named {@code name} with {@link #PASSWORD}. */
    public void account(String name, Role role) {
        accounts.addAccount(name, role, new PasswordHasher().hash(PASSWORD.toCharArray()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
