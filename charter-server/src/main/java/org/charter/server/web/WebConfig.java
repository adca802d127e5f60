package org.charter.server.web;

import java.time.Duration;

/**
 * How the web pages run.
 *
 * @param secureCookies       always mark cookies Secure (set when the server is reached over https only)
 * @param trustProxy          believe X-Forwarded-Proto and X-Forwarded-For from a reverse proxy in front of the server
 * @param sessionTtl          how long a participant's session lives
 * @param accountSessionTtl   how long a moderator's or admin's login lives
 * @param votesPerParticipant limit on votes per participant
 * @param votesPerAddress     limit on votes per client address
 * @param statementsPerParticipant limit on statements (and comparisons) per participant
 * @param statementsPerAddress     limit on statements (and comparisons) per client address
 * @param mapRefresh          how old the opinion map the pages use may get before it is recomputed (when votes came in)
 */
public record WebConfig(boolean secureCookies, boolean trustProxy, Duration sessionTtl, Duration accountSessionTtl,
                        RateLimiter.Limit votesPerParticipant, RateLimiter.Limit votesPerAddress,
                        RateLimiter.Limit statementsPerParticipant, RateLimiter.Limit statementsPerAddress,
                        Duration mapRefresh) {
    /** Defaults: 30-day participant sessions, 12-hour logins, 60 votes a minute per participant (burst 30), 600 per
     * address (burst 120), 5 statements a minute per participant (burst 5), 30 per address (burst 10), map at most 10 s old. */
    public static WebConfig defaults() {
        return new WebConfig(false, false, Duration.ofDays(30), Duration.ofHours(12),
                new RateLimiter.Limit(30, 60), new RateLimiter.Limit(120, 600),
                new RateLimiter.Limit(5, 5), new RateLimiter.Limit(10, 30), Duration.ofSeconds(10));
    }

    /** No rate limits (tests and benchmarks that drive many requests from one address). */
    public WebConfig unlimited() {
        return new WebConfig(secureCookies, trustProxy, sessionTtl, accountSessionTtl, RateLimiter.Limit.unlimited(),
                RateLimiter.Limit.unlimited(), RateLimiter.Limit.unlimited(), RateLimiter.Limit.unlimited(), mapRefresh);
    }

    public WebConfig withLimits(RateLimiter.Limit votesParticipant, RateLimiter.Limit votesAddress,
                                RateLimiter.Limit statementsParticipant, RateLimiter.Limit statementsAddress) {
        return new WebConfig(secureCookies, trustProxy, sessionTtl, accountSessionTtl, votesParticipant, votesAddress,
                statementsParticipant, statementsAddress, mapRefresh);
    }

    public WebConfig withCookies(boolean secure, boolean proxy) {
        return new WebConfig(secure, proxy, sessionTtl, accountSessionTtl, votesPerParticipant, votesPerAddress,
                statementsPerParticipant, statementsPerAddress, mapRefresh);
    }

    public WebConfig withMapRefresh(Duration d) {
        return new WebConfig(secureCookies, trustProxy, sessionTtl, accountSessionTtl, votesPerParticipant, votesPerAddress,
                statementsPerParticipant, statementsPerAddress, d);
    }
}
