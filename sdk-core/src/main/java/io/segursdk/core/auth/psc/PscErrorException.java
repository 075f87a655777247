package io.segursdk.core.auth.psc;

import io.segursdk.core.error.AuthenticationException;

import java.util.Optional;

/**
 * Pro Santé Connect answered with an OAuth 2.0 error ({@code invalid_grant}, {@code invalid_client},
 * {@code unknown_user_id}, {@code access_denied}…), at an endpoint or in the authorization response. {@link #error()}
 * is the error code (also in {@link #code()}).
 *
 * <p>Typical causes: {@code invalid_grant} for a used, expired or forged code, a wrong PKCE verifier or an expired
 * refresh token (the professional must log in again); {@code invalid_client} for wrong client credentials;
 * {@code unknown_user_id} for a national id PSC does not know (CIBA).
 */
public class PscErrorException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String description;
    private final int httpStatus;

    /**
     * @param error       the OAuth error code
     * @param description the provider's description, or {@code null}
     * @param httpStatus  the HTTP status, or 0 for an error in a redirect
     */
    public PscErrorException(String error, String description, int httpStatus) {
        super("Pro Santé Connect refused the request: " + error + (description == null ? "" : " (" + description + ")"),
                "PSC", error, null, null, null);
        this.error = error;
        this.description = description;
        this.httpStatus = httpStatus;
    }

    /** @return the OAuth error code, e.g. {@code invalid_grant} */
    public String error() {
        return error;
    }

    /** @return the provider's description, when given */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(description);
    }

    /** @return the HTTP status, or 0 when the error came in a redirect */
    public int httpStatus() {
        return httpStatus;
    }
}
