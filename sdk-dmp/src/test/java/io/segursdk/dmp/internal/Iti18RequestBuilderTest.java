package io.segursdk.dmp.internal;

import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.Fixtures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Instant;

import static io.segursdk.dmp.internal.Iti41RequestBuilderTest.slotValues;
import static org.assertj.core.api.Assertions.assertThat;

class Iti18RequestBuilderTest {

    private final Iti18RequestBuilder builder = new Iti18RequestBuilder(new XdsJaxb());

    @Test
    void findDocumentsWritesASlotPerFilter() {
        DocumentQuery q = DocumentQuery.findDocuments(Fixtures.PATIENT)
                .classCodes(CodedValue.classCode("10", "Compte rendu"))
                .typeCodes(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .practiceSettings(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .facilityTypes(CodedValue.facilityType("SA07", "Cabinet"))
                .formatCodes(CodedValue.FORMAT_PDF)
                .createdBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"))
                .serviceStartBetween(Instant.parse("2025-12-01T00:00:00Z"), null)
                .serviceStopBetween(null, Instant.parse("2026-03-01T00:00:00Z"))
                .statuses(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED)
                .authors("810001234567")
                .build();
        Element body = builder.build(q).body();
        assertThat(body.getLocalName()).isEqualTo("AdhocQueryRequest");
        Element adhoc = (Element) body.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "AdhocQuery").item(0);
        assertThat(adhoc.getAttribute("id")).isEqualTo("urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
        assertThat(slotValues(body, "$XDSDocumentEntryPatientId"))
                .containsExactly("'" + Fixtures.MATRICULE + "^^^&1.2.250.1.213.1.4.10&ISO'");
        assertThat(slotValues(body, "$XDSDocumentEntryClassCode"))
                .containsExactly("('10^^1.2.250.1.213.1.1.4.1')");
        assertThat(slotValues(body, "$XDSDocumentEntryTypeCode"))
                .containsExactly("('11490-0^^2.16.840.1.113883.6.1')");
        assertThat(slotValues(body, "$XDSDocumentEntryPracticeSettingCode"))
                .containsExactly("('AMBULATOIRE^^1.2.250.1.213.1.1.4.9')");
        assertThat(slotValues(body, "$XDSDocumentEntryHealthcareFacilityTypeCode"))
                .containsExactly("('SA07^^1.2.250.1.71.4.2.4')");
        assertThat(slotValues(body, "$XDSDocumentEntryFormatCode"))
                .containsExactly("('urn:ihe:iti:xds-sd:pdf:2008^^1.3.6.1.4.1.19376.1.2.3')");
        assertThat(slotValues(body, "$XDSDocumentEntryCreationTimeFrom")).containsExactly("20260101000000");
        assertThat(slotValues(body, "$XDSDocumentEntryCreationTimeTo")).containsExactly("20260201000000");
        assertThat(slotValues(body, "$XDSDocumentEntryServiceStartTimeFrom")).containsExactly("20251201000000");
        assertThat(slotValues(body, "$XDSDocumentEntryServiceStartTimeTo")).isEmpty();
        assertThat(slotValues(body, "$XDSDocumentEntryServiceStopTimeTo")).containsExactly("20260301000000");
        assertThat(slotValues(body, "$XDSDocumentEntryStatus")).containsExactly(
                "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:asip:ci-sis:2010:StatusType:Archived')");
        assertThat(slotValues(body, "$XDSDocumentEntryAuthorPerson")).containsExactly("('810001234567^%')");
    }

    @Test
    void findDocumentsDefaultsToCurrentDocuments() {
        Element body = builder.build(DocumentQuery.findDocuments(Fixtures.PATIENT).build()).body();
        assertThat(slotValues(body, "$XDSDocumentEntryStatus"))
                .containsExactly("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')");
        assertThat(slotValues(body, "$XDSDocumentEntryClassCode")).isEmpty();
    }

    @Test
    void getDocumentsByUniqueIdOrEntryUuid() {
        Element byUid = builder.build(DocumentQuery.byUniqueIds("1.2.250.1.999.1.1.4242.1.1")).body();
        assertThat(slotValues(byUid, "$XDSDocumentEntryUniqueId")).containsExactly("('1.2.250.1.999.1.1.4242.1.1')");
        Element byUuid = builder.build(DocumentQuery.byEntryUuids("urn:uuid:11111111-2222-4333-8444-555555555555"))
                .body();
        assertThat(slotValues(byUuid, "$XDSDocumentEntryEntryUUID"))
                .containsExactly("('urn:uuid:11111111-2222-4333-8444-555555555555')");
    }
}
