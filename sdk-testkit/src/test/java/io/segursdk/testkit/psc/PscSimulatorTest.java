package io.segursdk.testkit.psc;

import io.segursdk.testkit.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's endpoints driven with the JDK HTTP client, as a mail server or a vendor's tool would. */
class PscSimulatorTest {

    private static final TestPki PKI = TestPki.create();
    private static PscSimulator psc;
    private static HttpClient http;
    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString("dovecot:introspect".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void start() throws Exception {
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("dovecot", "introspect"))
                .client(RegisteredClient.secret("lps", "secret"))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
                .build()
                .start();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(PKI.trustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        psc.close();
    }

    private static HttpResponse<String> post(URI uri, String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryIsAtPscPathAndNamesTheIssuer() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(psc.discoveryUri()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(psc.discoveryUri().getPath())
                .isEqualTo("/auth/realms/esante-wallet/.well-known/wallet-openid-configuration");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"issuer\":\"" + psc.issuer() + "\"", "backchannel_authentication_endpoint",
                "introspection_endpoint", "urn:openid:params:grant-type:ciba");
    }

    @Test
    void introspectionForAMailServer() throws Exception {
        String token = psc.issueAccessToken("810001234567", "lps");

        HttpResponse<String> byForm = post(psc.introspectionEndpoint(), "token=" + token, BASIC);
        HttpResponse<String> byBearer = post(psc.introspectionEndpoint(), "", "Bearer " + token);
        HttpResponse<String> wrongSecret = post(psc.introspectionEndpoint(), "token=" + token,
                "Basic " + Base64.getEncoder().encodeToString("dovecot:nope".getBytes(StandardCharsets.UTF_8)));

        assertThat(byForm.body()).contains("\"active\":true", "\"username\":\"810001234567\"",
                "\"email\":\"jeanne.martin@medecin.mssante.test\"", "\"client_id\":\"lps\"");
        assertThat(byBearer.body()).contains("\"active\":true");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(post(psc.introspectionEndpoint(), "token=" + psc.forgeJwt(java.util.Map.of("iss", "x")), BASIC)
                .body()).contains("\"active\":false");
    }

    @Test
    void revokedTokenIsInactive() throws Exception {
        String token = psc.issueAccessToken("810001234567", "lps");
        String lps = "Basic " + Base64.getEncoder().encodeToString("lps:secret".getBytes(StandardCharsets.UTF_8));

        assertThat(post(psc.server().uri("/auth/realms/esante-wallet/protocol/openid-connect/revoke"),
                "token=" + token, lps).statusCode()).isEqualTo(200);

        assertThat(post(psc.introspectionEndpoint(), "token=" + token, BASIC).body()).contains("\"active\":false");
    }

    @Test
    void authorizeRefusesUnknownClientsAndRequiresPkce() throws Exception {
        URI unknownClient = URI.create(psc.server().uri("/auth/realms/esante-wallet/protocol/openid-connect/auth")
                + "?response_type=code&client_id=nobody&redirect_uri=https://x.test/cb&scope=openid");
        URI noPkce = URI.create(psc.server().uri("/auth/realms/esante-wallet/protocol/openid-connect/auth")
                + "?response_type=code&client_id=lps&redirect_uri=https://x.test/cb&scope=openid&state=s");

        assertThat(http.send(HttpRequest.newBuilder(unknownClient).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(noPkce).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).startsWith("https://x.test/cb?error=invalid_request").contains("state=s"));
    }

    @Test
    void vendorsAddTheirOwnProfessionals() {
        TestProfessional nurse = new TestProfessional("810009999999", "PETIT", "LUC", "M", null,
                List.of(new TestExercice("60", "C", null, null, "PETIT", "LUC",
                        List.of(TestActivity.liberalOffice("R10100000099999", "CABINET INFIRMIER PETIT")))));
        psc.addProfessional(nurse);

        assertThat(psc.idTokenClaims("810009999999", "lps", null)).containsEntry("SubjectNameID", "810009999999");
        assertThatThrownBy(() -> psc.issueAccessToken("899999999999", "lps"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TestProfessional("8-1", "A", "B", null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
