package io.segursdk.testkit.soap;

import io.segursdk.testkit.internal.SafeDom;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.w3c.dom.Element;

/**
 * Builds SOAP 1.2 responses the way the national services send them: a WS-Addressing response with RelatesTo, or a
 * fault with Code/Subcode, Reason and a Detail.
 */
public final class SoapResponses {

    /** Content type of a SOAP 1.2 response. */
    public static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";

    private SoapResponses() {
    }

    /**
     * @param action    the response's wsa:Action
     * @param relatesTo the request's wsa:MessageID
     * @param payload   the Body content, as XML text (may be empty)
     * @return the envelope's bytes
     */
    public static byte[] envelope(String action, String relatesTo, String payload) {
        StringBuilder sb = new StringBuilder();
        sb.append("<soap:Envelope xmlns:soap=\"").append(InboundSoap.SOAP12_NS).append("\" xmlns:wsa=\"")
                .append(InboundSoap.WSA_NS).append("\"><soap:Header>");
        if (action != null) {
            sb.append("<wsa:Action soap:mustUnderstand=\"true\">").append(escape(action)).append("</wsa:Action>");
        }
        sb.append("<wsa:MessageID>uuid:").append(UUID.randomUUID()).append("</wsa:MessageID>");
        if (relatesTo != null) {
            sb.append("<wsa:RelatesTo>").append(escape(relatesTo)).append("</wsa:RelatesTo>");
        }
        sb.append("<wsa:To>http://www.w3.org/2005/08/addressing/anonymous</wsa:To>");
        sb.append("</soap:Header><soap:Body>").append(payload == null ? "" : payload).append("</soap:Body></soap:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param payload an element to place in the Body
     * @return its XML text, for {@link #envelope(String, String, String)}
     */
    public static String xml(Element payload) {
        return SafeDom.toString(payload);
    }

    /**
     * A SOAP 1.2 fault.
     *
     * @param code      {@code Sender} or {@code Receiver}
     * @param subcode   the subcode's local name (sent in the envelope's prefix, as the services do), or null
     * @param reason    the Reason/Text, in French as the services send it
     * @param detailXml XML for the Detail element's content, or null
     * @param relatesTo the request's wsa:MessageID, or null
     * @return the envelope's bytes
     */
    public static byte[] fault(String code, String subcode, String reason, String detailXml, String relatesTo) {
        StringBuilder sb = new StringBuilder();
        sb.append("<soap:Fault><soap:Code><soap:Value>soap:").append(escape(code)).append("</soap:Value>");
        if (subcode != null) {
            sb.append("<soap:Subcode><soap:Value>soap:").append(escape(subcode)).append("</soap:Value></soap:Subcode>");
        }
        sb.append("</soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">").append(escape(reason))
                .append("</soap:Text></soap:Reason>");
        if (detailXml != null) {
            sb.append("<soap:Detail>").append(detailXml).append("</soap:Detail>");
        }
        sb.append("</soap:Fault>");
        return envelope("http://www.w3.org/2005/08/addressing/soap/fault", relatesTo, sb.toString());
    }

    /**
     * A fault for a failed check.
     *
     * @param e         the failed check
     * @param relatesTo the request's wsa:MessageID, or null
     * @return the envelope's bytes
     */
    public static byte[] fault(SoapCheckException e, String relatesTo) {
        return fault(e.code(), e.subcode(), e.getMessage(), null, relatesTo);
    }

    /**
     * @param text text to place in XML content or an attribute
     * @return the text with XML special characters escaped
     */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
