package io.segursdk.mssante;

/** The IMAP system flags a client may set or clear on a message. */
public enum MessageFlag {
    /** Read. */
    SEEN,
    /** Marked for attention. */
    FLAGGED,
    /** Replied to. */
    ANSWERED,
    /** Marked for deletion (removed on expunge). */
    DELETED
}
