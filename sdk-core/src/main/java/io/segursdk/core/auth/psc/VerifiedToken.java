package io.segursdk.core.auth.psc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a JWT (ID token or access token) whose signature, issuer, audience and validity period were
 * checked.
 *
 * @param subject   {@code sub}
 * @param issuer    {@code iss}
 * @param audience  {@code aud}
 * @param issuedAt  {@code iat}, or {@code null}
 * @param expiresAt {@code exp}
 * @param acr       {@code acr}, or {@code null}
 * @param claims    every claim, as plain Java values (String, Number, Boolean, List, Map)
 */
public record VerifiedToken(String subject, String issuer, List<String> audience, Instant issuedAt, Instant expiresAt,
                            String acr, Map<String, Object> claims) {

    /** Copies the collections. */
    public VerifiedToken {
        audience = List.copyOf(audience);
        claims = Map.copyOf(claims);
    }

    /**
     * @return the professional's national id ({@code SubjectNameID}, else {@code preferred_username}), when present
     */
    public Optional<String> nationalId() {
        Object v = claims.getOrDefault("SubjectNameID", claims.get("preferred_username"));
        return Optional.ofNullable(v).map(Object::toString);
    }

    /**
     * @param name a claim name
     * @return the claim as a string, when present
     */
    public Optional<String> stringClaim(String name) {
        return Optional.ofNullable(claims.get(name)).map(Object::toString);
    }

    @Override
    public String toString() {
        return "VerifiedToken[iss=" + issuer + ", aud=" + audience + ", exp=" + expiresAt + ", acr=" + acr + "]";
    }
}
