package io.segursdk.core.error;

/**
 * The caller is authenticated but may not do this: missing authorisation on a patient's record, patient's
 * opposition, insufficient access level, software not authorised for the service.
 */
public class AccessDeniedException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message   description, free of patient data
     * @param service   the service, or {@code null}
     * @param code      the service's code, or {@code null}
     * @param subcode   the service's subcode, or {@code null}
     * @param messageId the exchange's message id, or {@code null}
     * @param cause     the cause, or {@code null}
     */
    public AccessDeniedException(String message, String service, String code, String subcode, String messageId,
                                 Throwable cause) {
        super(message, service, code, subcode, messageId, false, cause);
    }
}
