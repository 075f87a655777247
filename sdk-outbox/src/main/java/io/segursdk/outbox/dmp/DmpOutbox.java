package io.segursdk.outbox.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.Submission;
import io.segursdk.outbox.EnqueueRequest;
import io.segursdk.outbox.Outbox;
import io.segursdk.outbox.OutboxContent;
import io.segursdk.outbox.OutboxException;
import io.segursdk.outbox.OutboxItem;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Puts DMP feeds in an {@link Outbox}, for a {@link DmpFeedSender} to send.
 *
 * <p>An item of kind {@link #KIND} has the document's uniqueId as its idempotency key (the key the DMP knows it by,
 * looked up before any re-send), its metadata stored as versioned JSON (see docs/outbox.md; it holds the patient's INS
 * and the document's metadata: give the outbox an encryption key), and the document's content streamed into the
 * outbox's database.
 *
 * <pre>{@code
 * OutboxItem item = DmpOutbox.enqueueFeed(outbox, DmpAccess.of(patient), submission);
 * }</pre>
 */
public final class DmpOutbox {

    /** The kind of a DMP feed item: register the {@link DmpFeedSender} under it. */
    public static final String KIND = "dmp.feed";

    private DmpOutbox() {
    }

    /**
     * Enqueues a feed: stores its metadata, copies its content into the outbox (read from
     * {@link io.segursdk.dmp.DmpDocument#content()} once, streamed) and returns the pending item.
     *
     * @param outbox     the outbox
     * @param access     the patient and context of access to send it with; its patient must be the submission's
     * @param submission the document, its metadata (visibility included) and the submission set; give the
     *                   submission set a {@link Submission.Builder#uniqueId(String) uniqueId} or the generated one is
     *                   kept, and every attempt sends the same
     * @return the stored item, {@link io.segursdk.outbox.OutboxStatus#PENDING}
     * @throws InvalidRequestException  when the access and the submission are not about the same patient
     * @throws IllegalArgumentException when a feed of the same document (uniqueId) is already in the outbox
     * @throws OutboxException          when the content cannot be read or the database fails
     */
    public static OutboxItem enqueueFeed(Outbox outbox, DmpAccess access, Submission submission) {
        Objects.requireNonNull(outbox, "outbox");
        return enqueue(outbox, null, access, submission, false);
    }

    /**
     * Enqueues a feed to be sent by the sender registered under a route (see {@link io.segursdk.outbox.RoutedSender}):
     * for a practice whose professionals feed in their own name (direct authentication), one
     * {@link DmpFeedSender} per professional, the route naming the professional (an RPPS number, say).
     *
     * @param outbox     the outbox
     * @param route      the route (letters, digits, {@code . _ - @ +}); no credential, no patient data
     * @param access     the patient and context of access; its patient must be the submission's
     * @param submission the document, its metadata and the submission set
     * @return the stored item, pending
     * @throws InvalidRequestException  when the access and the submission are not about the same patient
     * @throws IllegalArgumentException when a feed of the same document is already in the outbox, or the route is
     *                                  malformed
     * @throws OutboxException          when the content cannot be read or the database fails
     */
    public static OutboxItem enqueueFeed(Outbox outbox, String route, DmpAccess access, Submission submission) {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(route, "route");
        return enqueue(outbox, route, access, submission, false);
    }

    /**
     * Enqueues a feed {@link io.segursdk.outbox.OutboxStatus#HELD}: stored, but sent only once
     * {@link Outbox#release(String) released} (for example after the professional has signed the document off).
     *
     * @param outbox     the outbox
     * @param access     the patient and context of access; its patient must be the submission's
     * @param submission the document, its metadata and the submission set
     * @return the stored item, held
     * @throws InvalidRequestException  when the access and the submission are not about the same patient
     * @throws IllegalArgumentException when a feed of the same document (uniqueId) is already in the outbox
     * @throws OutboxException          when the content cannot be read or the database fails
     */
    public static OutboxItem enqueueHeldFeed(Outbox outbox, DmpAccess access, Submission submission) {
        Objects.requireNonNull(outbox, "outbox");
        return enqueue(outbox, null, access, submission, true);
    }

    /**
     * Reads back a feed item: the access and submission it will be sent with (for a list of pending feeds, or to
     * correct and re-enqueue a failed one).
     *
     * @param outbox the outbox
     * @param item   an item of kind {@link #KIND}
     * @return the feed; its document's content is read from the outbox when opened
     * @throws IllegalArgumentException when the item is not a DMP feed
     * @throws OutboxException          of kind {@link OutboxException.Kind#CONTENT} when its metadata cannot be read
     */
    public static DmpFeed readFeed(Outbox outbox, OutboxItem item) {
        Objects.requireNonNull(outbox, "outbox");
        if (!KIND.equals(Objects.requireNonNull(item, "item").kind())) {
            throw new IllegalArgumentException("not a DMP feed item: " + item.kind());
        }
        String id = item.id();
        FeedFormat.Decoded d = FeedFormat.read(outbox.readMetadata(id), () -> outbox.openContent(id));
        return new DmpFeed(d.access(), d.submission());
    }

    private static OutboxItem enqueue(Outbox outbox, String route, DmpAccess access, Submission submission,
                                      boolean held) {
        if (access == null) {
            throw InvalidRequestException.of("access", "is required");
        }
        if (submission == null) {
            throw InvalidRequestException.of("submission", "is required");
        }
        if (!submission.metadata().patientId().equals(access.patient())) {
            throw InvalidRequestException.of("submission.metadata.patientId", "must be the access's patient");
        }
        byte[] metadata = FeedFormat.write(access, submission);
        InputStream content;
        try {
            content = submission.document().content().open();
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "The document's content cannot be opened", false,
                    e);
        }
        try (InputStream in = content) {
            EnqueueRequest.Builder request = EnqueueRequest.builder(KIND, submission.metadata().uniqueId())
                    .metadata(metadata).content(OutboxContent.of(in)).held(held);
            if (route != null) {
                request.route(route);
            }
            return outbox.enqueue(request.build());
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "The document's content cannot be closed", false,
                    e);
        }
    }
}
