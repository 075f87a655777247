package io.segursdk.outbox.internal;

import io.segursdk.outbox.OutboxError;
import io.segursdk.outbox.OutboxException;
import io.segursdk.outbox.OutboxItem;
import io.segursdk.outbox.OutboxStatus;
import io.segursdk.outbox.SendResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * All of the outbox's SQL. Each public method uses its own connection from the data source, so one store serves
 * many threads. Content is stored in {@code outbox_chunk} rows of {@link #CHUNK_SIZE} bytes (encrypted one by one
 * when there is a key), written and read one at a time.
 */
public final class JdbcStore {

    /** Size of a stored content chunk, before encryption. */
    public static final int CHUNK_SIZE = 128 * 1024;
    /** Internal status of an item whose content is still being written; never shown. */
    static final String WRITING = "WRITING";
    /** Chunks deleted per statement (4 MiB). */
    private static final int DELETE_SLICE = 32;

    private static final String COLUMNS = "id, kind, idempotency_key, status, attempts, created_at, updated_at, "
            + "next_attempt_at, error_type, error_code, error_message, service_ids, content_length, encrypted, route, "
            + "send_started_at";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ContentCipher cipher;
    private final Clock clock;

    /**
     * @param dataSource the database (schema already migrated)
     * @param dialect    its dialect
     * @param cipher     the content cipher, or {@code null} to store in clear
     * @param clock      the clock for timestamps
     */
    public JdbcStore(DataSource dataSource, Dialect dialect, ContentCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A claim on an item: held while {@code claimSeq} is unchanged and the lease runs. */
    public record Claim(OutboxItem item, long claimSeq, OutboxStatus previous) {
    }

    /** A status change made by a user operation. */
    public record Change(OutboxItem item, OutboxStatus previous) {
    }

    private long now() {
        return clock.millis();
    }

    // ---------------------------------------------------------------- enqueue

    /**
     * Stores a new item: its row first (hidden while its content is written), then the content chunk by chunk,
     * then the row made visible.
     *
     * @param kind           the kind
     * @param key            the idempotency key
     * @param metadata       the metadata blob
     * @param content        content to copy, or {@code null}
     * @param reference      a file to reference, or {@code null}
     * @param held           whether to enqueue as HELD
     * @param notBefore      earliest send time, or {@code null}
     * @param route          the route, or {@code null}
     * @return the stored item
     */
    public OutboxItem insert(String kind, String key, byte[] metadata, InputStream content, Path reference,
                             boolean held, Instant notBefore, String route) {
        String id = UUID.randomUUID().toString();
        byte[] prefix = cipher == null ? null : cipher.newNoncePrefix();
        byte[] storedMetadata = cipher == null ? metadata : cipher.encryptMetadata(id, prefix, metadata);
        long now = now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox_item (id, kind, idempotency_key, "
                    + "status, attempts, created_at, updated_at, next_attempt_at, metadata, encrypted, nonce_prefix, "
                    + "content_ref, route) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, kind);
                p.setString(3, key);
                p.setString(4, WRITING);
                p.setLong(5, now);
                p.setLong(6, now);
                p.setLong(7, notBefore == null ? now : notBefore.toEpochMilli());
                p.setBytes(8, storedMetadata);
                p.setBoolean(9, cipher != null);
                p.setBytes(10, prefix);
                p.setString(11, reference == null ? null : reference.toString());
                p.setString(12, route);
                p.executeUpdate();
            } catch (SQLException e) {
                if (findByKey(c, kind, key).isPresent()) {
                    throw new IllegalArgumentException("an item of kind " + kind
                            + " with this idempotency key is already in the outbox", e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw storage("cannot enqueue an item", e);
        }
        try {
            long length;
            int chunks;
            if (reference != null) {
                length = Files.size(reference);
                chunks = 0;
            } else {
                long[] written = writeChunks(id, prefix, content);
                length = written[0];
                chunks = (int) written[1];
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET status = ?, content_length = ?, "
                         + "content_chunks = ?, updated_at = ? WHERE id = ?")) {
                p.setString(1, (held ? OutboxStatus.HELD : OutboxStatus.PENDING).name());
                p.setLong(2, length);
                p.setInt(3, chunks);
                p.setLong(4, now());
                p.setString(5, id);
                p.executeUpdate();
            }
            return find(id).orElseThrow();
        } catch (IOException | SQLException | RuntimeException e) {
            deleteQuietly(id);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof IOException io) {
                throw new OutboxException(OutboxException.Kind.CONTENT, "cannot read the content to enqueue", false,
                        io);
            }
            throw storage("cannot store an item's content", (SQLException) e);
        } finally {
            if (content != null) {
                try {
                    content.close();
                } catch (IOException ignored) {
                    // the content was read; closing the vendor's stream is a courtesy
                }
            }
        }
    }

    /** Writes content chunk by chunk, reading one chunk ahead to know which is the last. */
    private long[] writeChunks(String id, byte[] prefix, InputStream in) throws IOException, SQLException {
        long total = 0;
        int seq = 0;
        byte[] current = in.readNBytes(CHUNK_SIZE);
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO outbox_chunk (item_id, seq, data) VALUES (?, ?, ?)")) {
            c.setAutoCommit(true);
            while (true) {
                byte[] next = current.length < CHUNK_SIZE ? new byte[0] : in.readNBytes(CHUNK_SIZE);
                boolean last = next.length == 0;
                byte[] stored = cipher == null ? current : cipher.encryptChunk(id, prefix, seq, last, current);
                p.setString(1, id);
                p.setInt(2, seq);
                p.setBytes(3, stored);
                p.executeUpdate();
                total += current.length;
                seq++;
                if (last) {
                    return new long[] {total, seq};
                }
                current = next;
            }
        }
    }

