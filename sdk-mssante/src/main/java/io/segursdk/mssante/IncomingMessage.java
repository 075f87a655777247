package io.segursdk.mssante;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A message read from the mailbox, with the MSSanté information typed: whether it comes from a patient, whether it
 * closes the conversation, the {@code X-MSS-*} headers, delivery and read notifications, an XDM package. Immutable.
 * Subject, bodies and attachments are patient data: {@link #toString()} shows none of them.
 *
 * @param folder            the folder it was read from
 * @param uid               its IMAP UID in that folder
 * @param messageId         its Message-ID (without angle brackets), when present
 * @param inReplyTo         the Message-ID it replies to, when present
 * @param from              the sender's address
 * @param to                the To addresses
 * @param cc                the Cc addresses
 * @param subject           the subject (empty string when absent)
 * @param sentAt            the Date header, when present
 * @param text              the plain-text body, when present
 * @param html              the HTML body, when present
 * @param attachments       the attachments (including {@code IHE_XDM.zip}, also parsed into {@link #xdm})
 * @param mssHeaders        the {@code X-MSS-*} headers, names upper-cased
 * @param flags             the flags set
 * @param readReceiptTo     the address asking for a read notification ({@code Disposition-Notification-To})
 * @param deliveryStatus    the DSN, when this message is one
 * @param readNotification  the MDN, when this message is one
 * @param xdm               the XDM package attached, when there is one and it passed the checks
 */
public record IncomingMessage(String folder, long uid, Optional<String> messageId, Optional<String> inReplyTo,
                              String from, List<String> to, List<String> cc, String subject, Optional<Instant> sentAt,
                              Optional<String> text, Optional<String> html, List<Attachment> attachments,
                              Map<String, String> mssHeaders, Set<MessageFlag> flags, Optional<String> readReceiptTo,
                              Optional<DeliveryStatus> deliveryStatus, Optional<ReadNotification> readNotification,
                              Optional<XdmPackage> xdm) {

    /** Copies the collections. */
    public IncomingMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        attachments = List.copyOf(attachments);
        mssHeaders = Map.copyOf(mssHeaders);
        flags = Set.copyOf(flags);
    }

    /** @return whether the sender is a patient (an address of {@link MssanteClient#PATIENT_DOMAIN}) */
    public boolean fromPatient() {
        return from.toLowerCase(java.util.Locale.ROOT).endsWith("@" + MssanteClient.PATIENT_DOMAIN);
    }

    /** @return whether this message closes the conversation ({@code X-MSS-MES: FIN}) */
    public boolean closesConversation() {
        return "FIN".equals(mssHeaders.get("X-MSS-MES"));
    }

    /** @return the subject without the {@code XDM/1.0/DDM+} prefix, for display */
    public String displaySubject() {
        return subject.startsWith(XdmPackage.SUBJECT_PREFIX) ? subject.substring(XdmPackage.SUBJECT_PREFIX.length())
                : subject;
    }

    @Override
    public String toString() {
        return "IncomingMessage[" + folder + "/" + uid + ", patient=" + fromPatient() + ", attachments="
                + attachments.size() + ", dsn=" + deliveryStatus.isPresent() + ", mdn=" + readNotification.isPresent()
                + "]";
    }
}
