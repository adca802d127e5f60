package org.charter.server;

import java.time.Duration;

/**
 * How the HTTP server runs.
 *
 * @param maxStatementLength  the longest statement text accepted, in characters
 * @param shutdownGrace       how long a stop waits for requests in flight before closing their connections
 */
public record ServerConfig(String host, int port, int maxStatementLength, Duration shutdownGrace) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        if (maxStatementLength < 1) throw new IllegalArgumentException("the statement length limit must be positive");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, org.charter.core.assembly.Statement.DEFAULT_MAX_LENGTH, Duration.ofSeconds(30));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxStatementLength, shutdownGrace);
    }
}
