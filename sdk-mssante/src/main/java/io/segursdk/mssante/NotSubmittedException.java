package io.segursdk.mssante;

import io.segursdk.core.error.TransportException;

/**
 * A network, TLS or temporary failure of {@link MssanteClient#send} that happened before the operator could have
 * accepted the message: the connection, TLS or authentication exchange failed, the operator turned the sender, a
 * recipient or the message away with a temporary (4xx) reply, or the connection failed while the message was still
 * being written (before its final {@code "."}, which alone makes an SMTP server take a message). Sending it again
 * cannot make a duplicate.
 *
 * <p>A plain {@link TransportException} from {@code send} is the opposite case: the whole message was written and the
 * connection failed before the operator's reply, so the operator may have accepted it (see
 * {@link MssanteClient#send}).
 */
public class NotSubmittedException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message   description, free of patient data
     * @param service   {@code "MSSANTE-SMTP"}
     * @param retryable whether sending again may succeed
     * @param cause     the cause, or {@code null}
     */
    public NotSubmittedException(String message, String service, boolean retryable, Throwable cause) {
        super(message, service, null, 0, retryable, cause);
    }
}
