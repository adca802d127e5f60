package org.charter.server.web;

/**
 * A group of pages (participation, comparison, accounts, moderation...): registers its routes through
 * {@link Web}'s route methods, which render errors as pages and check roles. {@link WebApp} lists every group once.
 */
public interface PageGroup {
    void register(Web web);
}
