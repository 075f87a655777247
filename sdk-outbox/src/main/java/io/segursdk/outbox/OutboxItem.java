package io.segursdk.outbox;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of one item of the outbox: immutable, read from the database at one moment. Its metadata and content
 * are not held here (they may be large and are possibly encrypted): read them with {@link Outbox#readMetadata(String)}
 * and {@link Outbox#openContent(String)}.
 */
public final class OutboxItem {

    private final String id;
    private final String kind;
    private final String idempotencyKey;
    private final OutboxStatus status;
    private final int attempts;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant nextAttemptAt;
    private final OutboxError lastError;
    private final Map<String, String> serviceIds;
    private final long contentLength;
    private final boolean encrypted;
    private final String route;
    private final Instant sendStartedAt;

    /**
     * Made by the outbox; public for tests of senders.
     *
     * @param id             the item's stable id
     * @param kind           the kind of item, which selects its sender (for example {@code dmp.feed})
     * @param idempotencyKey the key the service knows the item by
     * @param status         its status
     * @param attempts       the number of send attempts started so far
     * @param createdAt      when it was enqueued
     * @param updatedAt      when it last changed
     * @param nextAttemptAt  when it may next be sent
     * @param lastError      the last failure, or {@code null}
     * @param serviceIds     the service's identifiers once sent (empty before)
     * @param contentLength  the content's length in bytes
     * @param encrypted      whether its metadata and content are encrypted at rest
     */
    public OutboxItem(String id, String kind, String idempotencyKey, OutboxStatus status, int attempts,
                      Instant createdAt, Instant updatedAt, Instant nextAttemptAt, OutboxError lastError,
                      Map<String, String> serviceIds, long contentLength, boolean encrypted) {
        this(id, kind, idempotencyKey, status, attempts, createdAt, updatedAt, nextAttemptAt, lastError, serviceIds,
                contentLength, encrypted, null, null);
    }

    /**
     * Made by the outbox; public for tests of senders.
     *
     * @param id             the item's stable id
     * @param kind           the kind of item, which selects its sender (for example {@code dmp.feed})
     * @param idempotencyKey the key the service knows the item by
     * @param status         its status
     * @param attempts       the number of send attempts started so far
     * @param createdAt      when it was enqueued
     * @param updatedAt      when it last changed
     * @param nextAttemptAt  when it may next be sent
     * @param lastError      the last failure, or {@code null}
     * @param serviceIds     the service's identifiers once sent (empty before)
     * @param contentLength  the content's length in bytes
     * @param encrypted      whether its metadata and content are encrypted at rest
     * @param route          the route naming the sender that must send it, or {@code null}
     * @param sendStartedAt  when its last send call started, or {@code null} if none ever started
     */
    public OutboxItem(String id, String kind, String idempotencyKey, OutboxStatus status, int attempts,
                      Instant createdAt, Instant updatedAt, Instant nextAttemptAt, OutboxError lastError,
                      Map<String, String> serviceIds, long contentLength, boolean encrypted, String route,
                      Instant sendStartedAt) {
        this.route = route;
        this.sendStartedAt = sendStartedAt;
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        this.status = Objects.requireNonNull(status, "status");
        this.attempts = attempts;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.nextAttemptAt = Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        this.lastError = lastError;
        this.serviceIds = Collections.unmodifiableMap(new TreeMap<>(serviceIds));
        this.contentLength = contentLength;
        this.encrypted = encrypted;
    }

    /** @return the item's stable id (a UUID), given at enqueue */
    public String id() {
        return id;
    }

    /** @return the kind of item, which selects its sender (for example {@code dmp.feed}, {@code mssante.message}) */
    public String kind() {
        return kind;
    }

    /** @return the key the service knows the item by (a DMP uniqueId, a Message-ID), unique per kind */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** @return the item's status */
    public OutboxStatus status() {
        return status;
    }

    /** @return the number of send attempts started so far (including one in progress) */
    public int attempts() {
        return attempts;
    }

    /** @return when the item was enqueued */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the item last changed */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** @return when the item may next be sent (for a pending item) */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** @return the last failure recorded, if any (for a failed item, the reason it failed) */
    public Optional<OutboxError> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** @return the service's identifiers, once sent (for example {@code uniqueId}, {@code messageId}) */
    public Map<String, String> serviceIds() {
        return serviceIds;
    }

    /** @return the content's length in bytes */
    public long contentLength() {
        return contentLength;
    }

    /** @return whether the item's metadata and stored content are encrypted at rest */
    public boolean encrypted() {
        return encrypted;
    }

    /**
     * @return the route given at enqueue ({@link EnqueueRequest.Builder#route(String)}): the name of the registered
     *         sender that must send this item, if any
     */
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    /**
     * When the worker last started a send call for this item (recorded just before the call, while its claim held).
     * A sender's {@link OutboxSender#alreadyDelivered} check can measure from it how long the service has had to
     * show an earlier delivery (for example the lag of an MSSanté delivery status notification).
     *
     * @return the start of the last send call, or empty if no send call ever started
     */
    public Optional<Instant> sendStartedAt() {
        return Optional.ofNullable(sendStartedAt);
    }

    /** Names the item by id, kind and status only. */
    @Override
    public String toString() {
        return "OutboxItem[" + id + ", " + kind + ", " + status + ", attempts=" + attempts + "]";
    }
}
