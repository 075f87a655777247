package io.segursdk.core.auth.psc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens issued by Pro Santé Connect at the end of a login (authorization code or CIBA) or a refresh, already
 * validated. Keep them in memory only: PSC access tokens must not be stored permanently. {@link #toString()} hides
 * every token.
 *
 * @param accessToken      the access token (a JWT)
 * @param refreshToken     the refresh token, or {@code null}
 * @param idToken          the ID token, or {@code null} (refresh responses may omit it)
 * @param expiresAt        when the access token expires
 * @param refreshExpiresAt when the refresh token expires, or {@code null} when unknown
 * @param scope            the granted scope, or {@code null}
 * @param idTokenClaims    the verified ID token, or {@code null}
 */
public record PscTokens(String accessToken, String refreshToken, String idToken, Instant expiresAt,
                        Instant refreshExpiresAt, String scope, VerifiedToken idTokenClaims) {

    /** Checks the mandatory fields. */
    public PscTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** @return the refresh token, when issued */
    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /** @return the ID token, when issued */
    public Optional<String> id() {
        return Optional.ofNullable(idToken);
    }

    /** @return the verified ID token's claims, when an ID token was issued */
    public Optional<VerifiedToken> idTokenClaimsIfAny() {
        return Optional.ofNullable(idTokenClaims);
    }

    @Override
    public String toString() {
        return "PscTokens[expiresAt=" + expiresAt + ", refresh=" + (refreshToken != null) + ", id="
                + (idToken != null) + ", scope=" + scope + "]";
    }
}
