package io.segursdk.core.soap;

/**
 * The machinery a {@link SoapClient} sends its messages with. Both engines send the same envelopes (SOAP 1.2,
 * WS-Addressing, {@code wsse:Security}, MTOM/XOP), apply the same TLS settings and report the same exceptions; they
 * differ only in cost.
 */
public enum SoapEngine {

    /**
     * The default: envelopes written directly to the wire over a pooled HTTP/1.1 client, responses parsed once.
     * Adds little to the cost of TLS and signatures, and starts fast.
     */
    STANDARD,

    /**
     * Apache CXF (JAX-WS Dispatch with SAAJ messages). Slower to start and per call; kept as a fallback should a
     * service ever need it.
     */
    CXF
}
