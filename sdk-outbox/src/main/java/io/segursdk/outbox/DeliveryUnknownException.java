package io.segursdk.outbox;

import io.segursdk.core.error.SegurException;

/**
 * Thrown by {@link OutboxSender#alreadyDelivered} when the service cannot tell yet whether an earlier attempt
 * delivered the item (for example no MSSanté delivery status notification has arrived yet, and it may still be on
 * its way). Retryable: the worker puts the item back to pending and checks again after its backoff, sending nothing
 * in the meantime.
 */
public class DeliveryUnknownException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description, free of patient data
     * @param service the service asked (for example {@code MSSANTE})
     */
    public DeliveryUnknownException(String message, String service) {
        super(message, service, null, null, null, true, null);
    }
}
