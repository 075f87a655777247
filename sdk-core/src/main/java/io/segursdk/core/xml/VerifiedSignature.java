package io.segursdk.core.xml;

import io.segursdk.core.credentials.SignatureAlgorithm;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link XmlSignatureVerifier} established about a valid signature.
 *
 * @param signer    the signer's certificate, taken from {@code KeyInfo} and validated against the trust anchors
 * @param chain     the validated path, signer first, ending just below the trust anchor
 * @param algorithm the signature algorithm used
 */
public record VerifiedSignature(X509Certificate signer, List<X509Certificate> chain, SignatureAlgorithm algorithm) {

    /** Checks presence and freezes the chain. */
    public VerifiedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(algorithm, "algorithm");
        chain = List.copyOf(chain);
    }
}
