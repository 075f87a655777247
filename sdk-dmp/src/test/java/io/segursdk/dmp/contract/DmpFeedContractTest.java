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
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.dmp.GeneratedContent;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.TestPki;

import io.segursdk.dmp.CdaHeader;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.RetrievedDocument;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.server.SimRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
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
                .patientChoices(DmpPatientChoices.Lookup.NOT_RECORDED)
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

    @Test
    void aLargeDocumentIsFedAndRetrievedAsAStreamByteForByte() throws Exception {
        long size = 64L * 1024 * 1024 + 17;                       // 64 MB, never whole in this test's memory
        long seed = 0x5eed_0f_d0c5L;
        PatientId patient = newPatient();
        DocumentMetadata metadata = metadata(patient).build();
        DmpDocument document = DmpDocument.of(() -> new GeneratedContent(seed, size), DmpDocument.MIME_PDF,
                CodedValue.FORMAT_PDF);
        doctor.feed(DmpAccess.of(patient), submission(metadata, document).build());

        // the simulator kept the document out of its heap: the captured request holds a placeholder
        SimRequest feed = simulator.server().captured().get(simulator.server().captured().size() - 1);
        assertThat(feed.body().length).isLessThan(1024 * 1024);

        DocumentEntry entry = doctor.search(DmpAccess.of(patient), DocumentQuery.byUniqueIds(metadata.uniqueId()))
                .entries().get(0);
        assertThat(entry.size()).isEqualTo(size);
        assertThat(entry.hash()).isEqualTo(HexFormat.of().formatHex(digest("SHA-1", new GeneratedContent(seed, size))));

        byte[] retrieved;
        long count;
        try (RetrievedDocument doc = doctor.retrieve(DmpAccess.of(patient), entry);
             InputStream in = doc.content()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            count = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
                count += n;
            }
            retrieved = sha256.digest();
        }
        assertThat(count).isEqualTo(size);
        assertThat(retrieved).isEqualTo(digest("SHA-256", new GeneratedContent(seed, size)));
    }

    static byte[] digest(String algorithm, InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }

    static byte[] cdaBytes() throws Exception {
        try (InputStream in = DmpFeedContractTest.class.getResourceAsStream("/io/segursdk/dmp/cda/consultation.xml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCdaFeedCarriesItsSizeHashAndASubmissionSetSignature() throws Exception {
        // the CDA fixture is about this test patient, written by this doctor
        PatientId patient = PatientId.ofIns("279035121518989", PatientId.OID_INS_NIR_TEST);
        simulator.patient(patient.matricule(), patient.oid()).open().authorise("8" + RPPS);
        byte[] cda = cdaBytes();
        AtomicInteger opens = new AtomicInteger();
        // tag::signedfeed[]
        DmpDocument document = DmpDocument.of(() -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(cda);                 // in real use: Files.newInputStream(path)
        }, DmpDocument.MIME_CDA, new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282", ""));
        DocumentMetadata metadata = CdaHeader.read(document.content())
                .toMetadata(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .build();
        Submission submission = Submission.builder()
                .document(document, metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4243")
                .build();                                         // signed(true) by default
        doctor.feed(DmpAccess.of(patient), submission);           // size, hash and XAdES computed while streaming
        // end::signedfeed[]
        // header, digest pass, sending: the document is read as a stream three times, never held by the SDK
        assertThat(opens).hasValue(3);

        // size and SHA-1 in the metadata on the wire
        SimRequest feed = simulator.server().captured().get(simulator.server().captured().size() - 1);
        String wire = new String(feed.body(), StandardCharsets.UTF_8);
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cda));
        assertThat(wire).contains(sha1).contains(">" + cda.length + "<");

        PatientRecord record = simulator.patient(patient.matricule(), patient.oid());
        assertThat(record.entries()).singleElement().extracting(PatientRecord.Entry::uniqueId)
                .isEqualTo("1.2.250.1.999.1.1.4243.7^CR-2026-0042");
        PatientRecord.SubmissionSignature sig = record.signatures().get(0);
        assertThat(record.signatures()).hasSize(1);
        assertThat(sig.typeCode()).isEqualTo("E1762");
        assertThat(sig.formatCode()).isEqualTo("http://www.w3.org/2000/09/xmldsig#");
        assertThat(sig.confidentialityCodes()).containsExactlyInAnyOrder("N", "MASQUE_PS", "INVISIBLE_PATIENT");

        // the XAdES signature verifies with the JDK's XML-DSig, and its manifest holds the document's digest
        Document xml = parse(sig.content());
        Element signature = xml.getDocumentElement();
        assertThat(signature.getLocalName()).isEqualTo("Signature");
        markIds(signature);
        X509Certificate cert = cardSignature.certificate();
        DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), signature);
        assertThat(XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx).validate(ctx)).isTrue();
        assertThat(manifestDigest(xml, "urn:oid:" + metadata.uniqueId()))
                .isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cda)));
        assertThat(manifestDigest(xml, "urn:oid:" + submission.uniqueId())).isEqualTo("AA==");
        assertThat(xml.getElementsByTagNameNS("http://uri.etsi.org/01903/v1.1.1#", "SigningTime").getLength())
                .isEqualTo(1);

        // tampering with the manifest breaks the signature
        Element firstDigest = (Element) xml.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                "Manifest").item(0).getLastChild().getLastChild();
        firstDigest.setTextContent(Base64.getEncoder().encodeToString(new byte[32]));
        DOMValidateContext again = new DOMValidateContext(cert.getPublicKey(), signature);
        assertThat(XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(again).validate(again)).isFalse();

        // the doctor's search shows the document, not the signature
        List<DocumentEntry> found = doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())
                .entries();
        assertThat(found).extracting(DocumentEntry::uniqueId).containsExactly(metadata.uniqueId());
        assertThat(found.get(0).size()).isEqualTo(cda.length);
        assertThat(found.get(0).hash()).isEqualTo(sha1);
    }

    @Test
    void anUnsignedFeedSendsNoSignature() {
        PatientId patient = newPatient();
        doctor.feed(DmpAccess.of(patient), submission(metadata(patient).build(),
                pdf("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).signed(false).build());
        PatientRecord record = simulator.patient(patient.matricule(), patient.oid());
        assertThat(record.entries()).hasSize(1);
        assertThat(record.signatures()).isEmpty();
    }

    @Test
    void aDocumentThatChangesBetweenDigestAndSendingIsNotFed() {
        PatientId patient = newPatient();
        AtomicInteger opens = new AtomicInteger();
        DmpDocument changing = DmpDocument.of(() -> new ByteArrayInputStream(
                ("%PDF-1.4 version " + opens.incrementAndGet()).getBytes(StandardCharsets.US_ASCII)),
                DmpDocument.MIME_PDF, CodedValue.FORMAT_PDF);
        assertThatThrownBy(() -> doctor.feed(DmpAccess.of(patient),
                submission(metadata(patient).build(), changing).build()))
                .isInstanceOf(io.segursdk.core.error.SegurException.class);
        assertThat(simulator.patient(patient.matricule(), patient.oid()).entries()).isEmpty();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static void markIds(Element e) {
        if (e.hasAttribute("Id")) {
            e.setIdAttribute("Id", true);
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
                markIds(c);
            }
        }
    }

    static String manifestDigest(Document xml, String uri) {
        Element manifest = (Element) xml.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Manifest")
                .item(0);
        NodeList refs = manifest.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference");
        for (int i = 0; i < refs.getLength(); i++) {
            Element r = (Element) refs.item(i);
            if (uri.equals(r.getAttribute("URI"))) {
                return r.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "DigestValue").item(0)
                        .getTextContent();
            }
        }
        return null;
    }
}
