package io.segursdk.core.xml;

import io.segursdk.core.error.TransportException;

/**
 * XML bytes could not be accepted: not well-formed, not namespace-valid, or refused by the hardening of
 * {@link SecureXml} (a DOCTYPE, an entity, an external reference, a document nested too deeply).
 *
 * <p>It is a {@link TransportException} because in a client it means the service's answer is unreadable; it is never
 * retryable. The message gives the parser's reason and position, never the document's content. A simulator or any
 * other code that parses a <em>request</em> should report it to its own caller as a malformed request.
 */
public class MalformedXmlException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the reason, free of the document's content
     * @param cause   the parser's exception, or {@code null}
     */
    public MalformedXmlException(String message, Throwable cause) {
        super(message, null, null, 0, false, cause);
    }
}
