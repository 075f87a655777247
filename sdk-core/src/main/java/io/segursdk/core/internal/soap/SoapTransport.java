package io.segursdk.core.internal.soap;

import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;

/**
 * Sends SOAP requests to one endpoint. The public {@link io.segursdk.core.soap.SoapClient} delegates to one of these,
 * so that the implementation can change without changing the public API: {@link LeanSoapTransport} (the default) or
 * {@link CxfSoapTransport}.
 *
 * <p>Implementations are thread-safe and throw only {@link io.segursdk.core.error.SegurException}s, each carrying
 * the service name and the request's message id.
 */
public interface SoapTransport extends AutoCloseable {

    /**
     * @param request   the request
     * @param messageId the WS-Addressing message id to send
     * @return the response; the caller closes it
     */
    SoapResponse send(SoapRequest request, String messageId);

    /** Releases connections and threads. */
    @Override
    void close();
}
