package io.segursdk.mssante;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client over the wire against a real operator (Dovecot + Postfix from the testkit): STARTTLS with the test
 * PKI's trust anchor and the ANS cipher suites, XOAUTH2 tokens, client-certificate mailboxes, the patient rules,
 * DSN, MDN and XDM.
 */
class MssanteContractTest {

    private static final TestPki PKI = TestPki.create();
    private static final String LABO = "labo.app@test.mssante.fr";
    private static final String PATIENT_PASSWORD = "patient-pw";
    private static final String PHARMACY = "officine.centre@test.mssante.fr";
    private static final String PHARMACIST = "carole.pharmacien@test.mssante.fr";
    private static IssuedCredential laboCertificate;
    private static MailOperator operator;

    @BeforeAll
    static void start() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        laboCertificate = PKI.issueOrganisation(OrganisationProfile.builder().commonName(LABO)
                .structureId("10B0152872").structureName("LABO TEST").build());
        MailOperator.Builder b = MailOperator.builder(PKI).certificateMailbox(LABO, laboCertificate.certificate())
                .openToPatients(PHARMACY).personalMailbox(PHARMACIST);
        for (String n : List.of("1930169123045", "2790351215189", "1850275123456", "2680499123123")) {
            b.user(Patients.qualified(n).requireQualifiedIns().matricule() + "@" + MailOperator.PATIENT_DOMAIN,
                    PATIENT_PASSWORD);
        }
        operator = b.start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    static TlsOptions tls() {
        return TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(true).build();
    }

    static MssanteClient.Builder clientFor(String mailbox, AccessTokenSupplier tokens) {
        return MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(tls())
                .authentication(MssanteAuthentication.xoauth2(tokens))
                .mailbox(mailbox)
                .productReference("SEGUR-SDK-TEST-1.0");
    }

    static MssanteClient client(String mailbox) {
        return clientFor(mailbox, () -> operator.accessToken(mailbox)).build();
    }

