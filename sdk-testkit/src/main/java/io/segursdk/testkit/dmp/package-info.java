/**
 * A DMP simulator for vendors' tests: {@link io.segursdk.testkit.dmp.DmpSimulator} answers the DMP's patient,
 * authorisation, registry and repository services over HTTPS with client certificates, checks the VIHF, keeps
 * per-patient state and applies the DMP's access rules. It shares no code with the SDK: it checks the SDK's output
 * the way the real service would.
 */
package io.segursdk.testkit.dmp;
