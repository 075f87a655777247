package io.segursdk.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of every exception the SDK throws. All are unchecked.
 *
 * <p>Each carries what a support desk needs without exposing patient data: the service that was called, the
 * service's code and subcode when it gave any, the message id of the exchange, and whether retrying the same call
 * may succeed. Messages never contain INS numbers, names, birth data or document content.
 *
 * <p>Subclasses: {@link InvalidRequestException} (raised before any network call), {@link AuthenticationException},
 * {@link AccessDeniedException}, {@link ServiceFaultException} and {@link TransportException}.
 */
public abstract class SegurException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String service;
    private final String code;
    private final String subcode;
    private final String messageId;
    private final boolean retryable;

    /**
     * @param message   a human-readable description, free of patient data
     * @param service   the service called (for example {@code "INSi"}), or {@code null} before any call
     * @param code      the service's code, or {@code null}
     * @param subcode   the service's subcode, or {@code null}
     * @param messageId the message id of the exchange, or {@code null}
     * @param retryable whether the same call may succeed if retried
     * @param cause     the underlying cause, or {@code null}
     */
    protected SegurException(String message, String service, String code, String subcode, String messageId,
                             boolean retryable, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.service = service;
        this.code = code;
        this.subcode = subcode;
        this.messageId = messageId;
        this.retryable = retryable;
    }

    /** @return the service that was called, when a call was made */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** @return the service's code (for SOAP, the fault code value), when it gave one */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** @return the service's subcode (for SOAP 1.2, the first subcode value), when it gave one */
    public Optional<String> subcode() {
        return Optional.ofNullable(subcode);
    }

    /** @return the message id of the exchange (WS-Addressing MessageID, or the service's own), when known */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** @return whether the same call may succeed if made again (after a delay) */
    public boolean isRetryable() {
        return retryable;
    }
}
