package io.segursdk.mssante;

import java.util.List;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464, the MSSanté "accusé de réception") parsed from a received
 * {@code multipart/report; report-type=delivery-status} message.
 *
 * @param originalMessageId the Message-ID of the message reported on (without angle brackets), when the report
 *                          carries the original headers
 * @param reportingMta      the {@code Reporting-MTA} field, when present
 * @param recipients        one entry per recipient reported on
 */
public record DeliveryStatus(Optional<String> originalMessageId, Optional<String> reportingMta,
                             List<Recipient> recipients) {

    /** Copies the list. */
    public DeliveryStatus {
        recipients = List.copyOf(recipients);
    }

    /** @return whether every recipient was delivered (action {@code delivered}, {@code relayed} or {@code expanded}) */
    public boolean allDelivered() {
        return !recipients.isEmpty() && recipients.stream().allMatch(Recipient::delivered);
    }

    /**
     * One recipient's status.
     *
     * @param finalRecipient the address (type prefix such as {@code rfc822;} removed)
     * @param action         {@code delivered}, {@code failed}, {@code delayed}, {@code relayed} or {@code expanded}
     * @param status         the RFC 3463 status code, e.g. {@code 2.0.0}
     * @param diagnostic     the server's diagnostic, when present
     */
    public record Recipient(String finalRecipient, String action, String status, Optional<String> diagnostic) {

        /** @return whether the action means the message reached the mailbox (or left for it) */
        public boolean delivered() {
            return action.equalsIgnoreCase("delivered") || action.equalsIgnoreCase("relayed")
                    || action.equalsIgnoreCase("expanded");
        }
    }
}
