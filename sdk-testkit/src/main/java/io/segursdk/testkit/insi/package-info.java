/**
 * A simulator of the CNAM's INSi téléservice for vendors' contract tests: {@link io.segursdk.testkit.insi.InsiSimulator}
 * on a {@link io.segursdk.testkit.server.SimulatorServer}, answering from fictional
 * {@linkplain io.segursdk.testkit.insi.InsiPersonas test identities} and the vendor's own
 * {@link io.segursdk.testkit.insi.InsiPersona}s.
 */
package io.segursdk.testkit.insi;
