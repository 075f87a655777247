package io.segursdk.testkit.junit;

/**
 * A national service the {@link SegurSimulators} extension can start for a test class.
 *
 * <p>MSSanté's mail operator joins this list when its simulator is part of the testkit; until then, start it in the
 * test class itself and register it with {@link SimulatorEnvironment#closeAtEnd(AutoCloseable)}.
 */
public enum Simulator {
    /** The CNAM's INSi téléservice ({@link io.segursdk.testkit.insi.InsiSimulator}), with its built-in personas. */
    INSI,
    /** The DMP's web services ({@link io.segursdk.testkit.dmp.DmpSimulator}). */
    DMP,
    /** Pro Santé Connect ({@link io.segursdk.testkit.psc.PscSimulator}), with one registered client and physician. */
    PSC
}
