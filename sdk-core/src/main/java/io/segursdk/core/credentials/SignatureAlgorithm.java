package io.segursdk.core.credentials;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Signature algorithms the national services accept, with their JCA and XML-DSig names.
 *
 * <p>{@link #RSA_SHA256} (RSA PKCS#1 v1.5) is what INSi and the DMP expect today. {@link #RSA_PSS_SHA256} is for
 * keys that must sign with PSS (CPS4-style cards). {@link #RSA_SHA1} exists only for services still configured for
 * the SHA-1 VIHF samples; prefer SHA-256.
 */
public enum SignatureAlgorithm {

    /** RSA PKCS#1 v1.5 with SHA-256. */
    RSA_SHA256("SHA256withRSA", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null),

    /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt, trailer 1. */
    RSA_PSS_SHA256("RSASSA-PSS", "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),

    /** RSA PKCS#1 v1.5 with SHA-1: legacy only. */
    RSA_SHA1("SHA1withRSA", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", null);

    private final String jcaName;
    private final String xmlDsigUri;
    private final AlgorithmParameterSpec parameters;

    SignatureAlgorithm(String jcaName, String xmlDsigUri, AlgorithmParameterSpec parameters) {
        this.jcaName = jcaName;
        this.xmlDsigUri = xmlDsigUri;
        this.parameters = parameters;
    }

    /** @return the JCA {@link java.security.Signature} algorithm name */
    public String jcaName() {
        return jcaName;
    }

    /** @return the XML-DSig SignatureMethod algorithm URI */
    public String xmlDsigUri() {
        return xmlDsigUri;
    }

    /** @return the JCA parameters to set on the {@link java.security.Signature}, or {@code null} when none */
    public AlgorithmParameterSpec parameters() {
        return parameters;
    }

    /** @return the XML-DSig DigestMethod URI that goes with this algorithm */
    public String digestUri() {
        return this == RSA_SHA1 ? "http://www.w3.org/2000/09/xmldsig#sha1" : "http://www.w3.org/2001/04/xmlenc#sha256";
    }

    /** @return the JCA {@link java.security.MessageDigest} name that goes with this algorithm */
    public String digestJcaName() {
        return this == RSA_SHA1 ? "SHA-1" : "SHA-256";
    }
}
