package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentMetadataTest {

    @Test
    void emptyMetadataListsEveryMissingField() {
        assertThatThrownBy(() -> DocumentMetadata.builder().build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .contains("patientId", "classCode", "typeCode", "healthcareFacilityType", "practiceSetting",
                                "title", "creationTime", "authors"));
    }

    @Test
    void wrongValuesAreAllReportedWithoutPatientData() {
        Author bad = Author.builder().nationalId("x").name("DU^PONT", "ALICE")
                .specialty(CodedValue.authorSpecialty("G15_10", "Médecin"))
                .structure(new Structure("CABINET", "?")).build();
        assertThatThrownBy(() -> Fixtures.metadata()
                .classCode(CodedValue.loinc("10", "Compte rendu"))
                .serviceTime(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T09:00:00Z"))
                .author(bad)
                .uniqueId("urn:uuid:0b8b0a5e-7f5e-4a4c-9d8e-2f6a1c3b4d5e")
                .languageCode("french")
                .build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                            "classCode.codeSystem", "serviceStopTime", "authors[1].nationalId",
                            "authors[1].familyName", "authors[1].structure.nationalId", "languageCode", "uniqueId");
                    assertThat(e.getMessage()).doesNotContain(Fixtures.MATRICULE).doesNotContain("DU^PONT");
                });
    }

    @Test
    void insIsChecked() {
        assertThatThrownBy(() -> PatientId.ofIns("12345", "1.2.3"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("patientId.matricule", "patientId.oid"));
        assertThat(Fixtures.PATIENT.toString()).doesNotContain(Fixtures.MATRICULE);
        assertThat(Fixtures.PATIENT.toCx()).isEqualTo(Fixtures.MATRICULE + "^^^&1.2.250.1.213.1.4.10&ISO^NH");
    }

    @Test
    void uniqueIdIsGeneratedAsAnOidWhenAbsent() {
        DocumentMetadata m = Fixtures.metadata().uniqueId(null).build();
        assertThat(m.uniqueId()).startsWith("2.25.").matches("[0-9.]+").hasSizeLessThanOrEqualTo(64);
        assertThat(Fixtures.metadata().uniqueId(null).build().uniqueId()).isNotEqualTo(m.uniqueId());
    }

    @Test
    void replacementRejectsAUniqueIdInPlaceOfTheEntryUuid() {
        assertThatThrownBy(() -> new Replacement("1.2.250.1.999.1", "1.2.250.1.999.1"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("replacement.entryUuid"));
    }

    @Test
    void submissionListsEveryProblem() {
        assertThatThrownBy(() -> Submission.builder().sourceId("abc").build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("document", "metadata", "contentType", "sourceId"));
    }

    @Test
    void visibilityMapsToConfidentialityCodes() {
        Visibility v = Visibility.of(Visibility.Flag.MASKED_FROM_PROFESSIONALS, Visibility.Flag.HIDDEN_FROM_PATIENT);
        assertThat(v.confidentialityCodes()).extracting(CodedValue::code)
                .containsExactly("N", "INVISIBLE_PATIENT", "MASQUE_PS");
        assertThat(v.confidentialityCodes().get(0).codeSystem()).isEqualTo("2.16.840.1.113883.5.25");
        assertThat(v.confidentialityCodes().get(1).codeSystem()).isEqualTo("1.2.250.1.213.1.1.4.13");
        assertThat(v.visibleToPatient()).isFalse();
        assertThat(v.visibleToOtherProfessionals()).isFalse();
        assertThat(v.visibleToLegalRepresentatives()).isTrue();
        assertThat(Visibility.fromConfidentialityCodes(v.confidentialityCodes())).isEqualTo(v);
        assertThat(Visibility.of()).isEqualTo(Visibility.normal());
    }
}
