package io.segursdk.mssante;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.mail.MailOperator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SASL OAUTHBEARER (RFC 7628) over the wire against the real operator (Dovecot + Postfix from the testkit): SMTP
 * submission and IMAP reading with a Pro Santé Connect-shaped token, on STARTTLS and implicit TLS ports, and every
 * kind of refused token reported with the operator's JSON error, nothing sent.
 */
class OAuthBearerContractTest extends MailOperatorTest {


    private static MssanteClient.Builder clientFor(String mailbox, AccessTokenSupplier tokens) {
        TlsOptions tls = TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(true).build();
        return MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(tls)
                .authentication(MssanteAuthentication.oauthBearer(tokens))
                .mailbox(mailbox)
                .productReference("SEGUR-SDK-TEST-1.0");
    }

    @Test
    void submitsOverSmtpAndReadsOverImapWithOauthBearer() {
        String from = "dr.ob1@test.mssante.fr";
        String to = "dr.ob2@test.mssante.fr";
        AtomicInteger tokensAsked = new AtomicInteger();
        // tag::oauthbearer[]
        MssanteClient sender = MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(true).build())
                .authentication(MssanteAuthentication.oauthBearer(() -> {
                    tokensAsked.incrementAndGet();
                    return operator.accessToken(from);   // pscSession.accessTokenSupplier() in an application
                }))
                .mailbox(from)
                .productReference("SEGUR-SDK-TEST-1.0")
                .build();
        // end::oauthbearer[]
        try (sender; MssanteClient receiver = clientFor(to, () -> operator.accessToken(to)).build()) {
            sender.send(MssanteMessage.builder().to(to).subject("OAUTHBEARER").text("Bonjour")
                    .attachment("cr.pdf", "application/pdf", "%PDF-1.4 ob".getBytes(StandardCharsets.US_ASCII))
                    .build());
            assertThat(tokensAsked).hasValue(1);

            IncomingMessage m = Inboxes.await(receiver, 1).get(0);
            assertThat(m.from()).isEqualTo(from);
            assertThat(m.subject()).isEqualTo("OAUTHBEARER");
            assertThat(m.attachments()).singleElement()
                    .satisfies(a -> assertThat(a.content()).isEqualTo("%PDF-1.4 ob".getBytes(StandardCharsets.US_ASCII)));
            receiver.flag("INBOX", m.uid(), MessageFlag.SEEN, true);
            receiver.move("INBOX", m.uid(), "Archives");
            assertThat(receiver.messages("INBOX")).isEmpty();
            assertThat(receiver.messages("Archives")).singleElement()
                    .satisfies(a -> assertThat(a.flags()).contains(MessageFlag.SEEN));
        }
    }

    @Test
    void implicitTlsPortsWithOauthBearer() {
        String doctor = "dr.ob3@test.mssante.fr";
        try (MssanteClient client = clientFor(doctor, () -> operator.accessToken(doctor))
                .security(ConnectionSecurity.IMPLICIT_TLS)
                .smtp(operator.host(), operator.smtpsPort())
                .imap(operator.host(), operator.imapsPort())
                .build()) {
            client.send(MssanteMessage.builder().to(doctor).subject("TLS implicite OAUTHBEARER").text("x").build());
            assertThat(Inboxes.await(client, 1).get(0).subject()).isEqualTo("TLS implicite OAUTHBEARER");
        }
    }

    @Test
    void refusedTokensComeBackWithTheOperatorsJsonErrorAndNothingIsSent() {
        String doctor = "dr.ob4@test.mssante.fr";
        String recipient = "dr.ob5@test.mssante.fr";
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("expired", operator.accessToken(doctor, Instant.now().minus(Duration.ofMinutes(2))));
        String scopes = "openid " + MailOperator.TOKEN_SCOPE;
        refused.put("wrong audience", operator.accessToken(doctor, MailOperator.TOKEN_ISSUER, "another-service",
                scopes, later));
        refused.put("foreign issuer", operator.accessToken(doctor, "https://idp.elsewhere.test/realms/x",
                MailOperator.TOKEN_AUDIENCE, scopes, later));
        refused.put("missing scope", operator.accessToken(doctor, MailOperator.TOKEN_ISSUER,
                MailOperator.TOKEN_AUDIENCE, "openid", later));
        refused.put("forged", operator.forgedAccessToken(doctor));
        refused.put("another mailbox's", operator.accessToken("dr.someone.else@test.mssante.fr"));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            AtomicInteger invalidated = new AtomicInteger();
            AccessTokenSupplier supplier = new AccessTokenSupplier() {
                @Override
                public String accessToken() {
                    return token.getValue();
                }

                @Override
                public void invalidate() {
                    invalidated.incrementAndGet();
                }
            };
            try (MssanteClient client = clientFor(doctor, supplier).build()) {
                TokenRefusedException smtp = catchThrowableOfType(() -> client.send(MssanteMessage.builder()
                        .to(recipient).subject("x").text("x").build()), TokenRefusedException.class);
                assertThat(smtp).as(token.getKey() + " over SMTP").isNotNull();
                assertOperatorError(smtp, token.getKey());
                assertThat(smtp.service()).contains("MSSANTE-SMTP");

                TokenRefusedException imap = catchThrowableOfType(() -> client.messages("INBOX"),
                        TokenRefusedException.class);
                assertThat(imap).as(token.getKey() + " over IMAP").isNotNull();
                assertOperatorError(imap, token.getKey());
                assertThat(imap.service()).contains("MSSANTE-IMAP");
                assertThat(invalidated).as(token.getKey()).hasValue(2);
            }
        }
        assertThat(operator.delivered(recipient)).isEmpty();
    }

    /**
     * The operator's RFC 7628 error, whole: Dovecot sends {@code status} and {@code openid-configuration} (it adds
     * {@code scope} only when its token source reports one).
     */
    private static void assertOperatorError(TokenRefusedException e, String what) {
        assertThat(e.serverError()).as(what).hasValueSatisfying(json -> assertThat(json)
                .contains("\"status\"")
                .contains("\"openid-configuration\":\"" + MailOperator.OPENID_CONFIGURATION + "\""));
        assertThat(e.code()).as(what).contains("invalid_token");
        // The server answered the exchange's end (after the client's %x01), rather than the client timing out.
        assertThat(e.getCause()).as(what).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        assertThat(e.getMessage()).doesNotContain("eyJ");
    }
}
