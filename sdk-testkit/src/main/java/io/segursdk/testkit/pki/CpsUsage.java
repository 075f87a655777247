package io.segursdk.testkit.pki;

/**
 * What a personal (CPS-like) certificate is for. A real CPS card holds two key pairs, one for each usage.
 */
public enum CpsUsage {
    /**
     * Authentication key pair ("Certificat d'Authentification CPS"): key usage {@code digitalSignature} and extended
     * key usage {@code clientAuth}; used for mutual TLS.
     */
    AUTHENTICATION,
    /**
     * Signature key pair ("Certificat de Signature CPS"): key usage {@code nonRepudiation} only; used to sign
     * documents, VIHF tokens and INSi assertions. The key usage extension is critical: the JDK's
     * {@code Signature.initVerify(Certificate)} refuses such a certificate ("Wrong key usage"), so verifiers must use
     * {@code initVerify(certificate.getPublicKey())} after checking the certificate themselves.
     */
    SIGNATURE
}
