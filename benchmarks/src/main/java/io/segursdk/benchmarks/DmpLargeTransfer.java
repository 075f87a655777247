package io.segursdk.benchmarks;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.RetrievedDocument;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;

/**
 * Run in a JVM with a small heap: feeds one document of the given size to the testkit's DMP simulator through the
 * public {@link DmpClient} API (ITI-41, the document read from a {@link DmpDocument.ContentSource} that generates it),
 * finds its entry, retrieves it (ITI-43) reading {@link RetrievedDocument#content()} as a stream, checks it, and
 * prints the durations and the peak heap.
 */
public final class DmpLargeTransfer {

    static final String RPPS = "10001112223";
    static final String STRUCTURE = "499900063480001";

    private DmpLargeTransfer() {
    }

    /**
     * @param args base URI of the DMP simulator, directory of credentials ({@code root.der}, {@code cps-auth.p12},
     *             {@code cps-sign.p12}), patient matricule, patient OID, size in bytes
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        Path dir = Path.of(args[1]);
        PatientId patient = PatientId.ofIns(args[2], args[3]);
        long size = Long.parseLong(args[4]);
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.der"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SoftwareInfo software = SoftwareInfo.builder().productName("Bench").productVersion("1.0")
                .installationId(UUID.fromString("6f1c2b9e-1d2a-4c55-9a7b-0a1b2c3d4e5f"))
                .dmpHomologationId("HOMOL-BENCH").build();
        Vihf vihf = Vihf.builder()
                .mode(AuthenticationMode.DIRECT)
                .professional("8" + RPPS, "DUPONT ALICE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId(STRUCTURE)
                .activitySector("SA07")
                .software(software)
                .signingCredential(SoftwareCredential.fromPkcs12(dir.resolve("cps-sign.p12"), Scenario.PASSWORD))
                .build();
        long feedMillis;
        long retrieveMillis;
        try (DmpClient client = DmpClient.builder()
                .baseUri(base)
                .tlsCredential(SoftwareCredential.fromPkcs12(dir.resolve("cps-auth.p12"), Scenario.PASSWORD))
                .tls(TlsOptions.builder().addTrustAnchor(root).build())
                .vihf(vihf)
                .patientChoices(DmpPatientChoices.Lookup.NOT_RECORDED)
                .build()) {
            String uniqueId = "1.2.250.1.999.1.1.4243.9." + System.nanoTime();
            DocumentMetadata metadata = DocumentMetadata.builder()
                    .patientId(patient)
                    .classCode(CodedValue.classCode("10", "Compte rendu"))
                    .typeCode(CodedValue.loinc("11488-4", "CR ou fiche de consultation ou de visite"))
                    .title("Consultation")
                    .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                    .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                    .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                    .author(Author.builder().nationalId("8" + RPPS).name("DUPONT", "ALICE")
                            .specialty(CodedValue.authorSpecialty("G15_10/SM26",
                                    "Médecin - Qualifié en Médecine Générale (SM)"))
                            .structure(new Structure("CABINET DR DUPONT", STRUCTURE)).build())
                    .uniqueId(uniqueId)
                    .build();
            Submission submission = Submission.builder()
                    .document(DmpDocument.of(() -> new Payload(size), DmpDocument.MIME_PDF, CodedValue.FORMAT_PDF),
                            metadata)
                    .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                    .sourceId("1.2.250.1.999.1.1.4243")
                    .build();
            long t0 = System.nanoTime();
            client.feed(DmpAccess.of(patient), submission);
            feedMillis = (System.nanoTime() - t0) / 1_000_000;

            DocumentEntry entry = client.search(DmpAccess.of(patient), DocumentQuery.byUniqueIds(uniqueId))
                    .entries().get(0);
            if (entry.size() == null || entry.size() != size) {
                throw new IllegalStateException("the DMP recorded " + entry.size() + " bytes, not " + size);
            }
            long t1 = System.nanoTime();
            try (RetrievedDocument document = client.retrieve(DmpAccess.of(patient), entry);
                 InputStream in = document.content()) {
                Payload.verify(in, size);
            }
            retrieveMillis = (System.nanoTime() - t1) / 1_000_000;
        }
        Payload.reportAndExit(feedMillis, retrieveMillis);
    }
}
