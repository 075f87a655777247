package io.segursdk.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * What to enqueue: the kind of item (which selects its sender), its idempotency key, a small metadata blob and the
 * content. Built with {@link #builder(String, String)}.
 *
 * <p>The idempotency key is what the service will know the item by, chosen before the first attempt so that every
 * attempt carries the same one: for a DMP feed, the document's uniqueId; for an MSSanté message, its Message-ID. It is
 * unique per kind in an outbox, and it is stored in clear: it must not contain patient data.
 */
public final class EnqueueRequest {

    /** The largest metadata blob accepted, in bytes. */
    public static final int MAX_METADATA_BYTES = 1 << 20;

    private final String kind;
    private final String idempotencyKey;
    private final byte[] metadata;
    private final OutboxContent content;
    private final boolean held;
    private final Instant notBefore;
    private final String route;

    private EnqueueRequest(Builder b) {
        this.kind = b.kind;
        this.idempotencyKey = b.idempotencyKey;
        this.metadata = b.metadata;
        this.content = Objects.requireNonNull(b.content, "content");
        this.held = b.held;
        this.notBefore = b.notBefore;
        this.route = b.route;
    }

    /**
     * @param kind           the kind of item, for example {@code dmp.feed} (letters, digits, '.', '_', '-'; at most
     *                       100 characters)
     * @param idempotencyKey the key the service will know the item by (at most 255 characters, no patient data)
     * @return a builder
     */
    public static Builder builder(String kind, String idempotencyKey) {
        return new Builder(kind, idempotencyKey);
    }

    /** @return the kind of item */
    public String kind() {
        return kind;
    }

    /** @return the idempotency key */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** @return a copy of the metadata blob */
    public byte[] metadata() {
        return metadata.clone();
    }

    /** @return the content */
    public OutboxContent content() {
        return content;
    }

    /** @return whether the item is enqueued {@link OutboxStatus#HELD} */
    public boolean held() {
        return held;
    }

    /** @return the earliest time the item may be sent, or {@code null} for now */
    public Instant notBefore() {
        return notBefore;
    }

    /**
     * @return the route: which registered sender (hence which professional's or structure's identity) sends the
     *         item, or {@code null} when the kind has a single sender (see {@link RoutedSender})
     */
    public String route() {
        return route;
    }

    /** Builds an {@link EnqueueRequest}. Not thread-safe. */
    public static final class Builder {
        private final String kind;
        private final String idempotencyKey;
        private byte[] metadata = new byte[0];
        private OutboxContent content;
        private boolean held;
        private Instant notBefore;
        private String route;

        private Builder(String kind, String idempotencyKey) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            if (kind.isEmpty() || kind.length() > 100 || !kind.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a kind is 1 to 100 letters, digits, '.', '_' or '-': " + kind);
            }
            if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255) {
                throw new IllegalArgumentException("an idempotency key is 1 to 255 characters");
            }
            this.kind = kind;
            this.idempotencyKey = idempotencyKey;
        }

        /**
         * @param metadata a small blob the item's sender understands (for a DMP feed, the document's metadata), at
         *                 most {@link #MAX_METADATA_BYTES}; encrypted at rest when the outbox has a key
         * @return this builder
         */
        public Builder metadata(byte[] metadata) {
            if (metadata.length > MAX_METADATA_BYTES) {
                throw new IllegalArgumentException("metadata is limited to " + MAX_METADATA_BYTES + " bytes");
            }
            this.metadata = metadata.clone();
            return this;
        }

        /**
         * @param content the content to send
         * @return this builder
         */
        public Builder content(OutboxContent content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /**
         * @param held whether to enqueue the item {@link OutboxStatus#HELD}, to be released later
         * @return this builder
         */
        public Builder held(boolean held) {
            this.held = held;
            return this;
        }

        /**
         * @param notBefore the earliest time the item may be sent
         * @return this builder
         */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
            return this;
        }

        /**
         * Ties the item to the sender that must send it, chosen at send time by a {@link RoutedSender} (for
         * example the professional whose identity signs the feed or whose mailbox sends the message). The route is
         * a name for a registered sender, stored in clear: never a credential, never patient data.
         *
         * @param route letters, digits and {@code . _ - @ +}, 1 to 200 characters (an RPPS number, a mailbox
         *              address...)
         * @return this builder
         */
        public Builder route(String route) {
            this.route = RoutedSender.checkRoute(route);
            return this;
        }

        /** @return the request; the content must have been set */
        public EnqueueRequest build() {
            if (content == null) {
                throw new IllegalStateException("content is required (OutboxContent.of(...) or reference(...))");
            }
            return new EnqueueRequest(this);
        }
    }
}
