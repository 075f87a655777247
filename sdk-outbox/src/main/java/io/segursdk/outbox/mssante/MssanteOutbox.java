package io.segursdk.outbox.mssante;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.mssante.AttachmentSource;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.XdmPackage;
import io.segursdk.outbox.EnqueueRequest;
import io.segursdk.outbox.Outbox;
import io.segursdk.outbox.OutboxContent;
import io.segursdk.outbox.OutboxException;
import io.segursdk.outbox.OutboxItem;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Puts MSSanté messages in an {@link Outbox}, for an {@link MssanteSender} to send.
 *
 * <p>An item of kind {@link #KIND} has the message's Message-ID as its idempotency key: the one set on the message
 * ({@link MssanteMessage.Builder#messageId(String)}), else a new one chosen here; every attempt sends that same
 * Message-ID, and the sender looks for it (delivery reports, a Sent copy) before any re-send. The message (recipients,
 * patient, subject, bodies, {@code X-MSS-*} headers) is stored as versioned JSON (see docs/outbox.md: it holds patient
 * data, give the outbox an encryption key); its attachments and XDM package are streamed into the outbox's content,
 * and streamed back from it when sent.
 *
 * <pre>{@code
 * OutboxItem item = MssanteOutbox.enqueue(outbox, "dr.martin@hopital.mssante.fr", message);
 * }</pre>
 */
public final class MssanteOutbox {

    /** The kind of an MSSanté message item: register the {@link MssanteSender} under it. */
    public static final String KIND = "mssante.message";

    private MssanteOutbox() {
    }

    /**
     * Enqueues a message for the kind's single sender (no route).
     *
     * @param outbox  the outbox
     * @param message the message; a patient recipient must be qualified now
     * @return the stored item, {@link io.segursdk.outbox.OutboxStatus#PENDING}; its idempotency key is the
     *         Message-ID
     * @throws InvalidRequestException  when the patient's identity is not qualified
     * @throws IllegalArgumentException when a message with the same Message-ID is already in the outbox
     * @throws OutboxException          when an attachment cannot be read or the database fails
     */
    public static OutboxItem enqueue(Outbox outbox, MssanteMessage message) {
        return enqueue(outbox, null, message, false);
    }

    /**
     * Enqueues a message to be sent by the sender registered under a route (see
     * {@link io.segursdk.outbox.RoutedSender}), for example the sending professional's mailbox address.
     *
     * @param outbox  the outbox
     * @param route   the route, or {@code null} for the kind's single sender
     * @param message the message; a patient recipient must be qualified now
     * @return the stored item, pending
     * @throws InvalidRequestException  when the patient's identity is not qualified
     * @throws IllegalArgumentException when a message with the same Message-ID is already in the outbox, or the
     *                                  route is malformed
     * @throws OutboxException          when an attachment cannot be read or the database fails
     */
    public static OutboxItem enqueue(Outbox outbox, String route, MssanteMessage message) {
        return enqueue(outbox, route, message, false);
    }

    /**
     * Enqueues a message {@link io.segursdk.outbox.OutboxStatus#HELD}: stored, sent once
     * {@link Outbox#release(String) released}.
     *
     * @param outbox  the outbox
     * @param route   the route, or {@code null}
     * @param message the message
     * @return the stored item, held
     * @throws InvalidRequestException  when the patient's identity is not qualified
     * @throws IllegalArgumentException when a message with the same Message-ID is already in the outbox
     * @throws OutboxException          when an attachment cannot be read or the database fails
     */
    public static OutboxItem enqueueHeld(Outbox outbox, String route, MssanteMessage message) {
        return enqueue(outbox, route, message, true);
    }

    private static OutboxItem enqueue(Outbox outbox, String route, MssanteMessage message, boolean held) {
        Objects.requireNonNull(outbox, "outbox");
        if (message == null) {
            throw InvalidRequestException.of("message", "is required");
        }
        message.patient().ifPresent(p -> {
            try {
                p.requireQualifiedIns();
            } catch (IdentityRuleException e) {
                throw InvalidRequestException.of("patient", "a message to a patient needs a qualified identity "
                        + "(status " + p.status() + ")");
            }
        });
        String messageId = message.messageId().orElseGet(() -> UUID.randomUUID() + "@" + domain(route));
        List<Part> parts = new ArrayList<>();
        for (MssanteMessage.OutgoingAttachment a : message.attachments()) {
            parts.add(new Part(a.fileName(), a.mimeType(), a.source()));
        }
        message.xdm().ifPresent(x -> {
            byte[] zip = x.toZip();
            parts.add(new Part(XdmPackage.FILE_NAME, "application/zip", () -> new ByteArrayInputStream(zip)));
        });
        List<MessageFormat.StoredAttachment> stored = new ArrayList<>();
        for (Part p : parts) {
            stored.add(new MessageFormat.StoredAttachment(p.fileName, p.mimeType, p.length()));
        }
        byte[] metadata = MessageFormat.write(message, messageId, stored);
        EnqueueRequest.Builder request = EnqueueRequest.builder(KIND, messageId).metadata(metadata).held(held);
        if (route != null) {
            request.route(route);
        }
        try (InputStream content = new SequenceInputStream(streams(parts))) {
            return outbox.enqueue(request.content(OutboxContent.of(content)).build());
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "an attachment cannot be read", false, e);
        }
    }

    private static String domain(String route) {
        return route != null && route.indexOf('@') > 0 ? route.substring(route.indexOf('@') + 1) : "outbox.segursdk";
    }

    /** The attachments' streams, opened one after the other, each checked against the length measured. */
    private static Enumeration<InputStream> streams(List<Part> parts) {
        Iterator<Part> it = parts.iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                Part p = it.next();
                try {
                    return new Measured(p.source.open(), p.length);
                } catch (IOException e) {
                    throw new OutboxException(OutboxException.Kind.CONTENT, "an attachment cannot be read", false, e);
                }
            }
        };
    }

    private static final class Part {
        final String fileName;
        final String mimeType;
        final AttachmentSource source;
        private long length = -1;

        Part(String fileName, String mimeType, AttachmentSource source) {
            this.fileName = fileName;
            this.mimeType = mimeType;
            this.source = source;
        }

        long length() {
            if (length < 0) {
                try (InputStream in = source.open()) {
                    length = in.transferTo(OutputStreamNull.INSTANCE);
                } catch (IOException e) {
                    throw new OutboxException(OutboxException.Kind.CONTENT, "an attachment cannot be read", false, e);
                }
            }
            return length;
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** Fails when an attachment's source gives another length the second time it is read. */
    private static final class Measured extends FilterInputStream {
        private final long expected;
        private long read;

        Measured(InputStream in, long expected) {
            super(in);
            this.expected = expected;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }

        private void count(int n) throws IOException {
            if (n < 0) {
                if (read != expected) {
                    throw new IOException("an attachment's source changed while it was stored");
                }
                return;
            }
            read += n;
            if (read > expected) {
                throw new IOException("an attachment's source changed while it was stored");
            }
        }
    }
}
