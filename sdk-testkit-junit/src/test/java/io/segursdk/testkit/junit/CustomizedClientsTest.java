package io.segursdk.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.Sex;
import io.segursdk.testkit.insi.InsiPersona;
import io.segursdk.testkit.insi.InsiSimulator;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A vendor's own software identity, a customizer adding test data and changing the injected client. */
// tag::customized[]
@SegurSimulators(value = Simulator.INSI, customizers = CustomizedClientsTest.MyPractice.class)
@SegurSoftware(productName = "MyPractice", productVersion = "4.2.0", insiAuthorisationNumber = "MYPRACT0042")
class CustomizedClientsTest {

    /** Test data and client options of this vendor's tests. */
    public static class MyPractice implements ClientCustomizer {
        @Override
        public void simulatorsStarted(SimulatorEnvironment env) {
            env.insiSimulator().addPersona(InsiPersona.builder()
                    .birthName("QUENTRIC").firstNames("ALIX").sex("F").birthDate("1979-11-03")
                    .birthPlace("29019").activeIns("279112901900123", InsiPersona.OID_NIR).build());
        }

        @Override
        public void insi(InsiClient.Builder builder, SimulatorEnvironment env) {
            builder.emitter("MYPRACTICE-TESTS")
                    .firstNameStrategy(InsiClient.FirstNameStrategy.ALL_ONLY);
        }
    }
    // end::customized[]

    @Test
    void theInjectedClientCarriesTheCustomizationsAndTheSoftwareIdentity(InsiClient insi, InsiSimulator service) {
        var result = insi.searchByTraits(IdentityTraits.builder()
                .birthName("Quentric").birthFirstNames("Alix").sex(Sex.F).birthDate("1979-11-03").build());

        assertThat(result.outcome()).as("the customizer's persona").isEqualTo(InsiOutcome.FOUND);
        String request = new String(service.server().lastRequest().body(), StandardCharsets.UTF_8);
        assertThat(request).contains("MYPRACTICE-TESTS", "MYPRACT0042", "urn:lps:MyPractice:4.2.0");
    }

    @Test
    void buildersStartFromTheSameConfigurationAndMayChangeIt(SimulatorEnvironment env) {
        assertThat(env.software().productName()).isEqualTo("MyPractice");
        try (InsiClient strict = env.insiClientBuilder().strictVerification(true).build()) {
            assertThat(strict.endpoint()).isEqualTo(env.insiSimulator().endpoint());
            assertThat(strict).isNotSameAs(env.insiClient());
        }
    }

    @Test
    void aSimulatorNotChosenIsNotStarted(SimulatorEnvironment env) {
        assertThat(env.simulators()).containsExactly(Simulator.INSI);
        org.assertj.core.api.Assertions.assertThatThrownBy(env::dmpSimulator)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add Simulator.DMP to @SegurSimulators");
    }
}
