package io.segursdk.outbox.dmp;

import io.segursdk.core.error.SegurException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.RegistryError;
import io.segursdk.dmp.SearchResult;
import io.segursdk.outbox.OutboxException;
import io.segursdk.outbox.ContentSource;
import io.segursdk.outbox.OutboxItem;
import io.segursdk.outbox.OutboxSender;
import io.segursdk.outbox.SendResult;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's {@link DmpOutbox#KIND DMP feeds} with a {@link DmpClient} (TD2.1), and tells the worker whether
 * the DMP already has a feed (TD3.1, GetDocuments by the document's uniqueId) before any re-send.
 *
 * <p>The feeds are sent with the client's identity (its VIHF): in indirect mode, the structure's; in direct mode, the
 * professional's, so a worker sending with a direct-mode client sends only that professional's feeds (enqueue each
 * professional's feeds under their own kind, one sender each, or feed in the structure's name).
 *
 * <pre>{@code
 * OutboxWorker worker = outbox.worker()
 *         .sender(DmpOutbox.KIND, new DmpFeedSender(dmpClient))
 *         .start();
 * }</pre>
 *
 * <p>Recorded service identifiers: {@code uniqueId} (the document's), {@code submissionSetUniqueId} and, when the
 * DMP returns the entry to a search right after the feed, {@code entryUUID}. Failures keep the DMP client's
 * exceptions: a {@link io.segursdk.core.error.TransportException} or an unavailable service is retried; an
 * {@link io.segursdk.core.error.AccessDeniedException}, an authentication failure or a registry refusal makes the
 * item {@link io.segursdk.outbox.OutboxStatus#FAILED} with its code. Thread-safe, as the client is; it does not close
 * the client.
 */
public final class DmpFeedSender implements OutboxSender {

    /** The recorded identifier of the document's uniqueId. */
    public static final String UNIQUE_ID = "uniqueId";
    /** The recorded identifier of the document entry's entryUUID, when known. */
    public static final String ENTRY_UUID = "entryUUID";
    /** The recorded identifier of the submission set's uniqueId. */
    public static final String SUBMISSION_SET_UNIQUE_ID = "submissionSetUniqueId";

    private static final Logger LOG = LoggerFactory.getLogger(DmpFeedSender.class);

    private final DmpClient dmp;

    /**
     * @param dmp the DMP client to send with (the caller keeps it open while the worker runs, and closes it)
     */
    public DmpFeedSender(DmpClient dmp) {
        this.dmp = Objects.requireNonNull(dmp, "dmp");
    }

    /**
     * Sends the feed: its stored metadata and the content streamed from the outbox, as one ITI-41 submission.
     *
     * @throws OutboxException  of kind {@link OutboxException.Kind#CONTENT} (permanent) when the stored metadata
     *                          cannot be read
     * @throws SegurException   the DMP client's failure
     */
    @Override
    public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
        return sendFeed(item, metadata, once(content));
    }

    /**
     * Sends the feed, reading the content from the outbox as often as the DMP client needs (it reads the document
     * once for its size and digests, then again while sending it): nothing is copied to memory or disk.
     */
    @Override
    public SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
        return sendFeed(item, metadata, content::open);
    }

    private SendResult sendFeed(OutboxItem item, byte[] metadata, io.segursdk.dmp.DmpDocument.ContentSource content) {
        FeedFormat.Decoded feed = FeedFormat.read(metadata, content);
        String uniqueId = feed.submission().metadata().uniqueId();
        if (!uniqueId.equals(item.idempotencyKey())) {
            throw new OutboxException(OutboxException.Kind.CONTENT,
                    "The stored DMP feed of item " + item.id() + " does not match its idempotency key", false, null);
        }
        List<RegistryError> warnings = dmp.feed(feed.access(), feed.submission());
        if (!warnings.isEmpty()) {
            LOG.info("DMP accepted outbox item {} with {} warning(s)", item.id(), warnings.size());
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(UNIQUE_ID, uniqueId);
        ids.put(SUBMISSION_SET_UNIQUE_ID, feed.submission().uniqueId());
        try {
            find(feed.access(), uniqueId).ifPresent(e -> ids.put(ENTRY_UUID, e.entryUuid()));
        } catch (SegurException e) {
            // delivered: the entryUUID is a convenience, its lookup must not make the item fail or be re-sent
            LOG.debug("Outbox item {}: entryUUID not looked up ({})", item.id(), e.getClass().getSimpleName());
        }
        return new SendResult(ids);
    }

    /**
     * Searches the patient's DMP for the feed's document (GetDocuments by uniqueId).
     *
     * @return the document's {@code uniqueId} and {@code entryUUID} when the DMP has it (whatever its status since:
     *         approved, archived, deleted or replaced), else empty
     */
    @Override
    public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
        FeedFormat.Decoded feed = FeedFormat.read(metadata, () -> {
            throw new IOException("no content is read by a delivery check");
        });
        String uniqueId = feed.submission().metadata().uniqueId();
        return find(feed.access(), uniqueId).map(e -> {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put(UNIQUE_ID, uniqueId);
            ids.put(SUBMISSION_SET_UNIQUE_ID, feed.submission().uniqueId());
            ids.put(ENTRY_UUID, e.entryUuid());
            return new SendResult(ids);
        });
    }

    private Optional<DocumentEntry> find(DmpAccess access, String uniqueId) {
        SearchResult found = dmp.search(access, DocumentQuery.byUniqueIds(uniqueId));
        DocumentEntry best = null;
        for (DocumentEntry e : found.entries()) {
            if (uniqueId.equals(e.uniqueId())
                    && (best == null || best.status() == DocumentStatus.DEPRECATED)) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The worker's stream, given once to the DMP client (it must not be closed: the worker closes it). */
    private static io.segursdk.dmp.DmpDocument.ContentSource once(InputStream content) {
        AtomicBoolean opened = new AtomicBoolean();
        return () -> {
            if (opened.getAndSet(true)) {
                throw new IOException("the outbox content can be read once per attempt");
            }
            return new FilterInputStream(content) {
                @Override
                public void close() {
                    // the worker closes the underlying stream
                }
            };
        };
    }

    @Override
    public String toString() {
        return "DmpFeedSender[" + dmp + "]";
    }
}
