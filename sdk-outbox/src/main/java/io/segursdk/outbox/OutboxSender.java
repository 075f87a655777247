package io.segursdk.outbox;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends the items of one kind to their service. The SDK's service modules provide one per kind (a DMP feed sender, an
 * MSSanté message sender); a vendor can write its own.
 *
 * <p>Exactly-once in effect rests on two things: each item carries an idempotency key chosen when it was enqueued
 * and sent with it (a DMP document's uniqueId, an MSSanté message's Message-ID); and before any attempt that follows
 * one which may have reached the service (a worker died during it, or it failed ambiguously), the worker calls
 * {@link #alreadyDelivered} and records the item as sent when the service already has it.
 *
 * <p>Implementations must be thread-safe: a worker calls them from several threads at once.
 */
public interface OutboxSender {

    /**
     * Sends one item.
     *
     * @param item     the item (its kind, id and idempotency key; the attempt number is {@link OutboxItem#attempts()})
     * @param metadata the metadata blob given at enqueue, decrypted
     * @param content  the content, decrypted, streamed from storage; read it once, do not close it
     * @return the service's identifiers for the delivered item
     * @throws io.segursdk.core.error.SegurException when it failed: retried later when
     *         {@link io.segursdk.core.error.SegurException#isRetryable()}, else the item becomes
     *         {@link OutboxStatus#FAILED}
     */
    SendResult send(OutboxItem item, byte[] metadata, InputStream content);

    /**
     * Sends one item whose content may be read more than once: the worker calls this method. The default opens the
     * content once and calls {@link #send(OutboxItem, byte[], InputStream)}; a sender that reads the content twice
     * overrides it.
     *
     * @param item     the item
     * @param metadata the metadata blob given at enqueue, decrypted
     * @param content  the content, each {@link ContentSource#open()} streaming it afresh from storage
     * @return the service's identifiers for the delivered item
     * @throws io.segursdk.core.error.SegurException when it failed, as for {@link #send(OutboxItem, byte[], InputStream)}
     */
    default SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
        InputStream in = content.open();
        try {
            return send(item, metadata, in);
        } finally {
            try {
                in.close();
            } catch (java.io.IOException e) {
                // nothing was lost: the content stays in storage
            }
        }
    }

    /**
     * Asks the service whether it already has this item (looked up by {@link OutboxItem#idempotencyKey()}). Called
     * before re-sending an item whose previous attempt may have reached the service.
     *
     * @param item     the item
     * @param metadata the metadata blob given at enqueue, decrypted
     * @return the service's identifiers when it already has the item, else empty
     * @throws io.segursdk.core.error.SegurException when the service cannot tell; the attempt is then counted as
     *         failed (and retried when the exception is retryable), and nothing is sent
     */
    Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata);

    /**
     * The longest one call to {@link #send} or {@link #alreadyDelivered} can last, given the client's configured
     * timeouts and retries, when the sender can tell. The worker refuses to start when its
     * {@link OutboxWorker.Builder#leaseDuration(Duration) lease} is not longer than this: a lease must outlast any send
     * that might still be running, else a worker that lost touch with the database could still be sending when
     * another worker takes the item over, and the item would be sent twice. (While the worker reaches the database it
     * also renews its lease during long sends, such as the streaming of a large document.)
     *
     * @return the bound, or empty when the sender cannot tell (the default: no check)
     */
    default Optional<Duration> maxSendDuration() {
        return Optional.empty();
    }
}
