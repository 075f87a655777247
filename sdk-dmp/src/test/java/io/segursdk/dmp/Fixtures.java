package io.segursdk.dmp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data: a fictitious test patient, author and CDA document. */
public final class Fixtures {

    public static final String MATRICULE = "279035121518989";
    public static final PatientId PATIENT = PatientId.ofIns(MATRICULE, PatientId.OID_INS_NIR_TEST);
    public static final String CDA = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Test</title></ClinicalDocument>";
    public static final CodedValue CDA_FORMAT =
            new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282", "Document CDA structuré");

    private Fixtures() {
    }

    public static Author author() {
        return Author.builder()
                .nationalId("810001234567")
                .name("DUPONT", "ALICE")
                .specialty(CodedValue.authorSpecialty("G15_10/SM26", "Médecin - Qualifié en Médecine Générale (SM)"))
                .structure(new Structure("CABINET DR DUPONT", "410001234567001"))
                .build();
    }

    public static DocumentMetadata.Builder metadata() {
        return DocumentMetadata.builder()
                .patientId(PATIENT)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .title("Compte rendu de consultation")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .serviceTime(Instant.parse("2026-03-02T08:30:00Z"), Instant.parse("2026-03-02T09:00:00Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(author())
                .uniqueId("1.2.250.1.999.1.1.4242.1.1");
    }

    /** A CDA document that counts how often its content is opened. */
    public static DmpDocument cda(AtomicInteger opens) {
        return DmpDocument.of(() -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(CDA.getBytes(StandardCharsets.UTF_8));
        }, DmpDocument.MIME_CDA, CDA_FORMAT);
    }

    public static Submission.Builder submission(DocumentMetadata metadata, AtomicInteger opens) {
        return Submission.builder()
                .document(cda(opens), metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .uniqueId("1.2.250.1.999.1.1.4242.2.1")
                .submissionTime(Instant.parse("2026-03-02T10:00:00Z"));
    }
}
