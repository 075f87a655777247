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
     * usage. Note that JSSE still accepts it for TLS client authentication (no extended key usage means any
     * purpose): a simulator that requires an authentication certificate checks for {@code clientAuth} itself.
     */
    SIGNATURE,
    /** Both of the above in one certificate (convenient in tests; real structures usually hold two). */
    TLS_CLIENT_AND_SIGNATURE
}
