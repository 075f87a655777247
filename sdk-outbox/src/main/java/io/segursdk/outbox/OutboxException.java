package io.segursdk.outbox;

import io.segursdk.core.error.SegurException;

/**
 * The outbox could not do what was asked: its database failed ({@link Kind#STORAGE}), or an item's stored content or
 * metadata could not be read back ({@link Kind#CONTENT}: wrong or missing encryption key, data altered, referenced
 * file gone). Messages name items by their id only, never by anything about the patient.
 */
public class OutboxException extends SegurException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The database failed or refused (connection, SQL error, schema newer than this library). */
        STORAGE,
        /** Stored content or metadata cannot be read: wrong or missing key, altered data, missing referenced file. */
        CONTENT,
        /** No sender is registered for the item's route ({@link RoutedSender}); the item fails with this reason. */
        ROUTE
    }

    private final Kind kind;

    /**
     * @param kind      what went wrong
     * @param message   description, free of patient data
     * @param retryable whether the same operation may succeed later
     * @param cause     the cause, or {@code null}
     */
    public OutboxException(Kind kind, String message, boolean retryable, Throwable cause) {
        super(message, "outbox", null, null, null, retryable, cause);
        this.kind = kind;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }
}
