package io.segursdk.docs;

import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.XdmMetadata;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmLimits;
import io.segursdk.mssante.XdmPackage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DMP metadata in an MSSanté XDM package: sdk-dmp builds {@code METADATA.XML}, sdk-mssante carries it, with no
 * dependency between the two modules (only the application sees both).
 */
class XdmWithDmpMetadataTest {

    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    private static final byte[] CDA = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>CR</title></ClinicalDocument>"
            .getBytes(StandardCharsets.UTF_8);
    private static final String UNIQUE_ID = "1.2.250.1.999.1.1.4242.1.7";

    private static Submission submission() {
        PatientId patient = PatientId.ofIns("279035121518989", PatientId.OID_INS_NIR_TEST);
        DocumentMetadata metadata = DocumentMetadata.builder()
                .patientId(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .title("Lettre de sortie")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(Author.builder()
                        .nationalId("810001234567")
                        .name("DUPONT", "ALICE")
                        .specialty(CodedValue.authorSpecialty("G15_10/SM26",
                                "Médecin - Qualifié en Médecine Générale (SM)"))
                        .structure(new Structure("CABINET DR DUPONT", "410001234567001"))
                        .build())
                .uniqueId(UNIQUE_ID)
                .build();
        return Submission.builder()
                .document(DmpDocument.of(() -> new ByteArrayInputStream(CDA), DmpDocument.MIME_CDA,
                        new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282",
                                "Document CDA structuré")), metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .submissionTime(Instant.parse("2026-03-02T10:00:00Z"))
                .build();
    }

    @Test
    void dmpMetadataTravelsInTheXdmPackage() {
        Submission submission = submission();

        // tag::x[]
        // sdk-dmp: the XDM METADATA.XML of the DMP submission, the document named DOC0001.XML
        byte[] metadata = XdmMetadata.of(submission, "DOC0001.XML");

        // sdk-mssante: the package carries that metadata instead of its minimal one
        XdmPackage xdm = XdmPackage.of(null, List.of(
                        new XdmDocument("DOC0001.XML", "text/xml", "Lettre de sortie", "11490-0", CDA)))
                .withMetadata(metadata);
        byte[] zip = xdm.toZip(); // attach as XdmPackage.FILE_NAME

        // receiving side: the raw METADATA.XML goes back to the DMP model
        XdmPackage received = XdmPackage.read(new ByteArrayInputStream(zip), XdmLimits.DEFAULT);
        byte[] receivedMetadata = received.metadataXml();
        // end::x[]

        assertThat(receivedMetadata).isEqualTo(metadata);
        assertThat(received.documents()).hasSize(1);
        XdmDocument document = received.documents().get(0);
        assertThat(document.fileName()).isEqualTo("DOC0001.XML");
        assertThat(document.content()).isEqualTo(CDA);
        assertThat(document.typeCode()).isEqualTo("11490-0");
        assertThat(received.patientInsCx()).as("sourcePatientId from the DMP metadata")
                .contains("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");

        NodeList entries = SecureXml.instance().parse(receivedMetadata).getElementsByTagNameNS(RIM, "ExtrinsicObject");
        assertThat(entries.getLength()).isEqualTo(1);
        Element entry = (Element) entries.item(0);
        assertThat(slot(entry, "URI")).isEqualTo(document.fileName());
        assertThat(slot(entry, "size")).isEqualTo(Integer.toString(CDA.length));
        assertThat(uniqueId(entry)).isEqualTo(UNIQUE_ID);
    }

    private static String slot(Element entry, String name) {
        NodeList slots = entry.getElementsByTagNameNS(RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element s = (Element) slots.item(i);
            if (s.getParentNode() == entry && name.equals(s.getAttribute("name"))) {
                return s.getElementsByTagNameNS(RIM, "Value").item(0).getTextContent();
            }
        }
        return null;
    }

    /** The XDSDocumentEntry.uniqueId external identifier. */
    private static String uniqueId(Element entry) {
        NodeList ids = entry.getElementsByTagNameNS(RIM, "ExternalIdentifier");
        for (int i = 0; i < ids.getLength(); i++) {
            Element e = (Element) ids.item(i);
            if ("urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab".equals(e.getAttribute("identificationScheme"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }
}
