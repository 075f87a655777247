/**
 * A loopback HTTPS server for service simulators and vendors' contract tests: TLS with client-certificate
 * authentication against a {@link io.segursdk.testkit.pki.TestPki}, routes answered by
 * {@link io.segursdk.testkit.server.SimHandler}s, request capture for assertions and fault injection.
 *
 * <p>Start with {@link io.segursdk.testkit.server.SimulatorServer#builder()}.
 */
package io.segursdk.testkit.server;
