package io.segursdk.cardreader;

import io.segursdk.core.error.AuthenticationException;

/**
 * This process is already logged in to the token, so the PIN just given cannot be verified.
 *
 * <p>PKCS#11 keeps the login state per token and per process: while one {@link CpsCard} is open on a card, any other
 * login on the same card would be accepted without checking the PIN. The SDK refuses it instead. Open a card once and
 * share the {@link CpsCard} (and its credentials, which are thread-safe) between clients; close it to open it again.
 */
public final class CardAlreadyOpenException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description
     */
    public CardAlreadyOpenException(String message) {
        super(message, "PKCS#11", "CKR_USER_ALREADY_LOGGED_IN", null, null, null);
    }
}
