package org.charter.store;

import java.util.Locale;

/** The two databases Charter runs on. */
public enum StoreKind {
    SQLITE, POSTGRESQL;

    /** The name /health reports: "sqlite" or "postgresql". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
