/**
 * SAML 2.0 assertions as plain DOM, without OpenSAML: {@link io.segursdk.core.saml.SamlAssertionBuilder} builds and
 * signs the tokens the national services expect (INSi's assertion PS, the DMP's VIHF);
 * {@link io.segursdk.core.saml.SamlAssertionVerifier} checks them the way those services do.
 */
package io.segursdk.core.saml;
