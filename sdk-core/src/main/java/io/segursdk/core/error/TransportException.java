package io.segursdk.core.error;

/**
 * The exchange failed below the service level: connection refused or reset, timeout, TLS handshake failure,
 * HTTP error without a service fault, unreadable response. {@link #isRetryable()} tells whether the request may not
 * have been processed and can be sent again; a non-idempotent call (such as a DMP feed) must still be checked before
 * it is re-sent.
 */
public class TransportException extends SegurException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param message    description, free of patient data
     * @param service    the service, or {@code null}
     * @param messageId  the exchange's message id, or {@code null}
     * @param httpStatus the HTTP status when one was received, else 0
     * @param retryable  whether sending again may succeed
     * @param cause      the cause, or {@code null}
     */
    public TransportException(String message, String service, String messageId, int httpStatus, boolean retryable,
                              Throwable cause) {
        super(message, service, httpStatus == 0 ? null : "HTTP " + httpStatus, null, messageId, retryable, cause);
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status received, or 0 when none was (connection or TLS failure, timeout) */
    public int httpStatus() {
        return httpStatus;
    }
}
