package org.charter.cli;

import org.charter.server.web.RateLimiter;
import org.charter.server.web.WebConfig;

import picocli.CommandLine.Option;

/** {@code charter serve}'s options for the web pages: cookies behind a proxy, and rate limits. */
final class WebOptions {
    @Option(names = "--secure-cookies", description = "Always mark cookies Secure (when users reach the server over https only).")
    boolean secureCookies;

    @Option(names = "--trust-proxy", description = "Believe X-Forwarded-Proto and X-Forwarded-For from a reverse proxy in front of the server.")
    boolean trustProxy;

    @Option(names = "--vote-limit", paramLabel = "BURST/PER_MINUTE", defaultValue = "30/60",
            description = "Votes per participant: a burst, then so many a minute (default: ${DEFAULT-VALUE}).")
    String voteLimit;

    @Option(names = "--vote-limit-per-address", paramLabel = "BURST/PER_MINUTE", defaultValue = "120/600",
            description = "Votes per client address (default: ${DEFAULT-VALUE}).")
    String voteLimitPerAddress;

    @Option(names = "--statement-limit", paramLabel = "BURST/PER_MINUTE", defaultValue = "5/5",
            description = "Statements and comparisons per participant (default: ${DEFAULT-VALUE}).")
    String statementLimit;

    @Option(names = "--statement-limit-per-address", paramLabel = "BURST/PER_MINUTE", defaultValue = "10/30",
            description = "Statements, comparisons and login attempts per client address (default: ${DEFAULT-VALUE}).")
    String statementLimitPerAddress;

    WebConfig config() {
        return WebConfig.defaults().withCookies(secureCookies, trustProxy)
                .withLimits(limit("--vote-limit", voteLimit), limit("--vote-limit-per-address", voteLimitPerAddress),
                        limit("--statement-limit", statementLimit), limit("--statement-limit-per-address", statementLimitPerAddress));
    }

    private static RateLimiter.Limit limit(String option, String value) {
        try {
            return RateLimiter.Limit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
