package io.segursdk.testkit.junit;

import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.dmp.DmpClient;
import io.segursdk.ins.InsiClient;
import io.segursdk.mssante.MssanteClient;

/**
 * Changes what a {@link SegurSimulators} test class gets: test data in the simulators, and any option of the clients
 * the extension builds (both the injected ones and those from {@link SimulatorEnvironment#insiClientBuilder()} and
 * its siblings). Every method does nothing unless overridden.
 *
 * <pre>{@code
 * public class StrictInsi implements ClientCustomizer {
 *     public void simulatorsStarted(SimulatorEnvironment env) {
 *         env.insiSimulator().addPersona(MyPersonas.HOMONYM);
 *     }
 *     public void insi(InsiClient.Builder builder, SimulatorEnvironment env) {
 *         builder.strictVerification(true);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations need a no-argument constructor; one instance is made per test class.
 */
public interface ClientCustomizer {

    /**
     * Called once the chosen simulators are listening, before any client is built.
     *
     * @param env the environment
     */
    default void simulatorsStarted(SimulatorEnvironment env) {
    }

    /**
     * Adjusts an INSi client builder already holding the environment's endpoint, trust, software and organisation
     * certificate.
     *
     * @param builder the builder
     * @param env     the environment
     */
    default void insi(InsiClient.Builder builder, SimulatorEnvironment env) {
    }

    /**
     * Adjusts a DMP client builder already holding the environment's base URI, trust, the test physician's
     * authentication credential and VIHF.
     *
     * @param builder the builder
     * @param env     the environment
     */
    default void dmp(DmpClient.Builder builder, SimulatorEnvironment env) {
    }

    /**
     * Adjusts a Pro Santé Connect client builder already holding the simulator's issuer, trust, client id and secret.
     *
     * @param builder the builder
     * @param env     the environment
     */
    default void psc(PscClient.Builder builder, SimulatorEnvironment env) {
    }

    /**
     * Adjusts an MSSanté client builder already holding the operator's host and ports, trust, the test physician's
     * mailbox and its XOAUTH2 access token.
     *
     * @param builder the builder
     * @param env     the environment
     */
    default void mssante(MssanteClient.Builder builder, SimulatorEnvironment env) {
    }
}
