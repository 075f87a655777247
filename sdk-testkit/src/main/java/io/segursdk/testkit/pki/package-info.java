/**
 * A test PKI shaped like IGC-Santé, for vendors' tests: a TEST root CA, the PERSONNES and ORGANISATIONS
 * intermediate CAs, CPS-like personal certificates, organisation certificates (INSI-AUTO, DMP authentication and
 * signature...) and TLS server certificates, as key stores or PEM.
 *
 * <p>Start with {@link io.segursdk.testkit.pki.TestPki#create()}.
 */
package io.segursdk.testkit.pki;
