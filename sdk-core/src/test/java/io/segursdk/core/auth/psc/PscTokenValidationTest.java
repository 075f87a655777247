package io.segursdk.core.auth.psc;

import io.segursdk.core.auth.psc.TokenValidationException.Reason;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token validation (signature, key rotation, issuer, audience, expiry, nonce, acr), sessions and introspection. */
class PscTokenValidationTest {

    private static final TestPki PKI = TestPki.create();
    private static final String NATIONAL_ID = "810001234567";
    private static final PscTestSupport.MovableClock CLOCK = new PscTestSupport.MovableClock();
    private static PscSimulator psc;
    private static PscClient client;

    @BeforeAll
    static void start() {
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("lps", "secret"))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
                .cibaIntervalSeconds(0)
                .build()
                .start();
        client = PscClient.builder()
                .environment(PscEnvironment.custom(psc.issuer()))
                .clientId("lps")
                .clientAuthentication(ClientAuthentication.clientSecretBasic("secret"))
                .tls(PscTestSupport.tlsFor(psc))
                .clock(CLOCK)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        psc.close();
    }

    private static Map<String, Object> idClaims() {
        return psc.idTokenClaims(NATIONAL_ID, "lps", "n-1");
    }

    private static Reason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (TokenValidationException e) {
            assertThat(e.getMessage()).doesNotContain("eyJ");
            return e.reason();
        }
        throw new AssertionError("no TokenValidationException");
    }

    @Test
    void validIdTokenPasses() {
        VerifiedToken t = client.verifyIdToken(psc.signJwt(idClaims()), "n-1");

        assertThat(t.nationalId()).hasValue(NATIONAL_ID);
        assertThat(t.audience()).containsExactly("lps");
        assertThat(t.acr()).isEqualTo("eidas1");
    }

    @Test
    void eachFailedCheckHasItsReason() {
        Map<String, Object> expired = idClaims();
        long past = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        expired.put("exp", past);
        expired.put("iat", past - 300);
        Map<String, Object> otherAudience = idClaims();
        otherAudience.put("aud", "another-software");
        Map<String, Object> otherIssuer = idClaims();
        otherIssuer.put("iss", "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet");
        Map<String, Object> lowAcr = idClaims();
        lowAcr.put("acr", "eidas0");
        Map<String, Object> noAcr = idClaims();
        noAcr.remove("acr");
        Map<String, Object> future = idClaims();
        future.put("iat", Instant.now().plus(Duration.ofHours(1)).getEpochSecond());

        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(expired), "n-1"))).isEqualTo(Reason.EXPIRED);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(otherAudience), "n-1"))).isEqualTo(Reason.AUDIENCE);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(otherIssuer), "n-1"))).isEqualTo(Reason.ISSUER);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(idClaims()), "n-2"))).isEqualTo(Reason.NONCE);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(lowAcr), "n-1"))).isEqualTo(Reason.ACR);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(noAcr), "n-1"))).isEqualTo(Reason.ACR);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.signJwt(future), "n-1"))).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(reasonOf(() -> client.verifyIdToken(psc.forgeJwt(idClaims()), "n-1"))).isEqualTo(Reason.SIGNATURE);
        assertThat(reasonOf(() -> client.verifyIdToken("not.a.jwt", "n-1"))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void unsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"iss\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + ".";

        assertThat(reasonOf(() -> client.verifyIdToken(none, null))).isIn(Reason.MALFORMED, Reason.ALGORITHM);
    }

    @Test
    void eidas2IsAcceptedWhenEidas1WasRequested() {
        Map<String, Object> c = idClaims();
        c.put("acr", "eidas2");

        assertThat(client.verifyIdToken(psc.signJwt(c), "n-1").acr()).isEqualTo("eidas2");
    }

    @Test
    void keyRotationIsFollowed() {
        client.verifyIdToken(psc.signJwt(idClaims()), "n-1");   // JWKS cached
        psc.rotateSigningKey();
        String signedWithNewKey = psc.signJwt(idClaims());

        // right after a fetch, an unknown key id does not trigger another one
        assertThat(reasonOf(() -> client.verifyIdToken(signedWithNewKey, "n-1"))).isEqualTo(Reason.UNKNOWN_KEY);
        CLOCK.advance(Duration.ofSeconds(11));
        try {
            assertThat(client.verifyIdToken(signedWithNewKey, "n-1").nationalId()).hasValue(NATIONAL_ID);
        } finally {
            CLOCK.advance(Duration.ofSeconds(-11));
        }
    }

    @Test
    void accessTokenAudienceIsChecked() {
        String token = psc.issueAccessToken(NATIONAL_ID, "someone-else");

        assertThat(reasonOf(() -> client.verifyAccessToken(token))).isEqualTo(Reason.AUDIENCE);
        assertThat(client.verifyAccessToken(token, "someone-else").nationalId()).hasValue(NATIONAL_ID);
    }

    @Test
    void sessionRefreshesBeforeExpiryAndEndsWhenRefreshIsRefused() {
        PscTokens tokens = client.awaitCiba(client.startCiba(NATIONAL_ID, "42", null));

        // tag::session[]
        PscSession session = client.session(tokens);
        AccessTokenSupplier supplier = session.accessTokenSupplier();   // hand this to the MSSanté client
        String bearer = supplier.accessToken();                         // ask right before each use
        // end::session[]
        assertThat(bearer).isEqualTo(tokens.accessToken());

        supplier.invalidate();
        String afterInvalidate = supplier.accessToken();
        assertThat(afterInvalidate).isNotEqualTo(bearer);

        CLOCK.advance(Duration.ofMinutes(5));
        try {
            String afterExpiry = supplier.accessToken();
            assertThat(afterExpiry).isNotEqualTo(afterInvalidate);
        } finally {
            CLOCK.advance(Duration.ofMinutes(-5));
        }

        session.logout();
        assertThat(session.isEnded()).isTrue();
        assertThatThrownBy(supplier::accessToken).isInstanceOf(PscErrorException.class);
    }

    @Test
    void introspectionReportsActiveTokensWithTheMailboxAndInactiveOnesAfterLogout() throws Exception {
        PscTokens tokens = client.awaitCiba(client.startCiba(NATIONAL_ID, "42", null));
        String basic = "Basic " + Base64.getEncoder().encodeToString("lps:secret".getBytes(StandardCharsets.UTF_8));

        String active = introspect(tokens.accessToken(), basic);
        assertThat(active).contains("\"active\":true", "\"username\":\"" + NATIONAL_ID + "\"",
                "\"email\":\"jeanne.martin@medecin.mssante.test\"");

        client.logout(tokens);
        assertThat(introspect(tokens.accessToken(), basic)).contains("\"active\":false");
        assertThat(introspect(psc.forgeJwt(idClaims()), basic)).contains("\"active\":false");
        HttpResponse<String> noAuth = post(psc.introspectionEndpoint(), "token=x", null);
        assertThat(noAuth.statusCode()).isEqualTo(401);
    }

    private static String introspect(String token, String auth) throws Exception {
        HttpResponse<String> r = post(psc.introspectionEndpoint(), "token=" + token, auth);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> post(URI uri, String form, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return PscTestSupport.browser(psc).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void builderListsEveryMissingSetting() {
        assertThatThrownBy(() -> PscClient.builder().scope("profile").build())
                .isInstanceOfSatisfying(io.segursdk.core.error.InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).contains("psc.environment",
                                "psc.clientId", "psc.clientAuthentication", "psc.tls", "psc.scope"));
        assertThat(Set.of(PscEnvironment.BAS.discoveryUri().toString())).containsExactly(
                "https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet/.well-known/wallet-openid-configuration");
    }
}
