package io.segursdk.core.auth.psc;

import io.segursdk.core.error.AuthenticationException;

import java.util.Objects;

/**
 * A token (ID token, JWT access token) or an authorization response from Pro Santé Connect failed validation. The
 * {@link #reason()} tells which check failed; the token itself is never part of the message.
 */
public class TokenValidationException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** Not a signed JWT, or unreadable claims. */
        MALFORMED,
        /** Signed with an algorithm other than RS256 (or unsigned). */
        ALGORITHM,
        /** No key of the provider's JWKS has the token's key id, even after fetching the JWKS again. */
        UNKNOWN_KEY,
        /** The signature does not verify. */
        SIGNATURE,
        /** Issued by another issuer. */
        ISSUER,
        /** Not meant for this client (or the expected audience). */
        AUDIENCE,
        /** Expired (beyond the allowed clock skew). */
        EXPIRED,
        /** Issued in the future or not valid yet. */
        NOT_YET_VALID,
        /** The ID token's nonce is not the one sent with the authorization request. */
        NONCE,
        /** The authentication level ({@code acr}) is missing or lower than required. */
        ACR,
        /** The authorization response's state is not the one sent: possible request forgery. */
        STATE
    }

    private final Reason reason;

    /**
     * @param reason  which check failed
     * @param message description, without the token
     */
    public TokenValidationException(Reason reason, String message) {
        super(message, "PSC", reason.name(), null, null, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return which check failed */
    public Reason reason() {
        return reason;
    }
}
