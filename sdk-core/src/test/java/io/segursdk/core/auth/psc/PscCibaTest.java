package io.segursdk.core.auth.psc;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.CibaOutcome;
import io.segursdk.testkit.psc.CibaOutcome.Step;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import io.segursdk.testkit.server.SimRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CIBA in poll mode and the client authentication methods, against the PSC simulator. */
class PscCibaTest {

    private static final TestPki PKI = TestPki.create();
    private static final String NATIONAL_ID = "810001234567";
    private static IssuedCredential backendCertificate;
    private static PscSimulator psc;
    private static PscClient client;

    @BeforeAll
    static void start() {
        backendCertificate = PKI.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("lps-backend", "backend-secret"))
                .client(RegisteredClient.privateKeyJwt("lps-jwt", backendCertificate.certificate()))
                .client(RegisteredClient.tlsClientAuth("lps-mtls", backendCertificate.certificate()))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
                .cibaIntervalSeconds(0)
                .build()
                .start();
        client = clientWith("lps-backend", ClientAuthentication.clientSecretBasic("backend-secret"));
    }

    @AfterAll
    static void stop() {
        client.close();
        psc.close();
    }

    private static PscClient clientWith(String clientId, ClientAuthentication auth) {
        return PscClient.builder()
                .environment(PscEnvironment.custom(psc.issuer()))
                .clientId(clientId)
                .clientAuthentication(auth)
                .tls(PscTestSupport.tlsFor(psc))
                .build();
    }

    @Test
    void professionalApprovesAfterTwoPendingPolls() {
        psc.enqueueCibaOutcome(CibaOutcome.pendingThenApprove(2));
        psc.server().clearCaptured();

        // tag::ciba[]
        CibaRequest request = client.startCiba(NATIONAL_ID, "42", PscClient.CibaChannel.MOBILE);
        // show request.bindingMessage() ("42") to the professional, who checks it on the e-CPS app
        PscTokens tokens = client.awaitCiba(request);
        // end::ciba[]

        assertThat(tokens.idTokenClaims().nationalId()).hasValue(NATIONAL_ID);
        SimRequest auth = psc.server().captured().stream()
                .filter(r -> r.path().endsWith("/ext/ciba/auth")).findFirst().orElseThrow();
        assertThat(auth.bodyAsString()).contains("login_hint=" + NATIONAL_ID, "binding_message=42",
                "acr_values=eidas1", "channel=MOBILE", "scope=openid+scope_all");
        assertThat(auth.header("authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic "));
        long polls = psc.server().captured().stream().filter(r -> r.path().endsWith("/token")).count();
        assertThat(polls).isEqualTo(3);
    }

    @Test
    void pollReportsPendingThenSlowDownWithALongerInterval() {
        psc.enqueueCibaOutcome(CibaOutcome.of(Step.PENDING, Step.SLOW_DOWN, Step.APPROVE));
        CibaRequest request = client.startCiba(NATIONAL_ID, "07", null);

        CibaPollResult first = client.pollCiba(request);
        CibaPollResult second = client.pollCiba(first.request());
        CibaPollResult third = client.pollCiba(second.request());

        assertThat(first.status()).isEqualTo(CibaPollResult.Status.PENDING);
        assertThat(second.status()).isEqualTo(CibaPollResult.Status.SLOW_DOWN);
        assertThat(second.request().interval()).isEqualTo(request.interval().plus(Duration.ofSeconds(5)));
        assertThat(third.status()).isEqualTo(CibaPollResult.Status.APPROVED);
        assertThat(third.approvedTokens()).isPresent();
    }

    @Test
    void refusalAndExpiryAreTypedErrors() {
        psc.enqueueCibaOutcome(CibaOutcome.deny());
        CibaRequest denied = client.startCiba(NATIONAL_ID, "11", PscClient.CibaChannel.CARD);
        assertThatThrownBy(() -> client.awaitCiba(denied)).isInstanceOf(CibaDeniedException.class);

        psc.enqueueCibaOutcome(CibaOutcome.of(Step.PENDING, Step.EXPIRE));
        CibaRequest expired = client.startCiba(NATIONAL_ID, "12", null);
        assertThatThrownBy(() -> client.awaitCiba(expired)).isInstanceOf(CibaExpiredException.class);
    }

    @Test
    void unknownNationalIdIsRefusedByPsc() {
        assertThatThrownBy(() -> client.startCiba("899999999999", "42", null))
                .isInstanceOfSatisfying(PscErrorException.class, e -> {
                    assertThat(e.error()).isEqualTo("unknown_user_id");
                    assertThat(e.code()).hasValue("unknown_user_id");
                });
    }

    @Test
    void badBindingMessageIsRefusedBeforeAnyCall() {
        psc.server().clearCaptured();
        assertThatThrownBy(() -> client.startCiba(NATIONAL_ID, "4242", null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).anyMatch(v -> v.field().equals("psc.ciba.bindingMessage")));
        assertThat(psc.server().captured()).noneMatch(r -> r.path().endsWith("/ext/ciba/auth"));
    }

    @Test
    void privateKeyJwtClientAuthentication() {
        try (PscClient jwtClient = clientWith("lps-jwt", ClientAuthentication.privateKeyJwt(
                SoftwareCredential.of(backendCertificate.privateKey(), backendCertificate.chain())))) {
            PscTokens tokens = jwtClient.awaitCiba(jwtClient.startCiba(NATIONAL_ID, "33", null));
            assertThat(tokens.idTokenClaims().audience()).containsExactly("lps-jwt");
            assertThat(psc.server().captured()).anyMatch(r -> r.path().endsWith("/ext/ciba/auth")
                    && r.bodyAsString().contains("client_assertion_type=") && r.bodyAsString().contains("client_assertion="));
        }
    }

    @Test
    void privateKeyJwtWithAnotherKeyIsRefused() {
        IssuedCredential other = PKI.issueOrganisation(OrganisationProfile.insiAuto("10B0999999"));
        try (PscClient jwtClient = clientWith("lps-jwt", ClientAuthentication.privateKeyJwt(
                SoftwareCredential.of(other.privateKey(), other.chain())))) {
            assertThatThrownBy(() -> jwtClient.startCiba(NATIONAL_ID, "33", null))
                    .isInstanceOfSatisfying(PscErrorException.class,
                            e -> assertThat(e.error()).isEqualTo("invalid_client"));
        }
    }

    @Test
    void mutualTlsClientAuthentication() {
        try (PscClient mtlsClient = clientWith("lps-mtls", ClientAuthentication.tlsClientAuth(
                SoftwareCredential.of(backendCertificate.privateKey(), backendCertificate.chain())))) {
            PscTokens tokens = mtlsClient.awaitCiba(mtlsClient.startCiba(NATIONAL_ID, "34", null));
            assertThat(tokens.idTokenClaims().audience()).containsExactly("lps-mtls");
            assertThat(psc.server().captured()).anyMatch(r -> r.path().endsWith("/ext/ciba/auth")
                    && r.clientCertificate().equals(java.util.Optional.of(backendCertificate.certificate())));
        }
    }

    @Test
    void wrongSecretIsInvalidClient() {
        try (PscClient wrong = clientWith("lps-backend", ClientAuthentication.clientSecretPost("not-the-secret"))) {
            assertThatThrownBy(() -> wrong.startCiba(NATIONAL_ID, "42", null))
                    .isInstanceOfSatisfying(PscErrorException.class, e -> {
                        assertThat(e.error()).isEqualTo("invalid_client");
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain("not-the-secret");
                    });
        }
    }
}
