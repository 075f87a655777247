package io.segursdk.mssante;

/** How the connections to the operator are secured. Both use the client's {@link io.segursdk.core.tls.TlsOptions}. */
public enum ConnectionSecurity {
    /** Plain connection upgraded with STARTTLS before anything else (required): ports 587 and 143, the MSSanté way. */
    STARTTLS,
    /** TLS from the first byte: ports 465 and 993, when an operator offers them. */
    IMPLICIT_TLS
}
