package io.segursdk.cardreader;

import io.segursdk.core.error.AuthenticationException;

/**
 * The card's PIN is blocked ({@code CKR_PIN_LOCKED}, or {@code CKF_USER_PIN_LOCKED} on the token): too many wrong
 * PINs. The card is unusable until the professional unblocks it with the PUK (CPS-Gestion); do not ask for the PIN
 * again.
 */
public final class CardBlockedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description
     * @param cause   the cause, or {@code null}
     */
    public CardBlockedException(String message, Throwable cause) {
        super(message, "PKCS#11", "CKR_PIN_LOCKED", null, null, cause);
    }
}
