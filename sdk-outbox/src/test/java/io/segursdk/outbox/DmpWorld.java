package io.segursdk.outbox;

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

/**
 * A DMP simulator over mutual TLS and a physician (direct authentication, card keys from the test PKI) feeding it:
 * test patients with an open DMP, fictitious authors and documents.
 */
final class DmpWorld implements AutoCloseable {

    static final String DOCTOR_RPPS = "10001234567";
    static final String REPOSITORY = DmpSimulator.BASE_PATH + "repository";
    private static final AtomicInteger SEQ = new AtomicInteger();

    final TestPki pki = TestPki.create();
    final DmpSimulator simulator = DmpSimulator.start(pki);
    private final SoftwareInfo software = SoftwareInfo.builder().productName("Cabinet Plus").productVersion("4.2.0")
            .installationId(UUID.fromString("6f1c2b9e-1d2a-4c55-9a7b-0a1b2c3d4e5f"))
            .dmpHomologationId("HOMOL-TEST-0042").build();
    private final IssuedCredential auth = pki.issueCps(CpsProfile.physician(DOCTOR_RPPS));
    private final IssuedCredential sign = pki.issueCps(CpsProfile.physician(DOCTOR_RPPS).toBuilder()
            .usage(CpsUsage.SIGNATURE).build());

    /** @return a client for the physician, with the SDK's default timeouts */
    DmpClient doctor() {
        return doctor(Timeouts.DEFAULT);
    }

    /**
     * @param timeouts the client's timeouts
     * @return a client for the physician
     */
    DmpClient doctor(Timeouts timeouts) {
        return client(DOCTOR_RPPS, "DUPONT ALICE", auth, sign, timeouts);
    }

    /**
     * @param rpps the RPPS number of another physician, with cards of their own from the test PKI
     * @param name the physician's name as the VIHF carries it
     * @return a client for that physician
     */
    DmpClient physician(String rpps, String name) {
        return client(rpps, name, pki.issueCps(CpsProfile.physician(rpps)),
                pki.issueCps(CpsProfile.physician(rpps).toBuilder().usage(CpsUsage.SIGNATURE).build()),
                Timeouts.DEFAULT);
    }

    private DmpClient client(String rpps, String name, IssuedCredential auth, IssuedCredential sign,
                             Timeouts timeouts) {
        return DmpClient.builder()
                .patientChoices(DmpPatientChoices.Lookup.NOT_RECORDED)
                .baseUri(simulator.baseUri())
                .tlsCredential(credential(auth))
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .timeouts(timeouts)
                .vihf(Vihf.builder()
                        .mode(AuthenticationMode.DIRECT)
                        .professional("8" + rpps, name)
                        .profession(Vihf.profession("10", "Médecin"))
                        .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                        .structureId("499900063480001")
                        .activitySector("SA07")
                        .software(software)
                        .signingCredential(credential(sign))
                        .build())
                .build();
    }

    static Timeouts readTimeout(Duration read) {
        return new Timeouts(Duration.ofSeconds(10), read);
    }

    private static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    /** @return a new test patient with an open DMP on which the physician is authorised */
    PatientId newPatient() {
        PatientId p = newPatientWithoutAuthorisation();
        record(p).authorise("8" + DOCTOR_RPPS);
        return p;
    }

    /** @return a new test patient with an open DMP, the physician not authorised */
    PatientId newPatientWithoutAuthorisation() {
        String number = "29301691" + String.format("%05d", 30000 + SEQ.incrementAndGet());
        Ins ins = Ins.of(number + Ins.computeKey(number), InsAuthority.NIR_TEST);
        simulator.patient(ins.matricule(), ins.oid()).open();
        return PatientId.ofIns(ins.matricule(), ins.oid());
    }

    PatientRecord record(PatientId p) {
        return simulator.patient(p.matricule(), p.oid());
    }

    static String uid() {
        return "1.2.250.1.999.1.1.4242.1." + SEQ.incrementAndGet();
    }

    static Author author() {
        return Author.builder().nationalId("8" + DOCTOR_RPPS).name("DUPONT", "ALICE")
                .specialty(CodedValue.authorSpecialty("G15_10/SM26", "Médecin - Qualifié en Médecine Générale (SM)"))
                .structure(new Structure("CABINET DR DUPONT", "499900063480001")).build();
    }

    static DocumentMetadata.Builder metadata(PatientId patient, String uniqueId) {
        return DocumentMetadata.builder()
                .patientId(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .title("Compte rendu de consultation")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(author())
                .uniqueId(uniqueId);
    }

    static String cda(String uniqueId) {
        return "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"" + uniqueId
                + "\"/><title>Compte rendu</title></ClinicalDocument>";
    }

    static Submission submission(PatientId patient, String uniqueId, Visibility visibility) {
        return submission(metadata(patient, uniqueId).visibility(visibility).build());
    }

    static Submission submission(DocumentMetadata metadata) {
        byte[] cda = cda(metadata.uniqueId()).getBytes(StandardCharsets.UTF_8);
        return Submission.builder()
                .document(DmpDocument.of(() -> new ByteArrayInputStream(cda), DmpDocument.MIME_CDA,
                        new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282", "CDA structuré")),
                        metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .build();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
