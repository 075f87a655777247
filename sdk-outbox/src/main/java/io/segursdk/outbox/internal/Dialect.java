package io.segursdk.outbox.internal;

import io.segursdk.outbox.OutboxException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the outbox supports, and how it recognises them. */
public enum Dialect {
    /** H2 2.x: the embedded default. */
    H2("h2"),
    /** PostgreSQL 12 and later: claims rows with {@code FOR UPDATE SKIP LOCKED}. */
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** @return the resource folder holding this dialect's migrations */
    String folder() {
        return folder;
    }

    /**
     * @param connection an open connection
     * @return the dialect of the database behind it
     * @throws SQLException when the metadata cannot be read
     */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new OutboxException(OutboxException.Kind.STORAGE,
                "unsupported database for the outbox: " + product + " (supported: H2, PostgreSQL)", false, null);
    }
}
