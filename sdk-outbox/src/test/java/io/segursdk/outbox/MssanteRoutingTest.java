package io.segursdk.outbox;

import io.segursdk.mssante.IncomingMessage;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmPackage;
import io.segursdk.outbox.mssante.MssanteOutbox;
import io.segursdk.outbox.mssante.MssanteSender;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several professionals' messages through one outbox and one worker: each item names its route (the sending
 * professional's mailbox), and is sent with that professional's own client and token; the operator, which requires
 * the envelope sender to be the authenticated mailbox, delivers each from the right sender. An item whose route has
 * no sender fails with the reason.
 */
class MssanteRoutingTest extends MailWorldTest {

    @Test
    void eachItemIsSentWithItsOwnProfessionalsIdentity(@TempDir Path dir) {
        String martin = "dr.martin@test.mssante.fr";
        String durand = "dr.durand@test.mssante.fr";
        String secretariat = "secretariat@test.mssante.fr";
        byte[] report = "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8);
        try (MssanteClient martinsClient = mail.direct(martin); MssanteClient durandsClient = mail.direct(durand);
             MssanteClient recipient = mail.direct(secretariat);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            // tag::routing[]
            // one sender per professional, each with their own client (their own token or certificate)
            RoutedSender mailSender = RoutedSender.builder()
                    .route(martin, MssanteSender.builder(martinsClient).build())
                    .route(durand, MssanteSender.builder(durandsClient).build())
                    .build();
            OutboxWorker worker = outbox.worker().sender(MssanteOutbox.KIND, mailSender).start();
            // each message names the professional who sends it: the route is stored, the credentials are not
            OutboxItem fromMartin = MssanteOutbox.enqueue(outbox, martin, MssanteMessage.builder()
                    .to(secretariat).subject("RDV").text("Merci de convoquer le patient.").build());
            OutboxItem toPatient = MssanteOutbox.enqueue(outbox, martin, MssanteMessage.builder()
                    .toPatient(patient)                       // a qualified identity: the address is rebuilt from its INS
                    .subject(XdmPackage.subject("Compte rendu", "Lacombe", "Odile", null))
                    .text("Votre compte rendu.")
                    .xdm(XdmPackage.of(patient.requireQualifiedIns().toCx(), List.of(
                            new XdmDocument("CR.XML", "text/xml", "Compte rendu", "11488-4", report))))
                    .cdaCodes("11488-4").insQualified(true)
                    .build());
            OutboxItem fromDurand = MssanteOutbox.enqueue(outbox, durand, MssanteMessage.builder()
                    .to(secretariat).subject("Courrier").text("Ci-joint.")
                    .attachment("courrier.pdf", "application/pdf", "%PDF-1.4 courrier".getBytes(StandardCharsets.UTF_8))
                    .build());
            // end::routing[]
            OutboxItem nobodys = MssanteOutbox.enqueue(outbox, "dr.absent@test.mssante.fr",
                    MssanteMessage.builder().to(secretariat).subject("?").text("?").build());

            for (OutboxItem item : List.of(fromMartin, toPatient, fromDurand)) {
                assertThat(Await.status(outbox, item.id(), OutboxStatus.SENT).serviceIds())
                        .containsEntry(MssanteSender.MESSAGE_ID, item.idempotencyKey());
            }
            OutboxItem failed = Await.status(outbox, nobodys.id(), OutboxStatus.FAILED);
            assertThat(failed.lastError().orElseThrow().message()).contains("no sender is registered");

            Await.until("both messages in the secretariat's mailbox",
                    () -> MailWorld.count(recipient, fromMartin.idempotencyKey()) == 1
                            && MailWorld.count(recipient, fromDurand.idempotencyKey()) == 1);
            IncomingMessage martins = recipient.messagesWithId("INBOX", fromMartin.idempotencyKey()).get(0);
            IncomingMessage durands = recipient.messagesWithId("INBOX", fromDurand.idempotencyKey()).get(0);
            assertThat(martins.from()).isEqualTo(martin);
            assertThat(durands.from()).isEqualTo(durand);
            assertThat(durands.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("courrier.pdf");
                assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 courrier");
            });
            assertThat(martins.mssHeaders()).containsEntry("X-MSS-NIL", MailWorld.PRODUCT);

            String patientMailbox = MailWorld.patientAddress(patient);
            String delivered = new String(mail.operator.awaitDelivered(patientMailbox, 1, Duration.ofSeconds(30))
                    .get(0), StandardCharsets.ISO_8859_1);
            assertThat(delivered).contains("Message-ID: <" + toPatient.idempotencyKey() + ">")
                    .contains("From: " + martin).contains("X-MSS-CODECDA: 11488-4").contains("X-MSS-INS: O")
                    .contains(XdmPackage.FILE_NAME);
            worker.close();
        }
    }

    private static final io.segursdk.ins.PatientIdentity patient = MailWorld.PATIENT;
}
