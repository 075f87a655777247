package io.segursdk.core.auth.psc;

import java.time.Instant;
import java.util.Objects;

/**
 * A token obtained by token exchange (RFC 8693). {@link #toString()} hides the token.
 *
 * @param accessToken     the issued token
 * @param issuedTokenType the issued token type URI (e.g. {@code urn:ietf:params:oauth:token-type:access_token})
 * @param expiresAt       when it expires, or {@code null} when the provider did not say
 */
public record ExchangedToken(String accessToken, String issuedTokenType, Instant expiresAt) {

    /** Checks the token is present. */
    public ExchangedToken {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "ExchangedToken[type=" + issuedTokenType + ", expiresAt=" + expiresAt + "]";
    }
}
