package io.segursdk.testkit.internal.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JSON Web Tokens shaped like Pro Santé Connect access tokens, for the mail operator's XOAUTH2 and OAUTHBEARER checks. */
public final class Jwt {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /**
     * Signs a token.
     *
     * @param key       the HMAC key
     * @param issuer    the {@code iss} claim
     * @param subject   the {@code sub} claim
     * @param mailbox   the {@code email} claim (the mailbox the token opens)
     * @param audience  the {@code aud} claim
     * @param scope     the {@code scope} claim
     * @param issuedAt  the {@code iat} claim
     * @param expiresAt the {@code exp} claim
     * @return the compact serialization
     */
    public static String hs256(byte[] key, String issuer, String subject, String mailbox, String audience,
                               String scope, Instant issuedAt, Instant expiresAt) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + json(issuer) + "\",\"sub\":\"" + json(subject) + "\",\"email\":\""
                + json(mailbox) + "\",\"aud\":\"" + json(audience) + "\",\"preferred_username\":\"" + json(subject) + "\",\"scope\":\"" + json(scope) + "\""
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
