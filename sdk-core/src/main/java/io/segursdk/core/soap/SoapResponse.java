package io.segursdk.core.soap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * A successful SOAP response: the body's payload, the SOAP headers, the WS-Addressing ids and the attachments.
 *
 * <p>The payload's owner document was parsed with external entities and DTDs refused. Attachments are not read
 * into memory: read each from {@link SoapAttachment#open()} while the response is open, then {@link #close()} it
 * (try-with-resources), which releases the connection and any spooled data. A response without attachments holds
 * nothing that needs closing, but closing it is always safe.
 */
public final class SoapResponse implements AutoCloseable {

    private final Element body;
    private final List<Element> headers;
    private final String messageId;
    private final String relatesTo;
    private final Map<String, SoapAttachment> attachments;
    private final AutoCloseable resources;

    /**
     * Builds a response; used by the SDK's transports, and by business modules' tests to exercise their parsing.
     *
     * @param body        the body's first child element, or {@code null} when the body is empty
     * @param headers     the SOAP header elements
     * @param messageId   the response's wsa:MessageID, or {@code null}
     * @param relatesTo   the response's wsa:RelatesTo, or {@code null}
     * @param attachments the attachments received
     * @param resources   what to release on {@link #close()}, or {@code null}
     */
    public SoapResponse(Element body, List<Element> headers, String messageId, String relatesTo,
                        List<SoapAttachment> attachments, AutoCloseable resources) {
        this.body = body;
        this.headers = List.copyOf(headers);
        this.messageId = messageId;
        this.relatesTo = relatesTo;
        Map<String, SoapAttachment> byId = new LinkedHashMap<>();
        for (SoapAttachment a : attachments) {
            byId.put(a.contentId(), a);
        }
        this.attachments = byId;
        this.resources = resources;
    }

    /** @return the body's payload element, empty when the body has no element (one-way acknowledgement) */
    public Optional<Element> body() {
        return Optional.ofNullable(body);
    }

    /**
     * @return the body's payload element
     * @throws IllegalStateException when the body is empty
     */
    public Element requireBody() {
        if (body == null) {
            throw new IllegalStateException("the SOAP response body is empty");
        }
        return body;
    }

    /** @return every SOAP header element of the response, WS-Addressing ones included */
    public List<Element> headers() {
        return headers;
    }

    /**
     * @param namespaceUri the header's namespace
     * @param localName    the header's local name
     * @return the first header with this name, if any
     */
    public Optional<Element> header(String namespaceUri, String localName) {
        return headers.stream()
                .filter(h -> Objects.equals(h.getNamespaceURI(), namespaceUri) && localName.equals(h.getLocalName()))
                .findFirst();
    }

    /** @return the response's WS-Addressing MessageID, when the service sent one */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** @return the response's WS-Addressing RelatesTo (the request's message id), when the service sent one */
    public Optional<String> relatesTo() {
        return Optional.ofNullable(relatesTo);
    }

    /** @return the attachments, in the order received */
    public List<SoapAttachment> attachments() {
        return List.copyOf(attachments.values());
    }

    /**
     * @param contentIdOrHref a content id, with or without {@code cid:} or angle brackets (as found in an
     *                        {@code xop:Include href})
     * @return the attachment with this content id, if any
     */
    public Optional<SoapAttachment> attachment(String contentIdOrHref) {
        return Optional.ofNullable(attachments.get(normaliseContentId(contentIdOrHref)));
    }

    /**
     * Releases the connection and any spooled attachment data. Streams of attachments opened from this response
     * can no longer be read afterwards.
     */
    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception ignored) {
                // releasing is best effort: nothing the caller could do
            }
        }
    }

    /**
     * @param id a content id, possibly as {@code cid:...}, URL-encoded, or in angle brackets
     * @return the bare content id
     */
    static String normaliseContentId(String id) {
        String s = id.trim();
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = java.net.URLDecoder.decode(s.substring(4), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
