package io.segursdk.outbox.dmp;

import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.Submission;

/**
 * A DMP feed as the outbox holds it, read back with {@link DmpOutbox#readFeed}: the access it will be sent with and
 * the submission (document metadata, visibility, submission set). The submission's document content is read from
 * the outbox when opened, until the item is sent or cancelled.
 *
 * <p>Both hold patient data: show them to the professional, never log them.
 *
 * @param access     the patient and context of access the feed is sent with
 * @param submission the document, its metadata and the submission set, as enqueued
 */
public record DmpFeed(DmpAccess access, Submission submission) {
}
