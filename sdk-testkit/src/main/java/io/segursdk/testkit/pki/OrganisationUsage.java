package io.segursdk.testkit.pki;

/**
 * What an organisation (structure or software) certificate is for.
 */
public enum OrganisationUsage {
    /**
     * TLS client authentication (IGC-Santé "ORG AUTH_CLI"): key usage {@code digitalSignature, keyEncipherment},
     * extended key usage {@code clientAuth}.
     */
    TLS_CLIENT,
    /**
     * Signature ("cachet", IGC-Santé "ORG SIGN"): key usage {@code digitalSignature, nonRepudiation}, no extended key
     * usage. Such a certificate is refused for TLS client authentication.
     */
    SIGNATURE,
    /** Both of the above in one certificate (convenient in tests; real structures usually hold two). */
    TLS_CLIENT_AND_SIGNATURE
}
