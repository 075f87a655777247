package io.segursdk.cardreader;

import io.segursdk.core.error.TransportException;

/**
 * No token matches the {@link TokenSelector}: no card in any reader, no card with that label, no such slot, or a
 * slot without a card. Retryable: the professional may insert the card and try again.
 */
public final class TokenNotFoundException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description
     * @param cause   the cause, or {@code null}
     */
    public TokenNotFoundException(String message, Throwable cause) {
        super(message, "PKCS#11", null, 0, true, cause);
    }
}
