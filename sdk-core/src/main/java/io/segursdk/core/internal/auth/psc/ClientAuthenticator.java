package io.segursdk.core.internal.auth.psc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.segursdk.core.auth.psc.ClientAuthentication;
import io.segursdk.core.credentials.SignatureAlgorithm;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** Adds the client's authentication to a request for the token, CIBA, introspection and revocation endpoints. */
public final class ClientAuthenticator {

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientId;
    private final ClientAuthentication auth;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param clientId the client id
     * @param auth     the method and secret or key
     * @param clock    the clock
     * @param random   randomness for assertion ids
     */
    public ClientAuthenticator(String clientId, ClientAuthentication auth, Clock clock, SecureRandom random) {
        this.clientId = clientId;
        this.auth = auth;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param form     the form to complete
     * @param headers  the headers to complete
     * @param audience the assertion audience (the token endpoint)
     */
    public void apply(Map<String, String> form, Map<String, String> headers, URI audience) {
        switch (auth.method()) {
            case CLIENT_SECRET_BASIC:
                String user = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(auth.secret().orElseThrow(), StandardCharsets.UTF_8);
                headers.put("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
                break;
            case CLIENT_SECRET_POST:
                form.put("client_id", clientId);
                form.put("client_secret", auth.secret().orElseThrow());
                break;
            case PRIVATE_KEY_JWT:
                form.put("client_id", clientId);
                form.put("client_assertion_type", ASSERTION_TYPE);
                form.put("client_assertion", assertion(audience));
                break;
            default:
                form.put("client_id", clientId);
        }
    }

    private String assertion(URI audience) {
        Date now = Date.from(clock.instant());
        byte[] jti = new byte[18];
        random.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId).subject(clientId).audience(audience.toString())
                .issueTime(now).expirationTime(Date.from(clock.instant().plusSeconds(60)))
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(jti))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
        byte[] signature = auth.credential().orElseThrow()
                .sign(SignatureAlgorithm.RSA_SHA256, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }
}
