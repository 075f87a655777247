/**
 * A JUnit 5 extension for vendors' tests: {@link io.segursdk.testkit.junit.SegurSimulators} starts the testkit's
 * simulators once per test class, with one test PKI, and injects them and ready SDK clients into tests; see
 * docs/testing.md.
 */
package io.segursdk.testkit.junit;
