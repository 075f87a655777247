package io.segursdk.cardreader;

import io.segursdk.core.error.AuthenticationException;

/**
 * The card left its reader (or the reader was unplugged) before or during an operation ({@code CKR_DEVICE_REMOVED},
 * {@code CKR_TOKEN_NOT_PRESENT}, {@code CKR_SESSION_HANDLE_INVALID} after removal). The open {@link CpsCard} is
 * unusable: close it, wait for the card to be inserted again, and open it again (with the PIN). Not retryable as is.
 *
 * <p>An {@link AuthenticationException}, as {@link io.segursdk.core.credentials.SigningCredential#sign} promises for
 * a credential that can no longer sign.
 */
public final class CardRemovedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description
     * @param cause   the cause, or {@code null}
     */
    public CardRemovedException(String message, Throwable cause) {
        super(message, "PKCS#11", null, null, null, cause);
    }
}
