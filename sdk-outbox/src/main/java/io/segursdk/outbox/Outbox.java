package io.segursdk.outbox;

import io.segursdk.outbox.internal.ContentCipher;
import io.segursdk.outbox.internal.Dialect;
import io.segursdk.outbox.internal.EmbeddedDatabase;
import io.segursdk.outbox.internal.JdbcStore;
import io.segursdk.outbox.internal.SchemaMigrator;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable outbox: items (DMP feeds, MSSanté messages, ...) stored in a database until a {@link OutboxWorker} has
 * delivered them, with retries, a dead-letter state and an exactly-once check before any re-send.
 *
 * <p>Storage is an embedded H2 file database in a directory of the vendor's choice (a desktop install:
 * {@link Builder#embedded(Path)}), or any {@link DataSource} the vendor supplies, H2 or PostgreSQL (several instances
 * sharing one database: {@link Builder#dataSource(DataSource)}). The library creates and migrates its tables
 * ({@code outbox_item}, {@code outbox_chunk}, {@code outbox_schema_version}) when the outbox is built.
 *
 * <p>Thread-safe. Close it when done: it closes the embedded database (a vendor's data source is left open) and
 * stops the workers it started.
 *
 * <pre>{@code
 * try (Outbox outbox = Outbox.builder().embedded(appDataDir.resolve("outbox")).build()) {
 *     OutboxItem item = outbox.enqueue(EnqueueRequest.builder("dmp.feed", uniqueId)
 *             .metadata(metadata).content(OutboxContent.of(pdf)).build());
 * }
 * }</pre>
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final JdbcStore store;
    private final EmbeddedDatabase embedded;
    private final Clock clock;
    private final List<OutboxListener> listeners = new CopyOnWriteArrayList<>();
    private final List<OutboxWorker> workers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Outbox(JdbcStore store, EmbeddedDatabase embedded, Clock clock) {
        this.store = store;
        this.embedded = embedded;
        this.clock = clock;
    }

    /** @return a builder; give it {@link Builder#embedded(Path)} or {@link Builder#dataSource(DataSource)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stores a new item, {@link OutboxStatus#PENDING} (or {@link OutboxStatus#HELD}). Its content is streamed into
     * the database in chunks (encrypted when the outbox has a key), never held whole in memory. Workers started from
     * this outbox are woken.
     *
     * @param request what to enqueue
     * @return the stored item, with its new id
     * @throws IllegalArgumentException when an item of that kind with that idempotency key is already there
     * @throws OutboxException          when the database fails or the content cannot be read
     */
    public OutboxItem enqueue(EnqueueRequest request) {
        ensureOpen();
        OutboxContent content = request.content();
        OutboxItem item = store.insert(request.kind(), request.idempotencyKey(), request.metadata(),
                content.stream(), content.reference(), request.held(), request.notBefore(), request.route());
        LOG.debug("Outbox item {} ({}) enqueued", item.id(), item.kind());
        fire(item, null);
        workers.forEach(OutboxWorker::wakeUp);
        return item;
    }

    /**
     * @param id an item id
     * @return the item, if it exists
     */
    public Optional<OutboxItem> get(String id) {
        ensureOpen();
        return store.find(Objects.requireNonNull(id, "id"));
    }

    /**
     * @param kind           a kind
     * @param idempotencyKey an idempotency key
     * @return the item of that kind with that key, if any
     */
    public Optional<OutboxItem> findByIdempotencyKey(String kind, String idempotencyKey) {
        ensureOpen();
        return store.findByKey(kind, idempotencyKey);
    }

    /**
     * @param query which items
     * @return the matching items, oldest first
     */
    public List<OutboxItem> query(OutboxQuery query) {
        ensureOpen();
        return store.query(query.statuses(), query.kinds(), query.createdFrom(), query.createdBefore(),
                query.limit());
    }

    /**
     * @param id an item id
     * @return its metadata blob, decrypted
     * @throws OutboxException of kind {@link OutboxException.Kind#CONTENT} when it cannot be decrypted
     */
    public byte[] readMetadata(String id) {
        ensureOpen();
        return store.readMetadata(id);
    }

    /**
     * Opens an item's content (until it is sent or cancelled, when stored content is deleted). The stream reads
     * one chunk at a time from the database; close it.
     *
     * @param id an item id
     * @return its content, decrypted
     * @throws OutboxException of kind {@link OutboxException.Kind#CONTENT} when it cannot be decrypted (wrong key:
     *         raised on the first read) or the referenced file is gone
     */
    public InputStream openContent(String id) {
        ensureOpen();
        return store.openContent(id);
    }

    /**
     * Keeps a pending item back: no worker sends it until it is {@link #release(String) released}.
     *
     * @param id the item
     * @return the item, now {@link OutboxStatus#HELD}
     * @throws IllegalStateException when it is not {@link OutboxStatus#PENDING}
     */
    public OutboxItem hold(String id) {
        return change(id, EnumSet.of(OutboxStatus.PENDING), OutboxStatus.HELD, false, false);
    }

    /**
     * Makes a held item, or a failed one (a manual retry), pending and due now.
     *
     * @param id the item
     * @return the item, now {@link OutboxStatus#PENDING}
     * @throws IllegalStateException when it is neither {@link OutboxStatus#HELD} nor {@link OutboxStatus#FAILED}
     */
    public OutboxItem release(String id) {
        OutboxItem item = change(id, EnumSet.of(OutboxStatus.HELD, OutboxStatus.FAILED), OutboxStatus.PENDING, true,
                false);
        workers.forEach(OutboxWorker::wakeUp);
        return item;
    }

    /**
     * Withdraws an item that is not being sent; its stored content is deleted.
     *
     * @param id the item
     * @return the item, now {@link OutboxStatus#CANCELLED}
     * @throws IllegalStateException when it is {@link OutboxStatus#SENDING}, {@link OutboxStatus#SENT} or already
     *         cancelled
     */
    public OutboxItem cancel(String id) {
        return change(id, EnumSet.of(OutboxStatus.PENDING, OutboxStatus.HELD, OutboxStatus.FAILED),
                OutboxStatus.CANCELLED, false, true);
    }

    /**
     * Deletes the sent and cancelled items last changed before a time (their content is already gone).
     *
     * @param before the time
     * @return how many items were deleted
     */
    public int purgeFinished(Instant before) {
        ensureOpen();
        return store.purge(before);
    }

    /**
     * @param listener told of status changes made through this instance
     */
    public void addListener(OutboxListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param listener a listener added before
     */
    public void removeListener(OutboxListener listener) {
        listeners.remove(listener);
    }

    /**
     * @return a builder of a worker sending this outbox's items; register a sender per kind, then
     *         {@link OutboxWorker.Builder#start()}
     */
    public OutboxWorker.Builder worker() {
        ensureOpen();
        return new OutboxWorker.Builder(this);
    }

    /** Stops the workers started from this outbox (waiting for their sends in progress), then closes the storage. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (OutboxWorker w : workers) {
            w.close();
        }
        closed = true;
        if (embedded != null) {
            embedded.close();
        }
    }

    private OutboxItem change(String id, Set<OutboxStatus> allowed, OutboxStatus to, boolean dueNow, boolean drop) {
        ensureOpen();
        JdbcStore.Change change = store.transition(Objects.requireNonNull(id, "id"), allowed, to, dueNow, drop);
        fire(change.item(), change.previous());
        return change.item();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox is closed");
        }
    }

    JdbcStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    void register(OutboxWorker worker) {
        workers.add(worker);
    }

    void unregister(OutboxWorker worker) {
        workers.remove(worker);
    }

    void fire(OutboxItem item, OutboxStatus previous) {
        for (OutboxListener l : listeners) {
            try {
                l.statusChanged(item, previous);
            } catch (RuntimeException e) {
                LOG.warn("Outbox listener failed on item {}: {}", item.id(), e.getClass().getName());
            }
        }
    }

    /** Builds an {@link Outbox}. Not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private Path directory;
        private SecretKey key;
        private Clock clock = Clock.systemUTC();
        private int maxConnections = 10;

        private Builder() {
        }

        /**
         * Stores items in an embedded H2 file database ({@code outbox.mv.db}) in this directory, created if missing.
         * One process at a time may open it.
         *
         * @param directory a directory private to the application (for example under the user's application data)
         * @return this builder
         */
        public Builder embedded(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.dataSource = null;
            return this;
        }

        /**
         * Stores items in the vendor's database (H2 or PostgreSQL), through its pool. Several outboxes, in several
         * processes, may share it.
         *
         * @param dataSource the data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.directory = null;
            return this;
        }

        /**
         * Encrypts new items' metadata and stored content with AES-GCM under this key (content chunk by chunk, so it
         * still streams). Items stored without a key stay readable; encrypted ones need the same key.
         *
         * @param aesKey an AES key (256 bits recommended) kept by the vendor, for example in the OS key store
         * @return this builder
         */
        public Builder encryptionKey(SecretKey aesKey) {
            this.key = Objects.requireNonNull(aesKey, "aesKey");
            return this;
        }

        /**
         * @param maxConnections the embedded database's pool size (default 10)
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 2) {
                throw new IllegalArgumentException("maxConnections must be at least 2");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * @param clock the clock for timestamps and retry times (default: the system's, UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the storage and creates or migrates the schema.
         *
         * @return the outbox
         * @throws OutboxException when the database cannot be opened or migrated
         */
        public Outbox build() {
            ContentCipher cipher = key == null ? null : new ContentCipher(key);
            EmbeddedDatabase embedded = null;
            DataSource ds = dataSource;
            if (ds == null) {
                if (directory == null) {
                    throw new IllegalStateException("give the outbox embedded(directory) or dataSource(...)");
                }
                try {
                    embedded = EmbeddedDatabase.open(directory, maxConnections);
                } catch (NoClassDefFoundError e) {
                    throw new OutboxException(OutboxException.Kind.STORAGE, "the embedded outbox database needs H2 "
                            + "(com.h2database:h2) on the class path; add it, or give the outbox a DataSource",
                            false, e);
                }
                ds = embedded.dataSource();
            }
            try {
                Dialect dialect;
                try (Connection c = ds.getConnection()) {
                    dialect = Dialect.of(c);
                } catch (SQLException e) {
                    throw new OutboxException(OutboxException.Kind.STORAGE, "cannot connect to the outbox database "
                            + "(SQL state " + e.getSQLState() + ")", true, e);
                }
                SchemaMigrator.migrate(ds, dialect);
                JdbcStore store = new JdbcStore(ds, dialect, cipher, clock);
                int removed = store.removeAbandonedWrites(clock.instant().minus(Duration.ofDays(1)));
                if (removed > 0) {
                    LOG.info("Outbox: removed {} items whose enqueue was interrupted", removed);
                }
                return new Outbox(store, embedded, clock);
            } catch (RuntimeException e) {
                if (embedded != null) {
                    embedded.close();
                }
                throw e;
            }
        }
    }
}
