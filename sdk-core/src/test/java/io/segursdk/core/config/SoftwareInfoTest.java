package io.segursdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SoftwareInfoTest {

    private static final UUID INSTALLATION = UUID.fromString("0b6f5c8e-8a61-4f57-9d0b-62c9b6a2c001");

    @Test
    void buildsImmutableValuesAndTheInsiUrn() {
        SoftwareInfo info = SoftwareInfo.builder().productName("Cabinet Plus").productVersion("4.2.0")
                .installationId(INSTALLATION).insiAuthorisationNumber("LSN17NF23FW0").build();
        assertThat(info.lpsUrn()).isEqualTo("urn:lps:Cabinet Plus:4.2.0");
        assertThat(info.insiAuthorisationNumber()).contains("LSN17NF23FW0");
        assertThat(info.dmpHomologationId()).isEmpty();
        assertThat(info.toBuilder().dmpHomologationId("HOMOL-1").build())
                .isNotEqualTo(info)
                .satisfies(other -> assertThat(other.dmpHomologationId()).contains("HOMOL-1"));
        assertThat(info.toBuilder().build()).isEqualTo(info).hasSameHashCodeAs(info);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> SoftwareInfo.builder().productName("").productVersion("1 0")
                .insiAuthorisationNumber("with space").dmpHomologationId(" ").build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("software.productName", "software.productVersion", "software.installationId",
                                "software.insiAuthorisationNumber", "software.dmpHomologationId"));
    }

    @Test
    void timeoutsMustBePositive() {
        assertThat(Timeouts.DEFAULT.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Timeouts(Duration.ZERO, Duration.ofSeconds(-1)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).hasSize(2));
    }
}
