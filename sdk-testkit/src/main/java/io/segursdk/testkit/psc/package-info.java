/**
 * A Pro Santé Connect simulator for integration tests: {@link io.segursdk.testkit.psc.PscSimulator}, an OpenID
 * Connect provider with CIBA, token exchange and introspection, issuing signed JWTs for
 * {@link io.segursdk.testkit.psc.TestProfessional}s.
 */
package io.segursdk.testkit.psc;
