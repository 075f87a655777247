package io.segursdk.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import io.segursdk.docs.fixtures.BadLibraryCode;

import org.junit.jupiter.api.Test;

/** The architecture rules must be able to fail: each reports the fixture class that breaks it. */
class ArchitectureRulesCanFailTest {

    private final JavaClasses bad = new ClassFileImporter().importClasses(BadLibraryCode.class);

    @Test
    void cxfTypeInAPublicSignatureIsReported() {
        assertThat(ArchitectureTest.publicSignatureRule().evaluate(bad).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("BadLibraryCode.bus()") && d.contains("org.apache.cxf.Bus"));
    }

    @Test
    void systemSetPropertyIsReported() {
        assertThat(ArchitectureTest.systemPropertyRule().evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void staticMutableFieldIsReported() {
        assertThat(ArchitectureTest.staticFieldRule().evaluate(bad).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("calls"));
    }
}
