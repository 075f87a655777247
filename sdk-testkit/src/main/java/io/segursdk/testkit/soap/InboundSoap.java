package io.segursdk.testkit.soap;

import io.segursdk.testkit.internal.Multipart;
import io.segursdk.testkit.internal.SafeDom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SOAP request as a simulator receives it: the envelope parsed (hardened: no DTD, no external entities), its
 * headers, its body payload, the WS-Addressing values and, for an MTOM/XOP request, the attachments by Content-ID.
 *
 * <p>Simulators use it to check what the real service checks before answering.
 */
public final class InboundSoap {

    /** SOAP 1.2 envelope namespace. */
    public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    /** SOAP 1.1 envelope namespace. */
    public static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    /** WS-Addressing 1.0 namespace. */
    public static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    /** OASIS WS-Security 1.0 secext namespace. */
    public static final String WSSE_NS =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** XOP namespace. */
    public static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";

    private final Document document;
    private final Element header;
    private final Element body;
    private final boolean mtom;
    private final Map<String, byte[]> attachments;

    private InboundSoap(Document document, Element header, Element body, boolean mtom, Map<String, byte[]> attachments) {
        this.document = document;
        this.header = header;
        this.body = body;
        this.mtom = mtom;
        this.attachments = attachments;
    }

    /**
     * Parses a request body.
     *
     * @param contentType the request's Content-Type ({@code application/soap+xml}, or {@code multipart/related} for
     *                    MTOM)
     * @param bytes       the request body
     * @return the parsed request
     * @throws SoapCheckException when the body is not a SOAP envelope
     */
    public static InboundSoap parse(String contentType, byte[] bytes) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        byte[] envelopeBytes = bytes;
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        boolean mtom = type.startsWith("multipart/related");
        if (mtom) {
            List<Multipart.Part> parts;
            try {
                parts = Multipart.parse(contentType, bytes);
            } catch (IllegalArgumentException e) {
                throw new SoapCheckException("Sender", "malformed MIME package: " + e.getMessage());
            }
            if (parts.isEmpty()) {
                throw new SoapCheckException("Sender", "empty MIME package");
            }
            String start = Multipart.parameter(contentType, "start");
            Multipart.Part root = parts.get(0);
            if (start != null) {
                String wanted = start.startsWith("<") ? start.substring(1, start.length() - 1) : start;
                root = parts.stream().filter(p -> wanted.equals(p.contentId())).findFirst().orElse(root);
            }
            envelopeBytes = root.body();
            for (Multipart.Part p : parts) {
                if (p != root && p.contentId() != null) {
                    attachments.put(p.contentId(), p.body());
                }
            }
        } else if (!type.startsWith("application/soap+xml") && !type.startsWith("text/xml")) {
            throw new SoapCheckException("Sender", "unexpected content type: " + contentType);
        }
        Document doc;
        try {
            doc = SafeDom.parse(envelopeBytes);
        } catch (IllegalArgumentException e) {
            throw new SoapCheckException("Sender", "malformed XML: " + e.getMessage());
        }
        Element env = doc.getDocumentElement();
        if (!"Envelope".equals(env.getLocalName())
                || !(SOAP12_NS.equals(env.getNamespaceURI()) || SOAP11_NS.equals(env.getNamespaceURI()))) {
            throw new SoapCheckException("Sender", "not a SOAP envelope");
        }
        Element header = child(env, env.getNamespaceURI(), "Header");
        Element body = child(env, env.getNamespaceURI(), "Body");
        if (body == null) {
            throw new SoapCheckException("Sender", "SOAP envelope without Body");
        }
        return new InboundSoap(doc, header, body, mtom, Collections.unmodifiableMap(attachments));
    }

    /** @return whether the envelope is SOAP 1.2 */
    public boolean isSoap12() {
        return SOAP12_NS.equals(document.getDocumentElement().getNamespaceURI());
    }

    /** @return whether the request came as an MTOM/XOP MIME package */
    public boolean isMtom() {
        return mtom;
    }

    /** @return the parsed envelope */
    public Document document() {
        return document;
    }

    /** @return the first element child of the Body, or empty for an empty Body */
    public Optional<Element> payload() {
        return Optional.ofNullable(firstElement(body));
    }

    /** @return the header elements, in order (empty when there is no Header) */
    public List<Element> headers() {
        List<Element> out = new ArrayList<>();
        if (header != null) {
            for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * @param namespace the header's namespace
     * @param localName the header's local name
     * @return the first such header
     */
    public Optional<Element> header(String namespace, String localName) {
        return headers().stream()
                .filter(e -> localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())).findFirst();
    }

    /** @return wsa:Action */
    public Optional<String> action() {
        return header(WSA_NS, "Action").map(e -> e.getTextContent().trim());
    }

    /** @return wsa:MessageID */
    public Optional<String> messageId() {
        return header(WSA_NS, "MessageID").map(e -> e.getTextContent().trim());
    }

    /** @return wsa:To */
    public Optional<String> to() {
        return header(WSA_NS, "To").map(e -> e.getTextContent().trim());
    }

    /** @return wsa:ReplyTo/wsa:Address */
    public Optional<String> replyTo() {
        return header(WSA_NS, "ReplyTo").map(e -> child(e, WSA_NS, "Address")).map(e -> e.getTextContent().trim());
    }

    /** @return the wsse:Security header */
    public Optional<Element> security() {
        return header(WSSE_NS, "Security");
    }

    /** @return the attachments of an MTOM request, by Content-ID (without angle brackets) */
    public Map<String, byte[]> attachments() {
        return attachments;
    }

    /**
     * Resolves the content of an element that carries either inline base64 text or an {@code xop:Include}.
     *
     * @param element the element (for example an XDS {@code Document})
     * @return the bytes
     * @throws SoapCheckException when the xop:Include points at no attachment
     */
    public byte[] binaryContent(Element element) {
        Element include = child(element, XOP_NS, "Include");
        if (include != null) {
            String href = include.getAttribute("href");
            String cid = href.startsWith("cid:") ? href.substring(4) : href;
            cid = java.net.URLDecoder.decode(cid, StandardCharsets.UTF_8);
            byte[] data = attachments.get(cid);
            if (data == null) {
                throw new SoapCheckException("Sender", "xop:Include refers to a missing attachment");
            }
            return data;
        }
        return java.util.Base64.getMimeDecoder().decode(element.getTextContent().trim());
    }

    /**
     * @param parent    an element
     * @param namespace the child's namespace
     * @param localName the child's local name
     * @return the first such child element, or null
     */
    public static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
