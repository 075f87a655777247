package io.segursdk.core.internal.soap;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.logging.PhiRedactor;
import io.segursdk.core.soap.SoapFaultClassifier;
import io.segursdk.core.tls.TlsOptions;

import java.net.URI;

/**
 * Everything a transport needs, already validated by the client builder.
 *
 * @param service    the service name, for errors and the wire logger's name
 * @param endpoint   the https endpoint
 * @param credential the TLS client identity, or {@code null}
 * @param tls        trust anchors, protocols, suites
 * @param timeouts   connect and read limits
 * @param mtom       whether to send MTOM (XOP) packages
 * @param classifier maps faults to exception categories
 * @param redactor   redacts wire logs
 * @param maxResponseBytes the largest SOAP envelope read (the whole body, or an MTOM package's root part)
 */
public record SoapTransportConfig(String service, URI endpoint, SigningCredential credential, TlsOptions tls,
                                  Timeouts timeouts, boolean mtom, SoapFaultClassifier classifier,
                                  PhiRedactor redactor, long maxResponseBytes) {
}
