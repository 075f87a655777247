package io.segursdk.mssante;

import java.util.Optional;

/**
 * A message disposition notification (RFC 8098, the MSSanté "accusé de lecture") parsed from a received
 * {@code multipart/report; report-type=disposition-notification} message.
 *
 * @param originalMessageId the {@code Original-Message-ID} (without angle brackets), when present
 * @param finalRecipient    the {@code Final-Recipient} address (type prefix removed)
 * @param disposition       the {@code Disposition} field, e.g. {@code manual-action/MDN-sent-manually; displayed}
 */
public record ReadNotification(Optional<String> originalMessageId, String finalRecipient, String disposition) {

    /** @return the disposition type after the {@code ;}: {@code displayed}, {@code processed}, {@code deleted}... */
    public String dispositionType() {
        int semi = disposition.indexOf(';');
        String t = semi < 0 ? disposition : disposition.substring(semi + 1);
        int slash = t.indexOf('/');
        return (slash < 0 ? t : t.substring(0, slash)).strip();
    }
}
