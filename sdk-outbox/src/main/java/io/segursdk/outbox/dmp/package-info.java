/**
 * Feeding the DMP through the outbox: {@link io.segursdk.outbox.dmp.DmpOutbox#enqueueFeed enqueue} a feed (document,
 * metadata, visibility) in the professional's software, and let an {@link io.segursdk.outbox.OutboxWorker} send it
 * with a {@link io.segursdk.outbox.dmp.DmpFeedSender}. Needs sdk-dmp on the class path (an optional dependency of
 * sdk-outbox).
 */
package io.segursdk.outbox.dmp;
