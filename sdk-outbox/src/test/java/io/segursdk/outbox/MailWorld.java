package io.segursdk.outbox;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;
import io.segursdk.mssante.ConnectionSecurity;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.TestPki;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real mail operator (the testkit's Dovecot + Postfix, started privately) and the test's own SMTP proxy in front of
 * its SMTPS port, with MSSanté clients for any professional mailbox of its domain.
 */
final class MailWorld implements AutoCloseable {

    static final String PRODUCT = "SEGUR-SDK-OUTBOX-TEST";
    /** A patient with a production INS-NIR (fictitious), whose mailbox the operator serves. */
    static final PatientIdentity PATIENT = patient("2790351215189");

    final TestPki pki = TestPki.create();
    final MailOperator operator;
    final SmtpCutProxy proxy;

    MailWorld() {
        operator = MailOperator.builder(pki).user(patientAddress(PATIENT), "patient-pw").start();
        try {
            char[] pw = "changeit".toCharArray();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(pki.issueServer("localhost", "127.0.0.1").toKeyStore(pw), pw);
            SSLContext down = SSLContext.getInstance("TLS");
            down.init(kmf.getKeyManagers(), null, null);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(pki.trustStore());
            SSLContext up = SSLContext.getInstance("TLS");
            up.init(null, tmf.getTrustManagers(), null);
            proxy = new SmtpCutProxy(down, up, operator.smtpsPort());
        } catch (IOException | java.security.GeneralSecurityException e) {
            operator.close();
            throw new IllegalStateException(e);
        }
    }

    static PatientIdentity patient(String number13) {
        IdentityTraits traits = IdentityTraits.builder().birthName("Lacombe").birthFirstNames("Odile").sex(Sex.F)
                .birthDate("1979-03-16").build();
        return PatientIdentity.restore(traits, IdentityStatus.QUALIFIED,
                Ins.of(number13 + Ins.computeKey(number13), InsAuthority.NIR), Set.of());
    }

    static String patientAddress(PatientIdentity p) {
        return p.requireQualifiedIns().matricule() + "@" + MailOperator.PATIENT_DOMAIN;
    }

    /** A client of the mailbox that submits through the test's proxy (SMTPS) and reads over IMAPS. */
    MssanteClient viaProxy(String mailbox) {
        return builder(mailbox, proxy.port()).build();
    }

    /** A client of the mailbox that submits to the operator directly. */
    MssanteClient direct(String mailbox) {
        return builder(mailbox, operator.smtpsPort()).build();
    }

    MssanteClient.Builder builder(String mailbox, int smtpsPort) {
        return MssanteClient.builder()
                .smtp(operator.host(), smtpsPort)
                .imap(operator.host(), operator.imapsPort())
                .security(ConnectionSecurity.IMPLICIT_TLS)
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .authentication(MssanteAuthentication.xoauth2(() -> operator.accessToken(mailbox)))
                .mailbox(mailbox)
                .productReference(PRODUCT)
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    /** How many messages with this Message-ID the mailbox holds, counted over IMAP. */
    static int count(MssanteClient mailbox, String messageId) {
        return mailbox.messagesWithId("INBOX", messageId).size();
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } catch (IOException e) {
            // closing
        }
        operator.close();
    }
}
