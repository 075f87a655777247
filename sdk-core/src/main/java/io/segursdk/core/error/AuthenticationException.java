package io.segursdk.core.error;

/**
 * The caller could not be authenticated: refused client certificate, rejected or expired token, invalid signature
 * on the security token, wrong PIN. Not retryable as such: the credential must change first.
 */
public class AuthenticationException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message   description, free of patient data
     * @param service   the service, or {@code null}
     * @param code      the service's code, or {@code null}
     * @param subcode   the service's subcode, or {@code null}
     * @param messageId the exchange's message id, or {@code null}
     * @param cause     the cause, or {@code null}
     */
    public AuthenticationException(String message, String service, String code, String subcode, String messageId,
                                   Throwable cause) {
        super(message, service, code, subcode, messageId, false, cause);
    }

    /**
     * @param message description, free of patient data
     * @param cause   the cause, or {@code null}
     */
    public AuthenticationException(String message, Throwable cause) {
        this(message, null, null, null, null, cause);
    }
}
