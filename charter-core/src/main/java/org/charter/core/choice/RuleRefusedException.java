package org.charter.core.choice;

/** A rule cannot run on this election (wrong kind of ballots, too many candidates): the message says why and the limit. */
public final class RuleRefusedException extends IllegalArgumentException {
    public RuleRefusedException(String rule, String reason) {
        super(rule + " refuses: " + reason);
    }
}
