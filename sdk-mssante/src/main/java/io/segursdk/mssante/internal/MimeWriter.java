package io.segursdk.mssante.internal;

import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.XdmPackage;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/** Builds the MIME message of an {@link MssanteMessage}, with its MSSanté headers, and measures it. */
public final class MimeWriter {

    private MimeWriter() {
    }

    /**
     * A message whose Message-ID stays the one given.
     */
    public static final class FixedIdMessage extends SMTPMessage {
        private final String id;
        private final java.util.concurrent.atomic.AtomicInteger completedWrites =
                new java.util.concurrent.atomic.AtomicInteger();

        /**
         * @param session the session
         * @param id      the Message-ID, without brackets
         */
        public FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
            super.writeTo(os, ignoreList);
            completedWrites.incrementAndGet();
        }

        /**
         * @return how many times the whole message was written out (measuring it, sending it): a send whose count
         *         did not grow failed before the message's end, so before its final {@code "."} was sent
         */
        public int completedWrites() {
            return completedWrites.get();
        }
    }

    /**
     * @param session           the session
     * @param m                 the message
     * @param from              the mailbox
     * @param recipients        the To addresses (professionals, then the patient's)
     * @param messageId         the Message-ID (without brackets)
     * @param productReference  the {@code X-MSS-NIL} value
     * @return the MIME message, saved
     * @throws MessagingException if it cannot be built
     */
    public static SMTPMessage build(Session session, MssanteMessage m, String from, List<String> recipients,
                                    String messageId, String productReference) throws MessagingException {
        FixedIdMessage msg = new FixedIdMessage(session, messageId);
        msg.setFrom(new InternetAddress(from));
        for (String r : recipients) {
            msg.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(r, true));
        }
        for (String c : m.cc()) {
            msg.addRecipient(jakarta.mail.Message.RecipientType.CC, new InternetAddress(c, true));
        }
        msg.setSubject(m.subject(), "UTF-8");
        msg.setSentDate(new Date());
        m.inReplyTo().ifPresent(id -> {
            try {
                msg.setHeader("In-Reply-To", "<" + id + ">");
                msg.setHeader("References", "<" + id + ">");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        msg.setHeader("X-MSS-NIL", productReference);
        if (m.closesConversation()) {
            msg.setHeader("X-MSS-MES", "FIN");
        }
        if (!m.cdaCodes().isEmpty()) {
            msg.setHeader("X-MSS-CODECDA", String.join(",", m.cdaCodes()));
        }
        m.insQualified().ifPresent(q -> {
            try {
                msg.setHeader("X-MSS-INS", q ? "O" : "N");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        if (m.requestsMdn()) {
            msg.setHeader("Disposition-Notification-To", from);
        }
        if (m.requestsDsn()) {
            msg.setNotifyOptions(SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE);
            msg.setReturnOption(SMTPMessage.RETURN_HDRS);
        }
        MimeBodyPart body = body(m);
        boolean hasFiles = !m.attachments().isEmpty() || m.xdm().isPresent();
        if (!hasFiles) {
            if (m.text().isPresent() && m.html().isPresent()) {
                msg.setContent(alternative(m));
            } else if (m.html().isPresent()) {
                msg.setText(m.html().get(), "UTF-8", "html");
            } else {
                msg.setText(m.text().orElse(""), "UTF-8", "plain");
            }
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            if (m.text().isPresent() || m.html().isPresent()) {
                mixed.addBodyPart(body);
            }
            for (MssanteMessage.OutgoingAttachment a : m.attachments()) {
                mixed.addBodyPart(file(a.fileName(), new SourceDataSource(a)));
            }
            if (m.xdm().isPresent()) {
                mixed.addBodyPart(file(XdmPackage.FILE_NAME,
                        new ByteArrayDataSource(m.xdm().get().toZip(), "application/zip")));
            }
            msg.setContent(mixed);
        }
        msg.saveChanges();
        return msg;
    }

    /**
     * @param msg a saved message
     * @return its size on the wire, in bytes (attachments are read once)
     * @throws MessagingException if a part cannot be written
     * @throws IOException        if an attachment cannot be read
     */
    public static long size(SMTPMessage msg) throws MessagingException, IOException {
        long[] count = {0};
        msg.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        return count[0];
    }

    private static MimeMultipart alternative(MssanteMessage m) throws MessagingException {
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart t = new MimeBodyPart();
        t.setText(m.text().orElseThrow(), "UTF-8", "plain");
        MimeBodyPart h = new MimeBodyPart();
        h.setText(m.html().orElseThrow(), "UTF-8", "html");
        alt.addBodyPart(t);
        alt.addBodyPart(h);
        return alt;
    }

    private static MimeBodyPart body(MssanteMessage m) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        if (m.text().isPresent() && m.html().isPresent()) {
            part.setContent(alternative(m));
        } else if (m.html().isPresent()) {
            part.setText(m.html().get(), "UTF-8", "html");
        } else {
            part.setText(m.text().orElse(""), "UTF-8", "plain");
        }
        return part;
    }

    private static MimeBodyPart file(String name, DataSource source) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(source));
        p.setFileName(name);
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        p.setHeader("Content-Transfer-Encoding", "base64");
        return p;
    }

    private static final class SourceDataSource implements DataSource {
        private final MssanteMessage.OutgoingAttachment attachment;

        SourceDataSource(MssanteMessage.OutgoingAttachment attachment) {
            this.attachment = attachment;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return attachment.source().open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return attachment.mimeType();
        }

        @Override
        public String getName() {
            return attachment.fileName();
        }
    }

}
