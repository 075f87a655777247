package io.segursdk.mssante;

import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tokens from the Pro Santé Connect simulator, checked by the operator through RFC 7662 introspection, as an MSSanté
 * operator checks PSC access tokens.
 */
class PscTokenContractTest {

    private static final TestPki PKI = TestPki.create();
    private static final String RPPS_ID = "810001234567";
    private static PscSimulator psc;
    private static MailOperator operator;
    private static String mailbox;

    @BeforeAll
    static void start() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        TestProfessional doctor = TestProfessional.physician("10001234567", "MARTIN", "JEANNE");
        mailbox = doctor.emailAddress().orElseThrow();
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("mss-operator", "introspect"))
                .client(RegisteredClient.secret("lps", "secret"))
                .professional(doctor)
                .build()
                .start();
        operator = MailOperator.builder(PKI)
                .professionalDomain(mailbox.substring(mailbox.indexOf('@') + 1))
                .introspection(psc.introspectionEndpoint(), "mss-operator", "introspect", psc.trustAnchor())
                .start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (psc != null) {
            psc.close();
        }
    }

    private static MssanteClient client(io.segursdk.core.auth.psc.AccessTokenSupplier tokens) {
        return MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).build())
                .authentication(MssanteAuthentication.xoauth2(tokens))
                .mailbox(mailbox)
                .productReference("SEGUR-SDK-TEST-1.0")
                .build();
    }

    @Test
    void pscTokenOpensTheMailbox() {
        try (MssanteClient client = client(() -> psc.issueAccessToken(RPPS_ID, "lps"))) {
            client.send(MssanteMessage.builder().to(mailbox).subject("note").text("à moi-même").build());
            operator.awaitDelivered(mailbox, 1, Duration.ofSeconds(15));
            assertThat(client.folders()).contains("INBOX");
        }
    }

    @Test
    void forgedPscTokenIsRefused() {
        String forged = psc.forgeJwt(Map.of("iss", psc.issuer().toString(), "sub", "f:x", "email", mailbox));
        try (MssanteClient client = client(() -> forged)) {
            TokenRefusedException e = catchThrowableOfType(client::folders, TokenRefusedException.class);
            assertThat(e.serverError()).hasValueSatisfying(j -> assertThat(j).contains("\"status\""));
        }
    }

    @Test
    void operatorOwnTokensAreNotAcceptedWhenIntrospecting() {
        try (MssanteClient client = client(() -> operator.accessToken(mailbox))) {
            assertThat(catchThrowableOfType(client::folders, TokenRefusedException.class)).isNotNull();
        }
    }
}