    /** The patient's side (Mon espace santé): a plain SMTP submission with the patient's password. */
    static void patientWrites(String patientAddress, String to, String inReplyTo) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", operator.host());
        p.put("mail.smtp.port", Integer.toString(operator.submissionPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", "PLAIN");
        p.put("mail.smtp.ssl.trust", "localhost");
        p.put("mail.smtp.localhost", "localhost");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(patientAddress));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("Re: vos résultats", "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", "<" + inReplyTo + ">");
        }
        m.setText("Merci docteur", "UTF-8");
        Transport.send(m, patientAddress, PATIENT_PASSWORD);
    }

    // ------------------------------------------------------------------------------------------ professionals

    @Test
    void professionalToProfessionalWithAttachmentFlagAndMove() {
        String from = "dr.a@test.mssante.fr";
        String to = "dr.b@test.mssante.fr";
        try (MssanteClient sender = client(from); MssanteClient receiver = client(to)) {
            // tag::send-pro[]
            String id = sender.send(MssanteMessage.builder()
                    .to("dr.b@test.mssante.fr")
                    .subject("Compte rendu de consultation")
                    .text("Bonjour, voici le compte rendu.")
                    .html("<p>Bonjour, voici le compte rendu.</p>")
                    .attachment("cr.pdf", "application/pdf", "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII))
                    .messageId("cr-2026-0001@cabinet.test")
                    .build());
            // end::send-pro[]
            assertThat(id).isEqualTo("cr-2026-0001@cabinet.test");

            IncomingMessage m = Inboxes.await(receiver, 1).get(0);
            assertThat(m.messageId()).contains("cr-2026-0001@cabinet.test");
            assertThat(m.from()).isEqualTo(from);
            assertThat(m.subject()).isEqualTo("Compte rendu de consultation");
            assertThat(m.text()).contains("Bonjour, voici le compte rendu.");
            assertThat(m.html()).hasValueSatisfying(h -> assertThat(h).contains("<p>"));
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("cr.pdf");
                assertThat(a.mimeType()).isEqualTo("application/pdf");
                assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 test");
            });
            assertThat(m.mssHeaders()).containsEntry("X-MSS-NIL", "SEGUR-SDK-TEST-1.0");
            assertThat(m.fromPatient()).isFalse();
            assertThat(m.flags()).doesNotContain(MessageFlag.SEEN);

            // tag::read[]
            for (IncomingMessage message : receiver.messages("INBOX")) {
                receiver.flag("INBOX", message.uid(), MessageFlag.SEEN, true);
                receiver.move("INBOX", message.uid(), "Archives");
            }
            // end::read[]
            assertThat(receiver.messages("INBOX")).isEmpty();
            assertThat(receiver.messages("Archives")).singleElement()
                    .satisfies(a -> assertThat(a.flags()).contains(MessageFlag.SEEN));
            assertThat(receiver.folders()).contains("INBOX", "Archives", "Sent", "Trash");
        }
    }

    // ------------------------------------------------------------------------------------------------ patients

    @Test
    void patientConversationReplyAcceptedThenClosedWithFin() throws Exception {
        String doctor = "dr.c@test.mssante.fr";
        PatientIdentity patient = Patients.qualified("1930169123045");
        try (MssanteClient client = client(doctor)) {
            // tag::send-patient[]
            String address = client.patientAddress(patient);   // <INS>@patient.mssante.fr, qualified identity only
            String id = client.send(MssanteMessage.builder()
                    .toPatient(patient)
                    .subject("Vos résultats")
                    .text("Bonjour, vos résultats sont disponibles.")
                    .build());
            // end::send-patient[]
            assertThat(address).isEqualTo(patient.requireQualifiedIns().matricule() + "@patient.mssante.fr");
            List<byte[]> atPatient = operator.awaitDelivered(address, 1, Inboxes.WAIT);
            assertThat(new String(atPatient.get(0), StandardCharsets.UTF_8)).contains("X-MSS-NIL: SEGUR-SDK-TEST-1.0")
                    .doesNotContain("X-MSS-MES");

            patientWrites(address, doctor, id);
            IncomingMessage reply = Inboxes.await(client, 1).get(0);
            assertThat(reply.fromPatient()).isTrue();
            assertThat(reply.inReplyTo()).contains(id);

            // tag::close[]
            client.closeConversation(patient, "Fin de la conversation", "Ce fil est clos, merci.");
            // end::close[]
            assertThat(new String(operator.awaitDelivered(address, 2, Inboxes.WAIT).get(1), StandardCharsets.UTF_8))
                    .contains("X-MSS-MES: FIN");
            MessagingException refused = catchThrowableOfType(() -> patientWrites(address, doctor, id),
                    MessagingException.class);
            assertThat(refused).isNotNull();
            assertThat(operator.policyDecisions()).anyMatch(d -> d.startsWith("REJECT 5.7.1 The professional closed"));
        }
    }

    @Test
    void patientCannotStartAConversation() {
        String address = Patients.qualified("2790351215189").requireQualifiedIns().matricule() + "@patient.mssante.fr";
        MessagingException refused = catchThrowableOfType(() -> patientWrites(address, "dr.d@test.mssante.fr", null),
                MessagingException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage() + refused.getNextException()).contains("5.7.1");
        assertThat(operator.delivered("dr.d@test.mssante.fr")).isEmpty();
    }

    /** Mon espace santé's side: a patient sends a prescription (PDF and CDA) to a pharmacy, starting the conversation. */
    static String patientSendsPrescription(String patientAddress, String to) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", operator.host());
        p.put("mail.smtp.port", Integer.toString(operator.submissionPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", "PLAIN");
        p.put("mail.smtp.ssl.trust", "localhost");
        p.put("mail.smtp.localhost", "localhost");
        Session session = Session.getInstance(p);
        String id = java.util.UUID.randomUUID() + "@patient.mssante.fr";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + id + ">");
            }
        };
        m.setFrom(new InternetAddress(patientAddress));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("Ordonnance du 12/01/2026", "UTF-8");
        m.setSentDate(new java.util.Date());
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Bonjour, voici mon ordonnance. Je passerai demain.", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(PRESCRIPTION_PDF, "application/pdf")));
        pdf.setFileName("ordonnance.pdf");
        pdf.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(pdf);
        MimeBodyPart cda = new MimeBodyPart();
        cda.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(PRESCRIPTION_CDA, "text/xml")));
        cda.setFileName("ordonnance-cda.xml");
        cda.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(cda);
        m.setContent(mixed);
        Transport.send(m, patientAddress, PATIENT_PASSWORD);
        return id;
    }

    static final byte[] PRESCRIPTION_PDF = "%PDF-1.4\n% ordonnance de test\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PRESCRIPTION_CDA = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><code code=\"57833-6\" "
            + "codeSystem=\"2.16.840.1.113883.6.1\"/></ClinicalDocument>").getBytes(StandardCharsets.UTF_8);

    @Test
    void patientSendsAPrescriptionToAPharmacyWhichReadsItTypedAndReplies() throws Exception {
        PatientIdentity patient = Patients.qualified("2790351215189");
        String address = patient.requireQualifiedIns().matricule() + "@patient.mssante.fr";
        String sentId = patientSendsPrescription(address, PHARMACY);
        try (MssanteClient pharmacy = clientFor(PHARMACY, () -> operator.accessToken(PHARMACY))
                .mailboxKind(MailboxKind.ORGANISATIONAL).build()) {
            Inboxes.await(pharmacy, 1);
            // tag::pharmacy-read[]
            for (PatientPrescription prescription : pharmacy.patientPrescriptions("INBOX")) {
                String from = prescription.patientAddress();            // <INS>@patient.mssante.fr
                Optional<String> ins = prescription.insMatricule();     // to match against the patient base
                for (Attachment document : prescription.documents()) {  // PDF, CDA, images, XDM documents
                    try (InputStream in = document.openStream()) {
                        // file the document in the dispensing record
                    }
                }
                pharmacy.send(MssanteMessage.builder()
                        .replyTo(prescription.message())                 // In-Reply-To, to the patient's address
                        .subject("Re: " + prescription.message().subject())
                        .text("Votre traitement sera prêt demain à partir de 10 h.")
                        .build());
            }
            // end::pharmacy-read[]
            PatientPrescription p = pharmacy.patientPrescriptions("INBOX").get(0);
            assertThat(p.patientAddress()).isEqualTo(address);
            assertThat(p.insMatricule()).contains(patient.requireQualifiedIns().matricule());
            assertThat(p.messageId()).contains(sentId);
            assertThat(p.receivedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now()
                    .plusSeconds(5));
            assertThat(p.documents()).extracting(Attachment::fileName, Attachment::mimeType).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("ordonnance.pdf", "application/pdf"),
                    org.assertj.core.groups.Tuple.tuple("ordonnance-cda.xml", "text/xml"));
            try (InputStream in = p.documents().get(0).openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(PRESCRIPTION_PDF);
            }
            assertThat(p.documents().get(1).content()).isEqualTo(PRESCRIPTION_CDA);
            assertThat(p.message().text()).hasValueSatisfying(t -> assertThat(t).contains("ordonnance"));
            assertThat(p.toString()).doesNotContain(address).doesNotContain("ordonnance");

            // the reply reached the patient inside the conversation
            String reply = new String(operator.awaitDelivered(address, 1, Inboxes.WAIT).get(0), StandardCharsets.UTF_8);
            assertThat(reply).contains("In-Reply-To: <" + sentId + ">").contains("From: " + PHARMACY);

            // the patient may answer the pharmacy again, and the pharmacy may close the conversation
            patientWrites(address, PHARMACY, null);
            IncomingMessage answer = Inboxes.await(pharmacy, 2).get(1);
            assertThat(answer.fromPatient()).isTrue();
            assertThat(pharmacy.patientPrescriptions("INBOX")).hasSize(1);  // no document: not a prescription
            pharmacy.send(MssanteMessage.builder().replyTo(answer).subject("Fin").text("Bonne journée.")
                    .closeConversation().build());
            assertThat(new String(operator.awaitDelivered(address, 2, Inboxes.WAIT).get(1), StandardCharsets.UTF_8))
                    .contains("X-MSS-MES: FIN");
        }
    }

    @Test
    void aPatientWritingFirstToAPersonalMailboxIsStillRefused() {
        String address = Patients.qualified("1850275123456").requireQualifiedIns().matricule() + "@patient.mssante.fr";
        MessagingException refused = catchThrowableOfType(() -> patientSendsPrescription(address, PHARMACIST),
                MessagingException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage() + refused.getNextException()).contains("5.7.1");
        assertThat(operator.delivered(PHARMACIST)).isEmpty();
        assertThat(operator.policyDecisions()).anyMatch(d -> d.startsWith("REJECT 5.7.1 A patient cannot start")
                && d.endsWith(PHARMACIST));
    }

    @Test
    void onlyAnOrganisationalMailboxReadsPrescriptionsAndOnlyAnApplicativeOneUsesACertificate() {
        try (MssanteClient personal = client(PHARMACIST)) {
            assertThat(personal.mailboxKind()).isEqualTo(MailboxKind.PERSONAL);
            assertThatThrownBy(() -> personal.patientPrescriptions("INBOX")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("organisational");
        }
        assertThatThrownBy(() -> clientFor(PHARMACY, () -> "t").mailboxKind(MailboxKind.APPLICATIVE).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("mailboxKind");
        assertThatThrownBy(() -> MssanteMessage.builder().replyTo(new IncomingMessage("INBOX", 1, Optional.of("a@b"),
                Optional.empty(), "dr.x@test.mssante.fr", List.of(), List.of(), "s", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), java.util.Map.of(), java.util.Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())).subject("x").text("x").closeConversation().build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("closeConversation");
    }

    @Test
    void aTokenForAnotherMailboxIsRefused() {
        String doctor = "dr.e@test.mssante.fr";
        // A token for dr.e used by a client claiming another mailbox: Dovecot refuses the user mismatch.
        try (MssanteClient client = clientFor("dr.other@test.mssante.fr", () -> operator.accessToken(doctor)).build()) {
            assertThatThrownBy(() -> client.send(MssanteMessage.builder().to("dr.b@test.mssante.fr").subject("x")
                    .text("x").build())).isInstanceOf(TokenRefusedException.class);
        }
    }

    @Test
    void implicitTlsPorts() {
        String doctor = "dr.p@test.mssante.fr";
        try (MssanteClient client = clientFor(doctor, () -> operator.accessToken(doctor))
                .security(ConnectionSecurity.IMPLICIT_TLS)
                .smtp(operator.host(), operator.smtpsPort())
                .imap(operator.host(), operator.imapsPort())
                .build()) {
            client.send(MssanteMessage.builder().to(doctor).subject("TLS implicite").text("x").build());
            assertThat(Inboxes.await(client, 1).get(0).subject()).isEqualTo("TLS implicite");
        }
    }

    @Test
    void serverOutsideTheTrustAnchorsIsRefused() {
        String doctor = "dr.q@test.mssante.fr";
        AtomicInteger tokensAsked = new AtomicInteger();
        try (MssanteClient client = clientFor(doctor, () -> {
            tokensAsked.incrementAndGet();
            return operator.accessToken(doctor);
        }).tls(TlsOptions.builder().addTrustAnchor(TestPki.create("ROGUE").rootCertificate()).build()).build()) {
            assertThatThrownBy(() -> client.messages("INBOX"))
                    .isInstanceOf(io.segursdk.core.error.TransportException.class).hasMessageContaining("TLS");
            assertThatThrownBy(() -> client.send(MssanteMessage.builder().to(doctor).subject("x").text("x").build()))
                    .isInstanceOf(io.segursdk.core.error.TransportException.class);
        }
        assertThat(operator.delivered(doctor)).isEmpty();
    }

    // --------------------------------------------------------------------------------------------------- tokens

    @Test
    void expiredAndForgedTokensAreRefusedWithTheServerJsonAndTheSupplierIsInvalidated() {
        String doctor = "dr.f@test.mssante.fr";
        for (String token : List.of(operator.accessToken(doctor, Instant.now().minus(Duration.ofMinutes(2))),
                operator.forgedAccessToken(doctor))) {
            AtomicInteger invalidated = new AtomicInteger();
            AccessTokenSupplier supplier = new AccessTokenSupplier() {
                @Override
                public String accessToken() {
                    return token;
                }

                @Override
                public void invalidate() {
                    invalidated.incrementAndGet();
                }
            };
            try (MssanteClient client = clientFor(doctor, supplier).build()) {
                TokenRefusedException smtp = catchThrowableOfType(() -> client.send(MssanteMessage.builder()
                        .to("dr.b@test.mssante.fr").subject("x").text("x").build()), TokenRefusedException.class);
                assertThat(smtp.serverError()).hasValueSatisfying(j -> assertThat(j).contains("\"status\""));
                assertThat(smtp.service()).contains("MSSANTE-SMTP");
                TokenRefusedException imap = catchThrowableOfType(() -> client.messages("INBOX"),
                        TokenRefusedException.class);
                assertThat(imap.serverError()).hasValueSatisfying(j -> assertThat(j).contains("\"status\""));
                assertThat(imap.service()).contains("MSSANTE-IMAP");
                assertThat(invalidated).hasValue(2);
            }
        }
        assertThat(operator.delivered("dr.b@test.mssante.fr").stream()
                .filter(m -> new String(m, StandardCharsets.UTF_8).contains("From: dr.f@"))).isEmpty();
    }

    // ------------------------------------------------------------------------------------- applicative mailbox

    @Test
    void applicativeMailboxWithAClientCertificate() {
        String doctor = "dr.g@test.mssante.fr";
        // tag::certificate[]
        SoftwareCredential organisationCertificate = SoftwareCredential.of(
                laboCertificate.privateKey(), laboCertificate.chain());
        MssanteClient labo = MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(tls())
                .authentication(MssanteAuthentication.clientCertificate(organisationCertificate))
                .mailbox("labo.app@test.mssante.fr")
                .productReference("SEGUR-SDK-TEST-1.0")
                .build();
        // end::certificate[]
        try (labo; MssanteClient receiver = client(doctor)) {
            labo.send(MssanteMessage.builder().to(doctor).subject("Résultats").text("ci-joint").build());
            assertThat(Inboxes.await(receiver, 1).get(0).from()).isEqualTo(LABO);
            receiver.send(MssanteMessage.builder().to(LABO).subject("Merci").text("bien reçu").build());
            assertThat(Inboxes.await(labo, 1).get(0).from()).isEqualTo(doctor);
        }
    }

    // -------------------------------------------------------------------------------------------- DSN and MDN

    @Test
    void deliveryStatusNotificationRequestedAndReceived() {
        String from = "dr.h@test.mssante.fr";
        try (MssanteClient sender = client(from)) {
            String id = sender.send(MssanteMessage.builder().to("dr.i@test.mssante.fr").subject("avec DSN")
                    .text("x").requestDsn().build());
            IncomingMessage dsn = Inboxes.await(sender, 1).get(0);
            // tag::dsn[]
            DeliveryStatus status = dsn.deliveryStatus().orElseThrow();
            boolean delivered = status.allDelivered();
            // end::dsn[]
            assertThat(delivered).isTrue();
            assertThat(status.originalMessageId()).contains(id);
            assertThat(status.recipients()).singleElement().satisfies(r -> {
                assertThat(r.finalRecipient()).isEqualTo("dr.i@test.mssante.fr");
                assertThat(r.status()).startsWith("2.");
            });
        }
    }

    @Test
    void readNotificationRequestedSentAndParsed() {
        String from = "dr.j@test.mssante.fr";
        String to = "dr.k@test.mssante.fr";
        try (MssanteClient sender = client(from); MssanteClient receiver = client(to)) {
            String id = sender.send(MssanteMessage.builder().to(to).subject("avec MDN").text("x").requestMdn().build());
            IncomingMessage received = Inboxes.await(receiver, 1).get(0);
            assertThat(received.readReceiptTo()).contains(from);
            // tag::mdn[]
            if (received.readReceiptTo().isPresent()) {
                receiver.sendReadNotification(received);
            }
            // end::mdn[]
            ReadNotification mdn = Inboxes.await(sender, 1).get(0).readNotification().orElseThrow();
            assertThat(mdn.originalMessageId()).contains(id);
            assertThat(mdn.finalRecipient()).isEqualTo(to);
            assertThat(mdn.dispositionType()).isEqualTo("displayed");
        }
    }

    // ------------------------------------------------------------------------------------------------------ XDM

    @Test
    void xdmPackageRoundTripToAPatientAndBack() {
        String doctor = "dr.l@test.mssante.fr";
        PatientIdentity patient = Patients.qualified("1850275123456");
        byte[] cda = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>".getBytes(StandardCharsets.UTF_8);
        try (MssanteClient client = client(doctor); MssanteClient colleague = client("dr.m@test.mssante.fr")) {
            // tag::xdm[]
            XdmPackage xdm = XdmPackage.of(patient.requireQualifiedIns().toCx(), List.of(
                    new XdmDocument("DOC0001.XML", "text/xml", "Compte rendu", "11488-4", cda)));
            client.send(MssanteMessage.builder()
                    .toPatient(patient)
                    .to("dr.m@test.mssante.fr")
                    .subject(XdmPackage.subject("Compte rendu", "Lacombe", "Odile", java.time.LocalDate.of(1993, 1, 16)))
                    .text("Veuillez trouver le compte rendu ci-joint.")
                    .xdm(xdm)
                    .cdaCodes("11488-4")
                    .insQualified(true)
                    .build());
            // end::xdm[]
            IncomingMessage m = Inboxes.await(colleague, 1).get(0);
            assertThat(m.displaySubject()).isEqualTo("Compte rendu LACOMBE Odile 16/01/1993");
            assertThat(m.mssHeaders()).containsEntry("X-MSS-CODECDA", "11488-4").containsEntry("X-MSS-INS", "O");
            XdmPackage read = m.xdm().orElseThrow();
            assertThat(read.documents()).containsExactly(xdm.documents().get(0));
            assertThat(read.patientInsCx()).isEqualTo(xdm.patientInsCx());
        }
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void badInputIsRefusedBeforeAnyConnection() {
        AtomicInteger tokensAsked = new AtomicInteger();
        String doctor = "dr.n@test.mssante.fr";
        int decisions = operator.policyDecisions().size();
        try (MssanteClient client = clientFor(doctor, () -> {
            tokensAsked.incrementAndGet();
            return operator.accessToken(doctor);
        }).maxMessageBytes(100_000).build()) {
            assertThatThrownBy(() -> MssanteMessage.builder().to("not an address").subject("x").text("x").build())
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> MssanteMessage.builder().to("dr.b@test.mssante.fr\r\nBcc: x@y.fr").subject("x")
                    .text("x").build()).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> MssanteMessage.builder().to("123456789012345@patient.mssante.fr").subject("x")
                    .text("x").build()).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("toPatient");
            PatientIdentity unqualified = Patients.retrievedOnly("1720199123456");
            assertThatThrownBy(() -> client.send(MssanteMessage.builder().toPatient(unqualified).subject("x")
                    .text("x").build())).isInstanceOf(InvalidRequestException.class).hasMessageContaining("qualified");
            PatientIdentity testPatient = Patients.qualifiedTest("1720199123456");
            assertThatThrownBy(() -> client.send(MssanteMessage.builder().toPatient(testPatient).subject("x")
                    .text("x").build())).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("MssanteEnvironment.TEST");
            byte[] big = new byte[200_000];
            assertThatThrownBy(() -> client.send(MssanteMessage.builder().to("dr.b@test.mssante.fr").subject("x")
                    .text("x").attachment("big.bin", "application/octet-stream", big).build()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("bytes");
        }
        assertThat(tokensAsked).hasValue(0);
        assertThat(operator.policyDecisions()).hasSize(decisions);
        assertThat(operator.delivered(Patients.qualified("1720199123456").requireQualifiedIns().matricule()
                + "@patient.mssante.fr")).isEmpty();
    }

    @Test
    void testPatientsAreAddressableByATestClient() {
        String doctor = "dr.o@test.mssante.fr";
        PatientIdentity testPatient = Patients.qualifiedTest("2680499123123");
        try (MssanteClient client = clientFor(doctor, () -> operator.accessToken(doctor))
                .environment(MssanteEnvironment.TEST).build()) {
            client.send(MssanteMessage.builder().toPatient(testPatient).subject("test").text("x").build());
            operator.awaitDelivered(client.patientAddress(testPatient), 1, Inboxes.WAIT);
        }
    }
}
