package io.segursdk.outbox;

/**
 * Where an {@link OutboxItem} stands. See docs/outbox.md for the lifecycle diagram.
 *
 * <ul>
 *   <li>{@link #PENDING} → {@link #SENDING} (a worker claimed it) → {@link #SENT}, back to {@link #PENDING}
 *       (retryable failure, with a later next-attempt time) or {@link #FAILED} (permanent failure, or too many
 *       attempts).</li>
 *   <li>{@link #PENDING} ⇄ {@link #HELD} by {@link Outbox#hold(String)} and {@link Outbox#release(String)};
 *       {@link #FAILED} → {@link #PENDING} by {@link Outbox#release(String)} (a manual retry).</li>
 *   <li>{@link #PENDING}, {@link #HELD} or {@link #FAILED} → {@link #CANCELLED} by {@link Outbox#cancel(String)}.</li>
 * </ul>
 */
public enum OutboxStatus {
    /** Waiting to be sent, at or after its next-attempt time. */
    PENDING,
    /** Kept back by the user; no worker sends it until it is released. */
    HELD,
    /** Claimed by a worker, which holds a lease on it while it sends. */
    SENDING,
    /** Delivered; the service's identifiers are recorded. Final. */
    SENT,
    /** Dead letter: a permanent failure or too many attempts; the reason is in the item's last error. */
    FAILED,
    /** Withdrawn by the user before it was sent. Final. */
    CANCELLED;

    /** @return whether no further change can happen to an item in this status */
    public boolean isFinal() {
        return this == SENT || this == CANCELLED;
    }
}
