package io.segursdk.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmpValueSetsTest {

    @Test
    void bundledVersionHoldsTheSampleCodes() {
        DmpValueSets sets = DmpValueSets.bundled();
        assertThat(sets.version()).isEqualTo("2026.1");
        assertThat(sets.accepts(DmpValueSet.CLASS_CODE, CodedValue.classCode("10", "x"))).isTrue();
        assertThat(sets.accepts(DmpValueSet.CLASS_CODE, CodedValue.classCode("99", "x"))).isFalse();
        // the code system counts, not only the code
        assertThat(sets.accepts(DmpValueSet.CLASS_CODE, new CodedValue("10", "2.16.840.1.113883.6.1", "x"))).isFalse();
        assertThat(sets.find(DmpValueSet.TYPE_CODE, CodedValue.LOINC, "11490-0")).get()
                .extracting(CodedValue::displayName).isEqualTo("Lettre de liaison à la sortie d'un établissement de soins");
        assertThat(sets.codes(DmpValueSet.PRACTICE_SETTING)).extracting(CodedValue::code)
                .contains("AMBULATOIRE", "ETABLISSEMENT", "SAMU_SMUR");
        for (Visibility.Flag f : Visibility.Flag.values()) {
            assertThat(sets.accepts(DmpValueSet.CONFIDENTIALITY, f.codedValue())).as(f.name()).isTrue();
        }
        assertThat(sets.accepts(DmpValueSet.FORMAT_CODE, CodedValue.FORMAT_PDF)).isTrue();
    }

    // tag::valuesets[]
    @Test
    void everyUnknownCodeIsReportedAtOnce() {
        DocumentMetadata metadata = Fixtures.metadata()
                .classCode(CodedValue.classCode("99", "Inconnue"))
                .practiceSetting(CodedValue.practiceSetting("PLAGE", "Plage"))
                .build();
        Submission submission = Fixtures.submission(metadata, new AtomicInteger())
                .contentType(CodedValue.contentType("ZZ", "Inconnu")).build();

        DmpValueSets valueSets = DmpValueSets.bundled();      // or DmpValueSets.load(vendorFile)
        assertThatThrownBy(() -> valueSets.validate(submission))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).violations().stream().map(Violation::field).toList())
                .asList().containsExactlyInAnyOrder("metadata.classCode", "metadata.practiceSetting", "contentType");
    }
    // end::valuesets[]

    @Test
    void theFixtureSubmissionPasses() {
        DmpValueSets.bundled().validate(Fixtures.submission(Fixtures.metadata().build(), new AtomicInteger()).build());
    }

    @Test
    void aVendorFileReplacesTheBundledData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jdv-2027.tsv");
        Files.writeString(file, "# refreshed from the ANS terminologies\n@version\t2027.1\n"
                + "CLASS_CODE\t1.2.250.1.213.1.1.4.1\t99\tNouvelle classe\n");
        DmpValueSets sets = DmpValueSets.load(file);
        assertThat(sets.version()).isEqualTo("2027.1");
        assertThat(sets.accepts(DmpValueSet.CLASS_CODE, CodedValue.classCode("99", "x"))).isTrue();
        assertThat(sets.accepts(DmpValueSet.CLASS_CODE, CodedValue.classCode("10", "x"))).isFalse();
        // value sets without codes in the file are not checked
        assertThat(sets.isChecked(DmpValueSet.TYPE_CODE)).isFalse();
        assertThat(sets.accepts(DmpValueSet.TYPE_CODE, CodedValue.loinc("00000-0", "x"))).isTrue();
    }

    @Test
    void aMalformedFileIsRefusedWithEveryProblem() {
        String content = "CLASS_CODE\t1.2.250.1.213.1.1.4.1\n" + "NOT_A_SET\tx\ty\tz\n";
        assertThatThrownBy(() -> DmpValueSets.load(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "vendor.tsv"))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).violations().stream().map(Violation::field).toList())
                .asList().containsExactly("vendor.tsv line 1", "vendor.tsv line 2", "vendor.tsv");
    }
}
