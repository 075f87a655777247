package io.segursdk.testkit.server;

/**
 * Whether a {@link SimulatorServer} asks TLS clients for a certificate.
 */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /**
     * A client certificate is asked for but optional; when one is sent it must chain to a trusted root, and it is
     * available in {@link SimRequest#clientCertificates()}.
     */
    WANT,
    /** A client certificate chaining to a trusted root is required: the TLS handshake fails without one. */
    REQUIRED
}
