package io.segursdk.dmp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed path against the DMP simulator, over mutual TLS: value-set checks before any call, metadata read from a
 * CDA document, size and hash, and the submission-set signature.
 */
class DmpFeedContractTest {

    static final String RPPS = "10001112223";
    static final AtomicInteger SEQ = new AtomicInteger();

    static TestPki pki;
    static DmpSimulator simulator;
    static SigningCredential cardSignature;
    static DmpClient doctor;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        simulator = DmpSimulator.start(pki);
        SoftwareInfo software = SoftwareInfo.builder().productName("Cabinet Plus").productVersion("4.2.0")
                .installationId(UUID.fromString("6f1c2b9e-1d2a-4c55-9a7b-0a1b2c3d4e5f"))
                .dmpHomologationId("HOMOL-TEST-0042").build();
        var auth = pki.issueCps(CpsProfile.physician(RPPS));
        var sign = pki.issueCps(CpsProfile.physician(RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build());
        cardSignature = SoftwareCredential.of(sign.privateKey(), sign.chain());
        Vihf vihf = Vihf.builder()
                .mode(AuthenticationMode.DIRECT)
                .professional("8" + RPPS, "DUPONT ALICE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId("499900063480001")
                .activitySector("SA07")
                .software(software)
                .signingCredential(cardSignature)
                .build();
        doctor = DmpClient.builder()
                .baseUri(simulator.baseUri())
                .tlsCredential(SoftwareCredential.of(auth.privateKey(), auth.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .vihf(vihf)
                .build();
    }

    @AfterAll
    static void stop() {
        doctor.close();
        simulator.close();
    }

    static PatientId newPatient() {
        String number = "18512751" + String.format("%05d", 30000 + SEQ.incrementAndGet());
        Ins ins = Ins.of(number + Ins.computeKey(number), InsAuthority.NIR_TEST);
        simulator.patient(ins.matricule(), ins.oid()).open().authorise("8" + RPPS);
        return PatientId.ofIns(ins.matricule(), ins.oid());
    }

    static Author author() {
        return Author.builder().nationalId("8" + RPPS).name("DUPONT", "ALICE")
                .specialty(CodedValue.authorSpecialty("G15_10/SM26", "Médecin - Qualifié en Médecine Générale (SM)"))
                .structure(new Structure("CABINET DR DUPONT", "499900063480001")).build();
    }

    static DocumentMetadata.Builder metadata(PatientId patient) {
        return DocumentMetadata.builder()
                .patientId(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11488-4", "CR ou fiche de consultation ou de visite"))
                .title("Consultation")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(author())
                .uniqueId("1.2.250.1.999.1.1.4243.1." + SEQ.incrementAndGet());
    }

    static DmpDocument pdf(byte[] content) {
        return DmpDocument.of(() -> new ByteArrayInputStream(content), DmpDocument.MIME_PDF, CodedValue.FORMAT_PDF);
    }

    static Submission.Builder submission(DocumentMetadata metadata, DmpDocument document) {
        return Submission.builder().document(document, metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4243");
    }

    @Test
    void unknownValueSetCodesAreRefusedBeforeAnyCall() {
        PatientId patient = newPatient();
        Submission submission = submission(metadata(patient)
                        .typeCode(CodedValue.loinc("00000-0", "Inconnu"))
                        .healthcareFacilityType(CodedValue.facilityType("SA99", "Inconnu")).build(),
                pdf("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).build();
        int before = simulator.server().captured().size();
        assertThatThrownBy(() -> doctor.feed(DmpAccess.of(patient), submission))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).violations().stream().map(Violation::field).toList())
                .asList().containsExactlyInAnyOrder("metadata.typeCode", "metadata.healthcareFacilityType");
        assertThat(simulator.server().captured()).hasSize(before);
        assertThat(simulator.patient(patient.matricule(), patient.oid()).entries()).isEmpty();
    }
}
