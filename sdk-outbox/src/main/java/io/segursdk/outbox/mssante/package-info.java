/**
 * Sending MSSanté messages through the outbox: {@link io.segursdk.outbox.mssante.MssanteOutbox#enqueue enqueue} a
 * message (recipients, patient, subject, body, attachments, XDM package, {@code X-MSS-*} headers) in the
 * professional's software, and let an {@link io.segursdk.outbox.OutboxWorker} send it with a
 * {@link io.segursdk.outbox.mssante.MssanteSender}. Needs sdk-mssante on the class path (an optional dependency of
 * sdk-outbox).
 */
package io.segursdk.outbox.mssante;
