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

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
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

    /** A pharmacy's organisational mailbox, which patients may write to first. */
    static final String PHARMACY = "pharmacie.centre@test.mssante.fr";
    /** A mailbox the operator accepts at RCPT time, then cannot deliver to: the sender gets a failure DSN. */
    static final String GONE = "dr.parti@test.mssante.fr";
    static final String PATIENT_PASSWORD = "patient-pw";

    final TestPki pki = TestPki.create();
    final MailOperator operator;
    final SmtpCutProxy proxy;

    MailWorld() {
        operator = MailOperator.builder(pki).user(patientAddress(PATIENT), PATIENT_PASSWORD).openToPatients(PHARMACY)
                .undeliverable(GONE).start();
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

    /**
     * Saves a message in a folder of a mailbox over IMAP (APPEND), as an operator or a mail client saving a copy of
     * each message sent does.
     */
    void append(String mailbox, String folder, byte[] rfc5322) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.imaps.ssl.trust", operator.host());
        p.put("mail.imaps.auth.mechanisms", "XOAUTH2");
        Session session = Session.getInstance(p);
        try (Store store = session.getStore("imaps")) {
            store.connect(operator.host(), operator.imapsPort(), mailbox, operator.accessToken(mailbox));
            Folder f = store.getFolder(folder);
            f.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(rfc5322))});
        }
    }

    /** The patient's side (Mon espace santé): a plain submission with the patient's password; its Message-ID. */
    String patientWrites(String to, String subject) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", operator.host());
        p.put("mail.smtp.port", Integer.toString(operator.submissionPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", "PLAIN");
        p.put("mail.smtp.ssl.trust", operator.host());
        p.put("mail.smtp.localhost", "localhost");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        String patient = patientAddress(PATIENT);
        m.setFrom(new InternetAddress(patient));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setText("Bonjour, voici mon ordonnance.", "UTF-8");
        m.saveChanges();
        Transport.send(m, patient, PATIENT_PASSWORD);
        String id = m.getMessageID();
        return id.substring(1, id.length() - 1);
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
