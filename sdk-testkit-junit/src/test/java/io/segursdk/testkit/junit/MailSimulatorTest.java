package io.segursdk.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.ins.IdentityCheck;
import io.segursdk.ins.IdentityDocumentType;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.testkit.mail.MailOperator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

// tag::mail[]
@SegurSimulators({Simulator.INSI, Simulator.MAIL})
class MailSimulatorTest {

    @Test
    void sendsAQualifiedPatientTheirResults(InsiClient insi, MssanteClient mail, MailOperator operator) {
        Operator desk = new Operator(OperatorRole.DELEGATED_STAFF, "CPE-0001");
        PatientIdentity patient = PatientIdentity.provisional(IdentityTraits.builder()
                .birthName("Brandeville").birthFirstNames("Maëlys", "Odile").sex(Sex.F)
                .birthDate("1984-05-12").birthPlace("35238").build(), desk, Instant.now());
        patient = patient.acceptInsiRetrieval(insi.searchByTraits(patient).toRetrieval(desk))
                .recordIdentityCheck(IdentityCheck.document(IdentityDocumentType.PASSPORT, desk, Instant.now()));

        mail.send(MssanteMessage.builder()
                .toPatient(patient)
                .subject("Vos résultats")
                .text("Bonjour, vos résultats sont disponibles.")
                .build());

        // the patient's mailbox, as Mon espace santé would show it
        String mailbox = SimulatorEnvironment.patientMailbox(patient.requireQualifiedIns().matricule());
        List<byte[]> received = operator.awaitDelivered(mailbox, 1, Duration.ofSeconds(20));
        assertThat(new String(received.get(0), StandardCharsets.UTF_8))
                .contains("From: " + SimulatorEnvironment.PHYSICIAN_MAILBOX);
    }
}
// end::mail[]
