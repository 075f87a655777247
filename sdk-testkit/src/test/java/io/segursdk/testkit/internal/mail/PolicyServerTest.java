package io.segursdk.testkit.internal.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator rules on maildir fixtures: patients reply only inside a conversation a professional opened. */
class PolicyServerTest {

    private static final String PATIENT = "279035121518989@patient.mssante.fr";
    private static final String DOCTOR = "dr.martin@test.mssante.fr";

    @TempDir
    Path mail;

    @Test
    void patientCannotWriteFirst() throws IOException {
        try (PolicyServer policy = new PolicyServer(mail, "patient.mssante.fr")) {
            assertThat(policy.decide(request(PATIENT, DOCTOR, PATIENT))).isEqualTo("REJECT " + PolicyServer.PATIENT_CANNOT_START);
        }
    }

    @Test
    void patientRepliesWhileTheConversationIsOpenNotAfterFin() throws IOException {
        try (PolicyServer policy = new PolicyServer(mail, "patient.mssante.fr")) {
            deliver("1700000000.M1P1.host", "From: \"Dr Martin\" <" + DOCTOR + ">\r\nSubject: results\r\n\r\nbody");
            assertThat(policy.decide(request(PATIENT, DOCTOR, PATIENT))).isEqualTo("DUNNO");
            assertThat(policy.decide(request(PATIENT, "other@test.mssante.fr", PATIENT)))
                    .isEqualTo("REJECT " + PolicyServer.PATIENT_CANNOT_START);
            deliver("1700000100.M1P1.host", "From: " + DOCTOR + "\r\nX-MSS-MES: FIN\r\n\r\nbye");
            assertThat(policy.decide(request(PATIENT, DOCTOR, PATIENT))).isEqualTo("REJECT " + PolicyServer.CONVERSATION_CLOSED);
            deliver("1700000200.M1P1.host", "From: " + DOCTOR + "\r\nSubject: new\r\n\r\nagain");
            assertThat(policy.decide(request(PATIENT, DOCTOR, PATIENT))).isEqualTo("DUNNO");
        }
    }

    @Test
    void patientsMayWriteFirstToAPharmacyOpenToThem() throws IOException {
        String pharmacy = "officine.centre@test.mssante.fr";
        try (PolicyServer policy = new PolicyServer(mail, "patient.mssante.fr", java.util.Set.of(pharmacy))) {
            assertThat(policy.decide(request(PATIENT, pharmacy, PATIENT))).isEqualTo("DUNNO");
            assertThat(policy.decide(request(PATIENT, DOCTOR, PATIENT)))
                    .isEqualTo("REJECT " + PolicyServer.PATIENT_CANNOT_START);
        }
    }

    @Test
    void senderMustBeTheAuthenticatedMailbox() throws IOException {
        try (PolicyServer policy = new PolicyServer(mail, "patient.mssante.fr")) {
            assertThat(policy.decide(request(DOCTOR, PATIENT, "someone@test.mssante.fr")))
                    .isEqualTo("REJECT " + PolicyServer.SENDER_MISMATCH);
            assertThat(policy.decide(request(DOCTOR, PATIENT, DOCTOR))).isEqualTo("DUNNO");
        }
    }

    private void deliver(String name, String message) throws IOException {
        Path dir = Files.createDirectories(mail.resolve("patient.mssante.fr/279035121518989/cur"));
        Files.writeString(dir.resolve(name), message, StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> request(String sender, String recipient, String saslUser) {
        return Map.of("request", "smtpd_access_policy", "sender", sender, "recipient", recipient,
                "sasl_username", saslUser);
    }
}
