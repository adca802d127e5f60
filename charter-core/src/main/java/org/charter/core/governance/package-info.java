/**
 * Governance: how an assembly's votes and a panel's rulings become the next version of a charter. {@link
 * org.charter.core.governance.Ratification} turns statements into clauses by a rule the moderator picks ({@link
 * org.charter.core.governance.RatificationRule}); {@link org.charter.core.governance.Panel} turns several panellists'
 * rulings on an open case into one outcome, which {@link org.charter.core.charter.Adjudication} makes a precedent.
 * Everything here is a pure function over immutable values.
 */
package org.charter.core.governance;
