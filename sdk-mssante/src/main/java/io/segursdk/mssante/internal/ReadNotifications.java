package io.segursdk.mssante.internal;

import io.segursdk.mssante.IncomingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Builds read notifications (RFC 8098 {@code multipart/report; report-type=disposition-notification}). */
public final class ReadNotifications {

    private ReadNotifications() {
    }

    /**
     * @param session          the session
     * @param from             the mailbox sending the notification
     * @param to               the address that asked for it
     * @param received         the message read
     * @param id               the notification's Message-ID
     * @param productReference the {@code X-MSS-NIL} value
     * @return the message, saved
     * @throws MessagingException if it cannot be built
     */
    public static SMTPMessage build(Session session, String from, String to, IncomingMessage received, String id,
                                    String productReference) throws MessagingException {
        MimeWriter.FixedIdMessage msg = new MimeWriter.FixedIdMessage(session, id);
        msg.setFrom(new InternetAddress(from));
        msg.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
        msg.setSubject("Read: " + received.subject(), "UTF-8");
        msg.setSentDate(new Date());
        msg.setHeader("X-MSS-NIL", productReference);
        msg.setHeader("Auto-Submitted", "auto-replied");
        if (received.messageId().isPresent()) {
            msg.setHeader("In-Reply-To", "<" + received.messageId().get() + ">");
            msg.setHeader("References", "<" + received.messageId().get() + ">");
        }
        MimeMultipart report = new MimeMultipart("report; report-type=disposition-notification");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("The message was displayed to its recipient.\r\n", "UTF-8", "plain");
        report.addBodyPart(human);
        StringBuilder fields = new StringBuilder();
        fields.append("Reporting-UA: segur-sdk\r\n");
        fields.append("Final-Recipient: rfc822;").append(from).append("\r\n");
        received.messageId().ifPresent(mid -> fields.append("Original-Message-ID: <").append(mid).append(">\r\n"));
        fields.append("Disposition: manual-action/MDN-sent-manually; displayed\r\n");
        MimeBodyPart machine = new MimeBodyPart();
        machine.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(
                fields.toString().getBytes(StandardCharsets.US_ASCII), "message/disposition-notification")));
        machine.setHeader("Content-Type", "message/disposition-notification");
        report.addBodyPart(machine);
        msg.setContent(report);
        msg.saveChanges();
        return msg;
    }
}
