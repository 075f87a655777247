package io.segursdk.outbox;

/**
 * Told of each status change made through one {@link Outbox} instance (by its own calls and by the workers it
 * started). Changes made by other processes sharing the database are not reported: query them with
 * {@link Outbox#query(OutboxQuery)}.
 *
 * <p>Called on the thread that made the change, after it was committed; keep it short. An exception thrown by a
 * listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface OutboxListener {

    /**
     * @param item     the item as it now is
     * @param previous its status before the change, or {@code null} when it was just enqueued
     */
    void statusChanged(OutboxItem item, OutboxStatus previous);
}
