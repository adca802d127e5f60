/**
 * A tamper-evident audit log: a linear hash chain of decisions (pure values and the JSON Lines format; the one class
 * that touches files is {@code org.charter.store.audit.AuditLog}).
 *
 * <pre>
 * [1] S. Haber, W. S. Stornetta, "How to time-stamp a digital document", Journal of Cryptology 3(2):99-111, 1991.
 *     (Linking: each record carries the hash of its predecessor, so altering, inserting or removing a record
 *     breaks every link after it.)
 * [2] B. Laurie, A. Langley, E. Kasper, "Certificate Transparency", RFC 6962, IETF, 2013. (Context only: CT logs are
 *     Merkle trees with signed tree heads, inclusion and consistency proofs; this package is a plain linear chain
 *     with neither signatures nor proofs, so it detects changes to the file but not truncation of its tail unless
 *     the last hash is kept somewhere else.)
 * </pre>
 */
package org.charter.core.audit;
