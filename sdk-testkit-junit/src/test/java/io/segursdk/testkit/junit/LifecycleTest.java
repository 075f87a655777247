package io.segursdk.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.segursdk.dmp.DmpClient;
import io.segursdk.ins.InsiClient;
import io.segursdk.testkit.insi.InsiSimulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs sample test classes through the JUnit launcher and watches what the extension starts and closes. */
class LifecycleTest {

    /** The sample classes' tag: surefire leaves them out (see the pom), only this test's launcher runs them. */
    static final String PROBE = "launcher-probe";

    /** What the sample classes saw; only the launcher in this test writes it. */
    static final List<SimulatorEnvironment> SEEN = Collections.synchronizedList(new ArrayList<>());
    static final List<Integer> PORTS = Collections.synchronizedList(new ArrayList<>());

    @Tag(PROBE)
    @SegurSimulators(Simulator.INSI)
    static class TwoTests {
        @Test
        void one(SimulatorEnvironment env, InsiSimulator insi) {
            SEEN.add(env);
            PORTS.add(insi.server().port());
        }

        @Test
        void two(SimulatorEnvironment env, InsiClient client) {
            SEEN.add(env);
        }
    }

    @Tag(PROBE)
    @SegurSimulators(Simulator.INSI)
    static class AsksForADmpClient {
        @Test
        void needsTheDmp(DmpClient dmp) {
        }
    }

    @Tag(PROBE)
    @SegurSimulators(Simulator.INSI)
    static class InjectsAnUnsupportedField {
        @SegurInject
        String notInjectable;

        @Test
        void neverRuns() {
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void oneEnvironmentPerClassClosedAfterItsLastTest() {
        SEEN.clear();
        PORTS.clear();

        TestExecutionSummary summary = run(TwoTests.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(0).isClosed()).isTrue();
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", PORTS.get(0)), 2000))
                .as("the INSi simulator no longer listens").isInstanceOf(ConnectException.class);
    }

    @Test
    void eachClassGetsItsOwnEnvironment() {
        SEEN.clear();
        run(TwoTests.class);
        run(TwoTests.class);

        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(2));
        assertThat(SEEN.get(0).pki()).isNotSameAs(SEEN.get(2).pki());
    }

    @Test
    void aClientOfASimulatorNotChosenFailsWithAClearMessage() {
        TestExecutionSummary summary = run(AsksForADmpClient.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("add Simulator.DMP to @SegurSimulators");
    }

    @Test
    void anUnsupportedFieldTypeFailsWithTheTypesThatAre() throws IOException {
        TestExecutionSummary summary = run(InjectsAnUnsupportedField.class);

        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("cannot inject a String").hasMessageContaining("InsiClient");
    }
}
