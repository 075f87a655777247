package io.segursdk.core.auth.psc;

import io.segursdk.core.error.TransportException;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import io.segursdk.testkit.server.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authorization code with PKCE, userinfo, refresh, exchange and logout against the PSC simulator, over the wire. */
class PscAuthorizationCodeTest {

    private static final TestPki PKI = TestPki.create();
    private static final URI CALLBACK = URI.create("https://lps.example.test/psc/callback");
    private static PscSimulator psc;
    private static PscClient client;

    @BeforeAll
    static void start() {
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("lps-web", "web-secret"))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
                .professional(TestProfessional.hospitalPharmacist("10007654321", "DURAND", "PAUL"))
                .build()
                .start();
        // tag::client[]
        client = PscClient.builder()
                .environment(PscEnvironment.custom(psc.issuer()))   // PscEnvironment.BAS, PscEnvironment.PRODUCTION
                .clientId("lps-web")
                .clientAuthentication(ClientAuthentication.clientSecretBasic("web-secret"))
                .tls(PscTestSupport.tlsFor(psc))                     // the roots of PSC's server certificates
                .build();
        // end::client[]
    }

    @AfterAll
    static void stop() {
        client.close();
        psc.close();
    }

    @Test
    void discoveryReadsPscOwnPathAndEndpoints() {
        PscProviderMetadata m = client.metadata();

        assertThat(m.issuer()).isEqualTo(psc.issuer());
        assertThat(m.tokenEndpoint()).isEqualTo(psc.tokenEndpoint());
        assertThat(m.backchannelAuthentication()).isPresent();
        assertThat(m.grantTypesSupported()).contains("urn:openid:params:grant-type:ciba");
        assertThat(psc.server().captured()).anyMatch(r -> r.path().endsWith("/.well-known/wallet-openid-configuration"));
    }

    @Test
    void webLoginGivesValidatedTokensAndTheProfessionalsExercices() throws Exception {
        // tag::authorization-code[]
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        // keep `login` in the user's server-side session and redirect the browser to login.uri()
        URI callback = PscTestSupport.followAuthorize(psc, login.uri());   // the browser comes back here
        PscTokens tokens = client.exchangeCode(login, callback);
        ProfessionalIdentity who = client.userInfo(tokens.accessToken());
        // end::authorization-code[]

        assertThat(login.uri().getQuery()).contains("code_challenge_method=S256", "acr_values=eidas1",
                "scope=openid+scope_all");
        assertThat(tokens.idTokenClaims().nationalId()).hasValue("810001234567");
        assertThat(tokens.idTokenClaims().acr()).isEqualTo("eidas1");
        assertThat(tokens.refresh()).isPresent();
        assertThat(who.nationalId()).isEqualTo("810001234567");
        assertThat(who.rpps()).hasValue("10001234567");
        assertThat(who.familyName()).isEqualTo("MARTIN");
        assertThat(who.givenName()).isEqualTo("JEANNE");
        assertThat(who.emailAddress()).hasValue("jeanne.martin@medecin.mssante.test");
        assertThat(who.exercices()).singleElement().satisfies(e -> {
            assertThat(e.professionCode()).isEqualTo("10");
            assertThat(e.savoirFaireCode()).isEqualTo("SM54");
            assertThat(e.activities()).singleElement().satisfies(a -> {
                assertThat(a.modeExerciceCode()).isEqualTo("L");
                assertThat(a.secteurActiviteCode()).isEqualTo("SA07");
                assertThat(a.structureName()).isEqualTo("CABINET DR MARTIN");
            });
        });
        assertThat(who.claims()).containsKey("SubjectRefPro");
    }

    @Test
    void callbackWithAnotherStateIsRefused() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        URI callback = PscTestSupport.followAuthorize(psc, login.uri());
        URI forged = URI.create(callback.toString().replaceAll("state=[^&]*", "state=attacker"));

        assertThatThrownBy(() -> client.exchangeCode(login, forged))
                .isInstanceOfSatisfying(TokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenValidationException.Reason.STATE));
    }

    @Test
    void codeObtainedWithAnotherNonceIsRefused() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        URI injected = URI.create(login.uri().toString().replaceAll("nonce=[^&]*", "nonce=other"));
        URI callback = PscTestSupport.followAuthorize(psc, injected);

        assertThatThrownBy(() -> client.exchangeCode(login, callback))
                .isInstanceOfSatisfying(TokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenValidationException.Reason.NONCE));
    }

    @Test
    void replayedCodeIsRefused() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        URI callback = PscTestSupport.followAuthorize(psc, login.uri());
        client.exchangeCode(login, callback);

        assertThatThrownBy(() -> client.exchangeCode(login, callback))
                .isInstanceOfSatisfying(PscErrorException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
    }

    @Test
    void wrongPkceVerifierIsRefused() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        URI callback = PscTestSupport.followAuthorize(psc, login.uri());
        AuthorizationRequest tampered = new AuthorizationRequest(login.uri(), login.redirectUri(), login.state(),
                login.nonce(), "a-verifier-that-does-not-match-the-challenge-0123456789");

        assertThatThrownBy(() -> client.exchangeCode(tampered, callback))
                .isInstanceOfSatisfying(PscErrorException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_grant");
                    assertThat(e.errorDescription()).hasValueSatisfying(d -> assertThat(d).contains("PKCE"));
                });
    }

    @Test
    void unknownProfessionalComesBackAsAccessDenied() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        URI callback = PscTestSupport.followAuthorize(psc, URI.create(login.uri() + "&login_hint=899999999999"));

        assertThatThrownBy(() -> client.exchangeCode(login, callback))
                .isInstanceOfSatisfying(PscErrorException.class, e -> {
                    assertThat(e.error()).isEqualTo("access_denied");
                    assertThat(e).isNotInstanceOf(CibaDeniedException.class);
                });
    }

    @Test
    void refreshGivesNewTokensAndLogoutEndsTheSession() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        PscTokens tokens = client.exchangeCode(login, PscTestSupport.followAuthorize(psc, login.uri()));

        PscTokens refreshed = client.refresh(tokens.refresh().orElseThrow());
        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(client.verifyAccessToken(refreshed.accessToken()).nationalId()).hasValue("810001234567");

        client.logout(refreshed);

        assertThatThrownBy(() -> client.refresh(refreshed.refresh().orElseThrow()))
                .isInstanceOfSatisfying(PscErrorException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        assertThatThrownBy(() -> client.userInfo(refreshed.accessToken()))
                .isInstanceOfSatisfying(PscErrorException.class, e -> assertThat(e.error()).isEqualTo("invalid_token"));
    }

    @Test
    void endSessionUriCarriesTheIdTokenHint() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        PscTokens tokens = client.exchangeCode(login, PscTestSupport.followAuthorize(psc, login.uri()));

        URI out = client.endSessionUri(tokens, URI.create("https://lps.example.test/bye"), "s1");

        assertThat(out.toString()).startsWith(client.metadata().endSessionEndpoint().toString())
                .contains("id_token_hint=" + tokens.idToken(), "state=s1");
    }

    @Test
    void tokenExchangeIssuesATokenForTheRequestedAudience() throws Exception {
        AuthorizationRequest login = client.authorizationRequest(CALLBACK);
        PscTokens tokens = client.exchangeCode(login, PscTestSupport.followAuthorize(psc, login.uri()));

        ExchangedToken exchanged = client.exchangeToken(tokens.accessToken(), "dmp-api");

        assertThat(exchanged.issuedTokenType()).isEqualTo(PscClient.TOKEN_TYPE_ACCESS);
        assertThat(client.verifyAccessToken(exchanged.accessToken(), "dmp-api").audience()).containsExactly("dmp-api");
        assertThatThrownBy(() -> client.verifyAccessToken(exchanged.accessToken()))
                .isInstanceOfSatisfying(TokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenValidationException.Reason.AUDIENCE));
        assertThatThrownBy(() -> client.exchangeToken("not-a-token", "dmp-api"))
                .isInstanceOfSatisfying(PscErrorException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
    }

    @Test
    void serverErrorIsARetryableTransportException() {
        psc.server().injectFault(Fault.status(503, "text/html", "<html>maintenance</html>").onPath(
                psc.tokenEndpoint().getPath()));
        try {
            assertThatThrownBy(() -> client.refresh("whatever"))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(503);
                        assertThat(e.isRetryable()).isTrue();
                    });
        } finally {
            psc.server().clearFaults();
        }
    }
}
