package io.segursdk.dmp.internal;

import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.Fixtures;
import io.segursdk.dmp.Replacement;
import io.segursdk.dmp.Visibility;
import io.segursdk.dmp.Visibility.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLProvideAndRegisterDocumentSetRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Association;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Hl7v2Based;
import org.openehealth.ipf.commons.ihe.xds.core.requests.ProvideAndRegisterDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.ProvideAndRegisterDocumentSetTransformer;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class Iti41RequestBuilderTest {

    private static final String XOP = "http://www.w3.org/2004/08/xop/include";
    private final XdsJaxb jaxb = new XdsJaxb();
    private final Iti41RequestBuilder builder = new Iti41RequestBuilder(jaxb);

    static Stream<Set<Flag>> everyCombination() {
        List<Set<Flag>> all = new ArrayList<>();
        Flag[] flags = Flag.values();
        for (int mask = 0; mask < 1 << flags.length; mask++) {
            EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
            for (int i = 0; i < flags.length; i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(flags[i]);
                }
            }
            all.add(s);
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyCombination")
    void visibilityRoundTripsAsConfidentialityCodes(Set<Flag> flags) throws Exception {
        AtomicInteger opens = new AtomicInteger();
        var submission = Fixtures.submission(Fixtures.metadata().visibility(Visibility.of(flags)).build(), opens)
                .build();

        SoapBodyPayload payload = builder.build(submission);
        assertThat(opens).as("the content is not read while building").hasValue(0);

        ProvideAndRegisterDocumentSet back = reparse(payload);
        DocumentEntry de = back.getDocuments().get(0).getDocumentEntry();
        Map<String, String> codes = de.getConfidentialityCodes().stream()
                .collect(Collectors.toMap(Code::getCode, Code::getSchemeName));
        assertThat(codes).containsEntry("N", "2.16.840.1.113883.5.25").hasSize(1 + flags.size());
        for (Flag f : flags) {
            assertThat(codes).containsEntry(f.code(), "1.2.250.1.213.1.1.4.13");
        }

        // the document travels as an attachment, read only when the SOAP layer streams it
        try (InputStream in = back.getDocuments().get(0).getDataHandler().getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.CDA);
        }
        assertThat(opens).hasValue(1);
    }

    @Test
    void documentEntryCarriesTheDmpForms() {
        var submission = Fixtures.submission(Fixtures.metadata()
                .legalAuthenticator(Fixtures.author())
                .sourcePatientId("IPP4242", "1.2.250.1.999.1.1.4242.3")
                .build(), new AtomicInteger()).build();
        SoapBodyPayload payload = builder.build(submission);
        ProvideAndRegisterDocumentSet back = reparse(payload);
        DocumentEntry de = back.getDocuments().get(0).getDocumentEntry();

        String cx = Fixtures.MATRICULE + "^^^&1.2.250.1.213.1.4.10&ISO^NH";
        NodeList ids = payload.body().getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "ExternalIdentifier");
        List<String> patientIds = new ArrayList<>();
        for (int i = 0; i < ids.getLength(); i++) {
            Element e = (Element) ids.item(i);
            if (e.getAttribute("identificationScheme").equals("urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427")
                    || e.getAttribute("identificationScheme").equals("urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446")) {
                patientIds.add(e.getAttribute("value"));
            }
        }
        assertThat(patientIds).containsExactly(cx, cx);
        assertThat(de.getPatientId().getId()).isEqualTo(Fixtures.MATRICULE);
        assertThat(de.getPatientId().getAssigningAuthority().getUniversalId()).isEqualTo("1.2.250.1.213.1.4.10");
        assertThat(slotValues(payload.body(), "sourcePatientId"))
                .containsExactly("IPP4242^^^&1.2.250.1.999.1.1.4242.3&ISO^PI");
        var author = de.getAuthors().get(0);
        assertThat(Hl7v2Based.render(author.getAuthorPerson()))
                .isEqualTo("810001234567^DUPONT^ALICE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(slotValues(payload.body(), "authorInstitution")).as("document entry and submission set")
                .containsExactly("CABINET DR DUPONT^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^410001234567001",
                        "CABINET DR DUPONT^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^410001234567001");
        assertThat(slotValues(payload.body(), "authorPerson")).containsOnly(
                "810001234567^DUPONT^ALICE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(slotValues(payload.body(), "authorSpecialty")).containsOnly("G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5");
        assertThat(Hl7v2Based.render(de.getLegalAuthenticator()))
                .isEqualTo("810001234567^DUPONT^ALICE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(de.getClassCode().getCode()).isEqualTo("10");
        assertThat(de.getClassCode().getSchemeName()).isEqualTo("1.2.250.1.213.1.1.4.1");
        assertThat(de.getTypeCode().getSchemeName()).isEqualTo("2.16.840.1.113883.6.1");
        assertThat(de.getHealthcareFacilityTypeCode().getCode()).isEqualTo("SA07");
        assertThat(de.getPracticeSettingCode().getCode()).isEqualTo("AMBULATOIRE");
        assertThat(de.getFormatCode().getCode()).isEqualTo(Fixtures.CDA_FORMAT.code());
        assertThat(de.getTitle().getValue()).isEqualTo("Compte rendu de consultation");
        assertThat(de.getTitle().getLang()).isEqualTo("fr-FR");
        assertThat(de.getLanguageCode()).isEqualTo("fr-FR");
        assertThat(de.getCreationTime().toHL7()).isEqualTo("20260302091530");
        assertThat(de.getServiceStartTime().toHL7()).isEqualTo("20260302083000");
        assertThat(de.getUniqueId()).isEqualTo("1.2.250.1.999.1.1.4242.1.1");
        assertThat(de.getMimeType()).isEqualTo("text/xml");
        var set = back.getSubmissionSet();
        assertThat(set.getUniqueId()).isEqualTo("1.2.250.1.999.1.1.4242.2.1");
        assertThat(set.getSourceId()).isEqualTo("1.2.250.1.999.1.1.4242");
        assertThat(set.getContentTypeCode().getCode()).isEqualTo("04");
        assertThat(set.getContentTypeCode().getSchemeName()).isEqualTo("1.2.250.1.213.2.2");
        assertThat(set.getSubmissionTime().toHL7()).isEqualTo("20260302100000");
        assertThat(back.getAssociations()).singleElement().satisfies(a -> {
            assertThat(a.getAssociationType()).isEqualTo(AssociationType.HAS_MEMBER);
            assertThat(a.getSourceUuid()).isEqualTo(set.getEntryUuid());
            assertThat(a.getTargetUuid()).isEqualTo(de.getEntryUuid());
        });
    }

    @Test
    void bodyIsAnXdsbRequestWithAnXopIncludeToTheAttachment() {
        SoapBodyPayload payload = builder.build(Fixtures.submission(Fixtures.metadata().build(),
                new AtomicInteger()).build());
        Element body = payload.body();
        assertThat(body.getNamespaceURI()).isEqualTo("urn:ihe:iti:xds-b:2007");
        assertThat(body.getLocalName()).isEqualTo("ProvideAndRegisterDocumentSetRequest");
        NodeList includes = body.getElementsByTagNameNS(XOP, "Include");
        assertThat(includes.getLength()).isEqualTo(1);
        Element include = (Element) includes.item(0);
        assertThat(payload.attachments()).singleElement().satisfies(a -> {
            assertThat(include.getAttribute("href")).isEqualTo("cid:" + a.contentId());
            assertThat(a.contentType()).isEqualTo("text/xml");
        });
        // the Document id matches the ExtrinsicObject id, as IHE requires
        Element document = (Element) include.getParentNode();
        NodeList extrinsics = body.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "ExtrinsicObject");
        assertThat(((Element) extrinsics.item(0)).getAttribute("id")).isEqualTo(document.getAttribute("id"));
    }

    @Test
    void replacementAddsAnRplcAssociationToTheEarlierEntryUuid() {
        String oldEntry = "urn:uuid:7b1e2c3d-4a5b-4c6d-8e7f-901a2b3c4d5e";
        var submission = Fixtures.submission(Fixtures.metadata().build(), new AtomicInteger())
                .replaces(new Replacement(oldEntry, "1.2.250.1.999.1.1.4242.1.0")).build();
        ProvideAndRegisterDocumentSet back = reparse(builder.build(submission));
        String newEntry = back.getDocuments().get(0).getDocumentEntry().getEntryUuid();
        Map<AssociationType, Association> byType = back.getAssociations().stream()
                .collect(Collectors.toMap(Association::getAssociationType, Function.identity()));
        assertThat(byType).containsOnlyKeys(AssociationType.HAS_MEMBER, AssociationType.REPLACE);
        assertThat(byType.get(AssociationType.REPLACE).getSourceUuid()).isEqualTo(newEntry);
        assertThat(byType.get(AssociationType.REPLACE).getTargetUuid()).isEqualTo(oldEntry);
        assertThat(byType.get(AssociationType.REPLACE).getAssociationType().getOpcode30())
                .isEqualTo("urn:ihe:iti:2007:AssociationType:RPLC");
    }

    @Test
    void contentAndMetadataOfALargeFileAreNotReadWhileBuilding() {
        AtomicInteger opens = new AtomicInteger();
        var doc = io.segursdk.dmp.DmpDocument.of(() -> {
            opens.incrementAndGet();
            throw new java.io.IOException("must not be opened while building");
        }, "application/pdf", CodedValue.FORMAT_PDF);
        var submission = io.segursdk.dmp.Submission.builder().document(doc, Fixtures.metadata().build())
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242").build();
        SoapBodyPayload payload = builder.build(submission);
        assertThat(payload.attachments()).singleElement().extracting(MtomAttachment::contentType)
                .isEqualTo("application/pdf");
        assertThat(opens).hasValue(0);
    }

    static List<String> slotValues(Element body, String name) {
        List<String> values = new ArrayList<>();
        NodeList slots = body.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0", "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element slot = (Element) slots.item(i);
            if (slot.getAttribute("name").equals(name)) {
                NodeList v = slot.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0", "Value");
                for (int j = 0; j < v.getLength(); j++) {
                    values.add(v.item(j).getTextContent());
                }
            }
        }
        return values;
    }

    private ProvideAndRegisterDocumentSet reparse(SoapBodyPayload payload) {
        Map<String, MtomAttachment> byId = payload.attachments().stream()
                .collect(Collectors.toMap(MtomAttachment::contentId, Function.identity()));
        ProvideAndRegisterDocumentSetRequestType type =
                jaxb.unmarshal(payload.body(), ProvideAndRegisterDocumentSetRequestType.class, byId);
        return new ProvideAndRegisterDocumentSetTransformer(new EbXMLFactory30())
                .fromEbXML(new EbXMLProvideAndRegisterDocumentSetRequest30(type));
    }
}
