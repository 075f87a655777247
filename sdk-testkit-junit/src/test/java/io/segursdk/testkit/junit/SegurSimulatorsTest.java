package io.segursdk.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.PatientId;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.Sex;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The extension as vendors use it: every simulator, injected by parameter and by field, called over the wire. */
// tag::usage[]
@SegurSimulators({Simulator.INSI, Simulator.DMP, Simulator.PSC})
class SegurSimulatorsTest {

    @SegurInject
    static TestPki pki;

    @SegurInject
    InsiClient insi;

    @Test
    void findsATestPatientWithInsi(InsiSimulator insiService) {
        InsiResult result = insi.searchByTraits(IdentityTraits.builder()
                .birthName("Brandeville").birthFirstNames("Maëlys", "Odile").sex(Sex.F)
                .birthDate("1984-05-12").birthPlace("35238").build());

        assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
        assertThat(insiService.server().captured()).isNotEmpty();
    }

    @Test
    void feedsTheDmpOfAnOpenedRecord(DmpClient dmp, DmpSimulator dmpService) {
        dmpService.patient("279035121518989", PatientId.OID_INS_NIR_TEST).open();
        PatientId patient = PatientId.ofIns("279035121518989", PatientId.OID_INS_NIR_TEST);

        DmpStatus status = dmp.testExistence(DmpAccess.of(patient));

        assertThat(status.state()).isEqualTo(DmpStatus.State.ACTIVE);
    }
    // end::usage[]

    private static SimulatorEnvironment first;

    @BeforeAll
    static void parametersReachBeforeAllToo(SimulatorEnvironment env) {
        first = env;
        assertThat(pki).as("static @SegurInject fields are set before @BeforeAll").isSameAs(env.pki());
    }

    @Test
    void discoversTheProSanteConnectSimulator(PscClient psc, PscSimulator pscService) {
        assertThat(psc.metadata().issuer()).isEqualTo(pscService.issuer());
    }

    @Test
    void everyTestOfTheClassSharesOneEnvironmentAndOnePki(SimulatorEnvironment env, InsiClient sameClient,
                                                          DmpSimulator dmp) {
        assertThat(env).isSameAs(first);
        assertThat(env.simulators()).containsExactlyInAnyOrder(Simulator.INSI, Simulator.DMP, Simulator.PSC);
        assertThat(sameClient).isSameAs(insi).isSameAs(env.insiClient());
        assertThat(dmp.pki()).isSameAs(pki);
        assertThat(env.insiSimulator().server().pki()).isSameAs(pki);
        assertThat(insi.isCardMode()).as("software-certificate mode").isFalse();
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheEnclosingClassEnvironment(SimulatorEnvironment env, TestPki nestedPki) {
            assertThat(env).isSameAs(first);
            assertThat(nestedPki).isSameAs(pki);
        }
    }
}
