package io.segursdk.core.auth.psc;

import java.util.Objects;

/**
 * Gives a current, valid Pro Santé Connect access token, for a service that authenticates its caller with one (SASL
 * XOAUTH2 towards the MSSanté operators, bearer calls to a vendor's own back end).
 *
 * <p>Each call returns a token that is valid at the time of the call; an implementation backed by a PSC session
 * ({@code PscSession.accessTokenSupplier()}) refreshes the token shortly before it expires, so callers should ask
 * for the token right before each use and never keep it (PSC access tokens live a few minutes and must not be stored
 * permanently).
 *
 * <p>Implementations are thread-safe. A caller whose token was refused by the service calls {@link #invalidate()}
 * before asking again, which forces a refresh.
 *
 * <pre>{@code
 * AccessTokenSupplier tokens = session.accessTokenSupplier();
 * String bearer = tokens.accessToken();   // right before the IMAP AUTHENTICATE or the HTTP call
 * }</pre>
 */
@FunctionalInterface
public interface AccessTokenSupplier {

    /**
     * Returns a valid access token, refreshing it first when it is about to expire.
     *
     * @return the access token (a compact JWT for Pro Santé Connect), never {@code null}
     * @throws io.segursdk.core.error.AuthenticationException when no valid token can be had any more (the
     *         refresh token expired or was revoked, the session was ended): the professional must log in again
     * @throws io.segursdk.core.error.TransportException      when the identity provider could not be reached
     */
    String accessToken();

    /**
     * Tells the supplier that the last token was refused by the service it was sent to, so that the next
     * {@link #accessToken()} obtains a new one. Does nothing by default (for fixed tokens).
     */
    default void invalidate() {
    }

    /**
     * A supplier always giving the same token: for tests, or for a token obtained and refreshed elsewhere.
     *
     * @param token the access token
     * @return a supplier returning {@code token}
     */
    static AccessTokenSupplier of(String token) {
        Objects.requireNonNull(token, "token");
        return () -> token;
    }
}
