/**
 * Secure XML: hardened parsers and serialisers ({@link io.segursdk.core.xml.SecureXml}), enveloped XML-DSig signing
 * ({@link io.segursdk.core.xml.XmlSigner}) and strict, wrapping-resistant verification
 * ({@link io.segursdk.core.xml.XmlSignatureVerifier}), built on Apache Santuario.
 */
package io.segursdk.core.xml;
