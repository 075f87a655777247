package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.Visibility.Flag;
import io.segursdk.dmp.internal.XdsJaxb;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLSubmitObjectsRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RegisterDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RegisterDocumentSetTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XdmMetadataTest {

    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    private static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    private static final String CX = Fixtures.MATRICULE + "^^^&1.2.250.1.213.1.4.10&ISO^NH";

    private static Submission submission(String uniqueId, Visibility visibility) {
        return Fixtures.submission(Fixtures.metadata().uniqueId(uniqueId).visibility(visibility).build(),
                new AtomicInteger()).build();
    }

    @Test
    void oneDocumentParsesBackThroughIpfWithTheFeedsMetadataAndItsUri() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        Submission s = Fixtures.submission(Fixtures.metadata()
                .visibility(Visibility.of(Flag.HIDDEN_FROM_PATIENT)).build(), opens).build();

        byte[] xml = XdmMetadata.of(s, "DOC0001.XML");

        assertThat(opens).as("content read once for size and hash").hasValue(1);
        Document doc = SecureXml.instance().parse(xml);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(LCM);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("SubmitObjectsRequest");

        SubmitObjectsRequest sor = new XdsJaxb().unmarshal(doc.getDocumentElement(), SubmitObjectsRequest.class,
                Map.of());
        RegisterDocumentSet back = new RegisterDocumentSetTransformer(new EbXMLFactory30())
                .fromEbXML(new EbXMLSubmitObjectsRequest30(sor));
        assertThat(back.getSubmissionSet().getUniqueId()).isEqualTo("1.2.250.1.999.1.1.4242.2.1");
        assertThat(back.getSubmissionSet().getSourceId()).isEqualTo("1.2.250.1.999.1.1.4242");
        assertThat(back.getDocumentEntries()).hasSize(1);
        DocumentEntry de = back.getDocumentEntries().get(0);
        assertThat(de.getUniqueId()).isEqualTo("1.2.250.1.999.1.1.4242.1.1");
        assertThat(de.getUri()).isEqualTo("DOC0001.XML");
        byte[] cda = Fixtures.CDA.getBytes(StandardCharsets.UTF_8);
        assertThat(de.getSize()).isEqualTo(cda.length);
        assertThat(de.getHash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cda)));
        assertThat(de.getTypeCode().getCode()).isEqualTo("11490-0");
        assertThat(de.getClassCode().getCode()).isEqualTo("10");
        assertThat(de.getConfidentialityCodes()).extracting(Code::getCode)
                .containsExactlyInAnyOrder("N", Flag.HIDDEN_FROM_PATIENT.code());
        assertThat(de.getMimeType()).isEqualTo("text/xml");
        assertThat(back.getAssociations()).extracting(a -> a.getAssociationType())
                .containsExactly(AssociationType.HAS_MEMBER);

        // the DMP's HL7 v2 forms, as in the ITI-41 feed
        assertThat(externalIds(doc)).containsExactly(CX, CX);
        assertThat(slotValues(doc, "authorInstitution")).containsOnly(
                "CABINET DR DUPONT^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^410001234567001");
        assertThat(slotValues(doc, "authorPerson")).containsOnly(
                "810001234567^DUPONT^ALICE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(slotValues(doc, "URI")).containsExactly("DOC0001.XML");
    }

    @Test
    void severalDocumentsShareOneSubmissionSet() {
        Submission a = submission("1.2.250.1.999.1.1.4242.1.1", Visibility.normal());
        Submission b = submission("1.2.250.1.999.1.1.4242.1.2", Visibility.of(Flag.MASKED_FROM_PROFESSIONALS));

        byte[] xml = XdmMetadata.of(List.of(a, b), Map.of("1.2.250.1.999.1.1.4242.1.1", "DOC0001.XML",
                "1.2.250.1.999.1.1.4242.1.2", "DOC0002.XML"));

        Document doc = SecureXml.instance().parse(xml);
        assertThat(doc.getElementsByTagNameNS(RIM, "RegistryPackage").getLength()).isEqualTo(1);
        NodeList eos = doc.getElementsByTagNameNS(RIM, "ExtrinsicObject");
        assertThat(eos.getLength()).isEqualTo(2);
        assertThat(slotValues(doc, "URI")).containsExactly("DOC0001.XML", "DOC0002.XML");
        List<String> types = new ArrayList<>();
        NodeList assocs = doc.getElementsByTagNameNS(RIM, "Association");
        for (int i = 0; i < assocs.getLength(); i++) {
            types.add(((Element) assocs.item(i)).getAttribute("associationType"));
        }
        assertThat(types).containsExactly("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
                "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember");
        assertThat(externalIds(doc)).containsOnly(CX).hasSize(3);
    }

    @Test
    void missingOrUnsafeFileNamesAreRefused() {
        Submission a = submission("1.2.250.1.999.1.1.4242.1.1", Visibility.normal());
        Submission b = submission("1.2.250.1.999.1.1.4242.1.2", Visibility.normal());

        assertThatThrownBy(() -> XdmMetadata.of(List.of(a, b), Map.of("1.2.250.1.999.1.1.4242.1.1", "A.XML")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .extracting(v -> v.field()).containsExactly("fileNames[1.2.250.1.999.1.1.4242.1.2]"));
        assertThatThrownBy(() -> XdmMetadata.of(a, "../A.XML")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> XdmMetadata.of(a, "metadata.xml")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> XdmMetadata.of(List.of(a, b), Map.of("1.2.250.1.999.1.1.4242.1.1", "A.XML",
                "1.2.250.1.999.1.1.4242.1.2", "a.xml"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> XdmMetadata.of(List.of(a, a), Map.of("1.2.250.1.999.1.1.4242.1.1", "A.XML")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> XdmMetadata.of(List.of(), Map.of())).isInstanceOf(InvalidRequestException.class);
    }

    private static List<String> externalIds(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList ids = doc.getElementsByTagNameNS(RIM, "ExternalIdentifier");
        for (int i = 0; i < ids.getLength(); i++) {
            Element e = (Element) ids.item(i);
            String scheme = e.getAttribute("identificationScheme");
            if (scheme.equals("urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427")
                    || scheme.equals("urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446")) {
                out.add(e.getAttribute("value"));
            }
        }
        return out;
    }

    private static List<String> slotValues(Document doc, String name) {
        List<String> out = new ArrayList<>();
        NodeList slots = doc.getElementsByTagNameNS(RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element s = (Element) slots.item(i);
            if (name.equals(s.getAttribute("name"))) {
                NodeList values = s.getElementsByTagNameNS(RIM, "Value");
                for (int j = 0; j < values.getLength(); j++) {
                    out.add(values.item(j).getTextContent());
                }
            }
        }
        return out;
    }
}