    private void deleteQuietly(String id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            deleteChunks(c, id);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox_item WHERE id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
        } catch (SQLException ignored) {
            // left in the hidden WRITING state; removed by removeAbandonedWrites
        }
    }

    /**
     * Deletes an item's chunks a slice at a time, each slice committed on its own when the connection auto-commits,
     * so that removing a large document never builds a large transaction.
     */
    private static void deleteChunks(Connection c, String id) throws SQLException {
        int max;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), -1) FROM outbox_chunk WHERE item_id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                max = rs.getInt(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox_chunk WHERE item_id = ? AND seq < ?")) {
            for (int upTo = Math.min(DELETE_SLICE, max + 1); ; upTo = Math.min(upTo + DELETE_SLICE, max + 1)) {
                p.setString(1, id);
                p.setInt(2, upTo);
                p.executeUpdate();
                if (upTo > max) {
                    break;
                }
            }
        }
    }

    /** Deletes an item's chunks outside any other transaction; leftovers are removed by {@link #purge}. */
    private void dropContent(String id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            deleteChunks(c, id);
        } catch (SQLException e) {
            // the item's status is recorded; its chunks go at the next purge
        }
    }

    /**
     * Removes items whose enqueue was interrupted (a crash while their content was written).
     *
     * @param olderThan only those started before this time
     * @return how many were removed
     */
    public int removeAbandonedWrites(Instant olderThan) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id FROM outbox_item WHERE status = ? AND created_at < ?")) {
                p.setString(1, WRITING);
                p.setLong(2, olderThan.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            for (String id : ids) {
                deleteChunks(c, id);
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM outbox_item WHERE id = ? AND status = ?")) {
                    p.setString(1, id);
                    p.setString(2, WRITING);
                    p.executeUpdate();
                }
            }
            return ids.size();
        } catch (SQLException e) {
            throw storage("cannot clean up interrupted enqueues", e);
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * @param id an item id
     * @return the item, if it exists (and its enqueue completed)
     */
    public Optional<OutboxItem> find(String id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        } catch (SQLException e) {
            throw storage("cannot read an item", e);
        }
    }

    private static Optional<OutboxItem> find(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox_item WHERE id = ? "
                + "AND status <> '" + WRITING + "'")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    /**
     * @param kind a kind
     * @param key  an idempotency key
     * @return the item of that kind with that key, if any
     */
    public Optional<OutboxItem> findByKey(String kind, String key) {
        try (Connection c = dataSource.getConnection()) {
            return findByKey(c, kind, key);
        } catch (SQLException e) {
            throw storage("cannot read an item", e);
        }
    }

    private static Optional<OutboxItem> findByKey(Connection c, String kind, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox_item WHERE kind = ? "
                + "AND idempotency_key = ? AND status <> '" + WRITING + "'")) {
            p.setString(1, kind);
            p.setString(2, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    /**
     * @param statuses statuses matched (empty: all)
     * @param kinds    kinds matched (empty: all)
     * @param from     earliest creation (inclusive) or {@code null}
     * @param before   latest creation (exclusive) or {@code null}
     * @param limit    most rows
     * @return the items, oldest first
     */
    public List<OutboxItem> query(Set<OutboxStatus> statuses, Set<String> kinds, Instant from, Instant before,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outbox_item WHERE status <> '"
                + WRITING + "'");
        List<Object> args = new ArrayList<>();
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (").append(marks(statuses.size())).append(')');
            statuses.forEach(s -> args.add(s.name()));
        }
        if (!kinds.isEmpty()) {
            sql.append(" AND kind IN (").append(marks(kinds.size())).append(')');
            args.addAll(kinds);
        }
        if (from != null) {
            sql.append(" AND created_at >= ?");
            args.add(from.toEpochMilli());
        }
        if (before != null) {
            sql.append(" AND created_at < ?");
            args.add(before.toEpochMilli());
        }
        sql.append(" ORDER BY created_at, id LIMIT ").append(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<OutboxItem> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(item(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw storage("cannot query the outbox", e);
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * @param id an item id
     * @return its metadata, decrypted
     */
    public byte[] readMetadata(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement(
                     "SELECT metadata, encrypted, nonce_prefix FROM outbox_item WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no item " + id + " in the outbox");
                }
                byte[] stored = rs.getBytes(1);
                if (stored == null) {
                    stored = new byte[0];
                }
                if (!rs.getBoolean(2)) {
                    return stored;
                }
                return requireCipher(id).decryptMetadata(id, rs.getBytes(3), stored);
            }
        } catch (SQLException e) {
            throw storage("cannot read an item's metadata", e);
        }
    }

    private ContentCipher requireCipher(String id) {
        if (cipher == null) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "item " + id
                    + " is encrypted and this outbox has no encryption key", false, null);
        }
        return cipher;
    }

    /**
     * @param id an item id
     * @return its content, decrypted, streamed chunk by chunk (or the referenced file)
     */
    public InputStream openContent(String id) {
        String ref;
        boolean encrypted;
        byte[] prefix;
        int chunks;
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT content_ref, encrypted, nonce_prefix, content_chunks "
                     + "FROM outbox_item WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no item " + id + " in the outbox");
                }
                ref = rs.getString(1);
                encrypted = rs.getBoolean(2);
                prefix = rs.getBytes(3);
                chunks = rs.getInt(4);
            }
        } catch (SQLException e) {
            throw storage("cannot read an item's content", e);
        }
        if (ref != null) {
            try {
                return Files.newInputStream(Path.of(ref));
            } catch (NoSuchFileException e) {
                throw new OutboxException(OutboxException.Kind.CONTENT, "the file referenced by item " + id
                        + " is gone", false, e);
            } catch (IOException e) {
                throw new OutboxException(OutboxException.Kind.CONTENT, "cannot open the file referenced by item "
                        + id, true, e);
            }
        }
        ContentCipher decrypting = encrypted ? requireCipher(id) : null;
        return new ChunkInputStream(chunks, seq -> {
            byte[] stored = readChunk(id, seq);
            return decrypting == null ? stored : decrypting.decryptChunk(id, prefix, seq, seq == chunks - 1, stored);
        });
    }

    private byte[] readChunk(String id, int seq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT data FROM outbox_chunk WHERE item_id = ? AND seq = ?")) {
            p.setString(1, id);
            p.setInt(2, seq);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new OutboxException(OutboxException.Kind.CONTENT, "content of item " + id
                            + " is missing (already sent or cancelled, or altered)", false, null);
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw storage("cannot read an item's content", e);
        }
    }

    // ---------------------------------------------------------------- user transitions

    /**
     * Moves an item from one of the allowed statuses to another, atomically.
     *
     * @param id          the item
     * @param allowed     statuses it may be in
     * @param to          the new status
     * @param dueNow      whether to make it due now
     * @param dropContent whether to delete its stored content
     * @return the change
     * @throws IllegalStateException when the item is in another status
     */
    public Change transition(String id, Set<OutboxStatus> allowed, OutboxStatus to, boolean dueNow,
                             boolean dropContent) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                OutboxStatus previous;
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT status FROM outbox_item WHERE id = ? FOR UPDATE")) {
                    p.setString(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next() || WRITING.equals(rs.getString(1))) {
                            throw new IllegalArgumentException("no item " + id + " in the outbox");
                        }
                        previous = OutboxStatus.valueOf(rs.getString(1));
                    }
                }
                if (!allowed.contains(previous)) {
                    throw new IllegalStateException("item " + id + " is " + previous + "; this needs it "
                            + allowed.stream().map(Enum::name).collect(Collectors.joining(" or ")));
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET status = ?, updated_at = ?"
                        + (dueNow ? ", next_attempt_at = ?" : "") + " WHERE id = ?")) {
                    int i = 1;
                    p.setString(i++, to.name());
                    p.setLong(i++, now());
                    if (dueNow) {
                        p.setLong(i++, now());
                    }
                    p.setString(i, id);
                    p.executeUpdate();
                }
                c.commit();
                if (dropContent) {
                    dropContent(id);
                }
                return new Change(find(c, id).orElseThrow(), previous);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storage("cannot change an item's status", e);
        }
    }

    /**
     * Deletes finished items (SENT, CANCELLED) last changed before a time.
     *
     * @param before the time
     * @return how many were deleted
     */
    public int purge(Instant before) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM outbox_item WHERE status IN ('SENT', "
                    + "'CANCELLED') AND updated_at < ?")) {
                p.setLong(1, before.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            for (String id : ids) {
                deleteChunks(c, id);
                try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox_item WHERE id = ?")) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            return ids.size();
        } catch (SQLException e) {
            throw storage("cannot purge the outbox", e);
        }
    }

    // ---------------------------------------------------------------- worker side

    private static final String DUE = "kind = ? AND ((status = 'PENDING' AND next_attempt_at <= ?) "
            + "OR (status = 'SENDING' AND lease_until < ?))";

    /**
     * Claims up to {@code max} due items of a kind: pending ones whose time has come, and sending ones whose
     * worker's lease expired. Each claim increments the item's attempts and claim sequence. On PostgreSQL the rows
     * are picked with {@code FOR UPDATE SKIP LOCKED}; on H2 each is taken by a conditional update whose count tells
     * whether this worker won it.
     *
     * @param kind      the kind
     * @param max       the most items to claim
     * @param workerId  this worker's id
     * @param leaseMs   the lease, in milliseconds
     * @return the claims won
     */
    public List<Claim> claim(String kind, int max, String workerId, long leaseMs) {
        if (max <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long now = now();
            Map<String, OutboxStatus> won = new LinkedHashMap<>();
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement p = c.prepareStatement("WITH picked AS (SELECT id, status FROM outbox_item "
                        + "WHERE " + DUE + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "UPDATE outbox_item o SET status = 'SENDING', claimed_by = ?, lease_until = ?, "
                        + "claim_seq = o.claim_seq + 1, attempts = o.attempts + 1, updated_at = ? "
                        + "FROM picked WHERE o.id = picked.id RETURNING o.id, picked.status")) {
                    p.setString(1, kind);
                    p.setLong(2, now);
                    p.setLong(3, now);
                    p.setInt(4, max);
                    p.setString(5, workerId);
                    p.setLong(6, now + leaseMs);
                    p.setLong(7, now);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            won.put(rs.getString(1), OutboxStatus.valueOf(rs.getString(2)));
                        }
                    }
                }
            } else {
                List<Object[]> candidates = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, claim_seq, status FROM outbox_item WHERE "
                        + DUE + " ORDER BY next_attempt_at LIMIT ?")) {
                    p.setString(1, kind);
                    p.setLong(2, now);
                    p.setLong(3, now);
                    p.setInt(4, max);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            candidates.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)});
                        }
                    }
                }
                for (Object[] cand : candidates) {
                    try (PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET status = 'SENDING', "
                            + "claimed_by = ?, lease_until = ?, claim_seq = claim_seq + 1, attempts = attempts + 1, "
                            + "updated_at = ? WHERE id = ? AND claim_seq = ? AND " + DUE)) {
                        p.setString(1, workerId);
                        p.setLong(2, now + leaseMs);
                        p.setLong(3, now);
                        p.setString(4, (String) cand[0]);
                        p.setLong(5, (Long) cand[1]);
                        p.setString(6, kind);
                        p.setLong(7, now);
                        p.setLong(8, now);
                        if (p.executeUpdate() == 1) {
                            won.put((String) cand[0], OutboxStatus.valueOf((String) cand[2]));
                        }
                    } catch (SQLException e) {
                        if (!(e instanceof SQLTransientException) && !isConcurrentUpdate(e)) {
                            throw e;
                        }
                        // another worker holds the row: it is theirs
                    }
                }
            }
            List<Claim> claims = new ArrayList<>();
            for (Map.Entry<String, OutboxStatus> w : won.entrySet()) {
                try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + ", claim_seq FROM outbox_item "
                        + "WHERE id = ?")) {
                    p.setString(1, w.getKey());
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            claims.add(new Claim(item(rs), rs.getLong("claim_seq"), w.getValue()));
                        }
                    }
                }
            }
            return claims;
        } catch (SQLException e) {
            throw storage("cannot claim items", e);
        }
    }

    private static boolean isConcurrentUpdate(SQLException e) {
        // H2: 90131 concurrent update, 50200 lock timeout, 40001 deadlock
        return e.getErrorCode() == 90131 || e.getErrorCode() == 50200 || "40001".equals(e.getSQLState());
    }

    /**
     * Extends a claim's lease.
     *
     * @param claim   the claim
     * @param leaseMs the lease from now, in milliseconds
     * @return whether the claim still holds
     */
    public boolean renew(Claim claim, long leaseMs) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET lease_until = ? WHERE id = ? "
                     + "AND status = 'SENDING' AND claim_seq = ?")) {
            c.setAutoCommit(true);
            p.setLong(1, now() + leaseMs);
            p.setString(2, claim.item().id());
            p.setLong(3, claim.claimSeq());
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw storage("cannot renew a lease", e);
        }
    }

    /**
     * Records that a send call is about to start, if the claim still holds: a worker that lost its claim (its lease
     * expired while it could not reach the database) must not send.
     *
     * @param claim the claim
     * @return the time recorded, or empty when the claim no longer holds
     */
    public Optional<Instant> markSendStarted(Claim claim) {
        long now = now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET send_started_at = ? WHERE id = ? "
                     + "AND status = 'SENDING' AND claim_seq = ? AND lease_until > ?")) {
            c.setAutoCommit(true);
            p.setLong(1, now);
            p.setString(2, claim.item().id());
            p.setLong(3, claim.claimSeq());
            p.setLong(4, now);
            return p.executeUpdate() == 1 ? Optional.of(Instant.ofEpochMilli(now)) : Optional.empty();
        } catch (SQLException e) {
            throw storage("cannot record the start of a send", e);
        }
    }

    /**
     * Records a claim's outcome, if the claim still holds.
     *
     * @param claim       the claim
     * @param to          SENT, PENDING (retry) or FAILED
     * @param result      the service's identifiers (for SENT), else {@code null}
     * @param error       the failure (for PENDING and FAILED), else {@code null}
     * @param nextAttempt when to try again (for PENDING), else {@code null}
     * @return the item as recorded, or empty when the claim was lost (its lease expired and another worker took it)
     */
    public Optional<OutboxItem> complete(Claim claim, OutboxStatus to, SendResult result, OutboxError error,
                                         Instant nextAttempt) {
        String id = claim.item().id();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement p = c.prepareStatement("UPDATE outbox_item SET status = ?, updated_at = ?, "
                        + "claimed_by = NULL, lease_until = NULL, next_attempt_at = COALESCE(?, next_attempt_at), "
                        + "error_type = ?, error_code = ?, error_message = ?, service_ids = COALESCE(?, service_ids) "
                        + "WHERE id = ? AND status = 'SENDING' AND claim_seq = ?")) {
                    p.setString(1, to.name());
                    p.setLong(2, now());
                    if (nextAttempt == null) {
                        p.setNull(3, Types.BIGINT);
                    } else {
                        p.setLong(3, nextAttempt.toEpochMilli());
                    }
                    p.setString(4, error == null ? null : error.type());
                    p.setString(5, error == null ? null : error.code());
                    p.setString(6, error == null ? null : error.message());
                    p.setString(7, result == null ? null : encode(result.serviceIds()));
                    p.setString(8, id);
                    p.setLong(9, claim.claimSeq());
                    n = p.executeUpdate();
                }
                c.commit();
                if (n == 1 && to == OutboxStatus.SENT) {
                    dropContent(id);
                }
                return n == 1 ? find(c, id) : Optional.empty();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storage("cannot record a send outcome", e);
        }
    }

    // ---------------------------------------------------------------- mapping

    private static OutboxItem item(ResultSet rs) throws SQLException {
        String errorType = rs.getString("error_type");
        OutboxError error = errorType == null ? null
                : new OutboxError(errorType, rs.getString("error_code"), rs.getString("error_message"));
        long length = rs.getLong("content_length");
        long started = rs.getLong("send_started_at");
        Instant sendStartedAt = rs.wasNull() ? null : Instant.ofEpochMilli(started);
        return new OutboxItem(rs.getString("id"), rs.getString("kind"), rs.getString("idempotency_key"),
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), error, decode(rs.getString("service_ids")),
                length, rs.getBoolean("encrypted"), rs.getString("route"), sendStartedAt);
    }

    static String encode(Map<String, String> ids) {
        return ids.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    static Map<String, String> decode(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s != null && !s.isEmpty()) {
            for (String line : s.split("\n")) {
                int eq = line.indexOf('=');
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static OutboxException storage(String what, SQLException e) {
        return new OutboxException(OutboxException.Kind.STORAGE, what + " (SQL state " + e.getSQLState() + ")",
                e instanceof SQLTransientException, e);
    }
}
