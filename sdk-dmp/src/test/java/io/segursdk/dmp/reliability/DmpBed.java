package io.segursdk.dmp.reliability;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.dmp.Visibility;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A DMP simulator and a doctor's credentials, for the reliability tests. */
final class DmpBed implements AutoCloseable {

    static final String DOCTOR_RPPS = "10001234567";
    static final String REPOSITORY = DmpSimulator.BASE_PATH + "repository";
    static final String REGISTRY = DmpSimulator.BASE_PATH + "registry";
    /** Short limits, with headroom for a loaded machine. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofMillis(2500));
    static final RetryPolicy FAST_RETRY = RetryPolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build();

    private static final AtomicInteger SEQ = new AtomicInteger();

    final TestPki pki = TestPki.create();
    final DmpSimulator simulator = DmpSimulator.start(pki);
    final SoftwareInfo software = SoftwareInfo.builder().productName("Cabinet Plus").productVersion("4.2.0")
            .installationId(UUID.fromString("6f1c2b9e-1d2a-4c55-9a7b-0a1b2c3d4e5f"))
            .dmpHomologationId("HOMOL-TEST-0042").build();
    final SigningCredential auth = credential(pki.issueCps(CpsProfile.physician(DOCTOR_RPPS)));
    final SigningCredential sign = credential(pki.issueCps(
            CpsProfile.physician(DOCTOR_RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build()));

    static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    Vihf vihf() {
        return Vihf.builder()
                .mode(AuthenticationMode.DIRECT)
                .professional("8" + DOCTOR_RPPS, "DUPONT ALICE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId("499900063480001")
                .activitySector("SA07")
                .software(software)
                .signingCredential(sign)
                .build();
    }

    DmpClient.Builder clientBuilder() {
        return DmpClient.builder()
                .patientChoices(DmpPatientChoices.Lookup.NOT_RECORDED)
                .baseUri(simulator.baseUri())
                .tlsCredential(auth)
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .vihf(vihf())
                .timeouts(TIMEOUTS)
                .retryPolicy(FAST_RETRY)
                .submissionSource("1.2.250.1.999.1.1.4242", CodedValue.contentType("04", "Hospitalisation de jour"));
    }

    /** A new test patient with an open DMP on which the doctor is authorised. */
    PatientId newPatient() {
        String number = "29301691" + String.format("%05d", 30000 + SEQ.incrementAndGet());
        Ins ins = Ins.of(number + Ins.computeKey(number), InsAuthority.NIR_TEST);
        simulator.patient(ins.matricule(), ins.oid()).open().authorise("8" + DOCTOR_RPPS);
        return PatientId.ofIns(ins.matricule(), ins.oid());
    }

    PatientRecord record(PatientId p) {
        return simulator.patient(p.matricule(), p.oid());
    }

    static String uid() {
        return "1.2.250.1.999.1.1.4242.7." + SEQ.incrementAndGet();
    }

    static final String CDA = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Compte rendu</title></ClinicalDocument>";

    static Submission submission(PatientId patient, String uniqueId) {
        DocumentMetadata metadata = DocumentMetadata.builder()
                .patientId(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .title("Compte rendu de consultation")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(Author.builder().nationalId("8" + DOCTOR_RPPS).name("DUPONT", "ALICE")
                        .specialty(CodedValue.authorSpecialty("G15_10/SM26",
                                "Médecin - Qualifié en Médecine Générale (SM)"))
                        .structure(new Structure("CABINET DR DUPONT", "499900063480001")).build())
                .uniqueId(uniqueId)
                .visibility(Visibility.normal())
                .build();
        return Submission.builder()
                .document(DmpDocument.of(() -> new ByteArrayInputStream(CDA.getBytes(StandardCharsets.UTF_8)),
                        DmpDocument.MIME_CDA, new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282",
                                "CDA structuré")), metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .build();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
