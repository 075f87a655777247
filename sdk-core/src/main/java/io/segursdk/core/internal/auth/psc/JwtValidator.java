package io.segursdk.core.internal.auth.psc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.segursdk.core.auth.psc.TokenValidationException;
import io.segursdk.core.auth.psc.TokenValidationException.Reason;
import io.segursdk.core.auth.psc.VerifiedToken;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates PSC JWTs: RS256 signature against the JWKS, issuer, audience, validity period with skew, nonce, acr. */
public final class JwtValidator {

    private final JwksCache jwks;
    private final String issuer;
    private final Clock clock;
    private final Duration skew;

    /**
     * @param jwks   the provider's keys
     * @param issuer the expected issuer
     * @param clock  the clock
     * @param skew   the clock skew allowed on times
     */
    public JwtValidator(JwksCache jwks, String issuer, Clock clock, Duration skew) {
        this.jwks = jwks;
        this.issuer = issuer;
        this.clock = clock;
        this.skew = skew;
    }

    /** What to check beyond signature, issuer and times. */
    public record Expectations(String audience, boolean strictAudience, String nonce, Set<String> acceptedAcr) {
    }

    /**
     * @param token  the compact JWT
     * @param expect the audience, nonce and acr expectations
     * @param what   "ID token" or "access token", for messages
     * @return the verified claims
     */
    public VerifiedToken validate(String token, Expectations expect, String what) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenValidationException(Reason.MALFORMED, "The " + what + " is not a readable signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenValidationException(Reason.ALGORITHM, "The " + what + " is signed with "
                    + jwt.getHeader().getAlgorithm() + "; only RS256 is accepted");
        }
        JWK key = jwks.key(jwt.getHeader().getKeyID()).orElseThrow(() -> new TokenValidationException(
                Reason.UNKNOWN_KEY, "The " + what + " is signed with a key Pro Santé Connect does not publish"));
        try {
            if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                throw new TokenValidationException(Reason.SIGNATURE, "The signature of the " + what
                        + " does not verify with the provider's key");
            }
        } catch (JOSEException e) {
            throw new TokenValidationException(Reason.SIGNATURE, "The signature of the " + what
                    + " cannot be verified: " + e.getMessage());
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenValidationException(Reason.ISSUER, "The " + what + " was issued by "
                    + claims.getIssuer() + ", not by " + issuer);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(skew).isAfter(now)) {
            throw new TokenValidationException(Reason.EXPIRED, "The " + what + " expired"
                    + (exp == null ? " (no exp claim)" : " at " + exp.toInstant()));
        }
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if ((iat != null && iat.toInstant().minus(skew).isAfter(now))
                || (nbf != null && nbf.toInstant().minus(skew).isAfter(now))) {
            throw new TokenValidationException(Reason.NOT_YET_VALID, "The " + what + " is not valid yet");
        }
        List<String> aud = claims.getAudience();
        if (expect.audience() != null) {
            String azp = stringClaim(claims, "azp");
            boolean ok = expect.strictAudience()
                    ? aud.contains(expect.audience()) && (aud.size() == 1 || expect.audience().equals(azp))
                    : aud.contains(expect.audience()) || (aud.isEmpty() && expect.audience().equals(azp));
            if (!ok) {
                throw new TokenValidationException(Reason.AUDIENCE, "The " + what + " is meant for " + aud
                        + ", not for " + expect.audience());
            }
        }
        if (expect.nonce() != null && !expect.nonce().equals(stringClaim(claims, "nonce"))) {
            throw new TokenValidationException(Reason.NONCE, "The " + what
                    + " does not carry the nonce of this login: it answers another authorization request");
        }
        String acr = stringClaim(claims, "acr");
        if (expect.acceptedAcr() != null && (acr == null || !expect.acceptedAcr().contains(acr))) {
            throw new TokenValidationException(Reason.ACR, "The " + what + " has authentication level "
                    + acr + "; accepted: " + expect.acceptedAcr());
        }
        Map<String, Object> all = new LinkedHashMap<>();
        claims.getClaims().forEach((k, v) -> {
            if (v != null) {
                all.put(k, v instanceof Date d ? d.toInstant().getEpochSecond() : v);
            }
        });
        return new VerifiedToken(claims.getSubject() == null ? "" : claims.getSubject(), claims.getIssuer(), aud,
                iat == null ? null : iat.toInstant(), exp.toInstant(), acr, all);
    }

    private static String stringClaim(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v == null ? null : v.toString();
    }
}
