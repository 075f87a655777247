package io.segursdk.core.internal.soap;

import io.segursdk.core.soap.SoapFault;

import java.util.LinkedHashMap;
import java.util.Map;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Reads a SOAP 1.2 or 1.1 {@code Fault} element by namespace and local name, whatever prefixes the service used.
 */
public final class FaultParser {

    /** The SOAP 1.2 envelope namespace. */
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    /** The SOAP 1.1 envelope namespace. */
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private FaultParser() {
    }

    /**
     * @param fault             the {@code Fault} element
     * @param service           the service name
     * @param httpStatus        the HTTP status, or 0
     * @param fallbackMessageId the message id to report when the detail has none (response RelatesTo/MessageID, else
     *                          the request's)
     * @return the fault's fields
     */
    public static SoapFault parse(Element fault, String service, int httpStatus, String fallbackMessageId) {
        String ns = fault.getNamespaceURI();
        boolean soap11 = SOAP11.equals(ns);
        String code;
        String subcode = null;
        String reason;
        Element detailWrapper;
        if (soap11) {
            code = Dom.localPart(Dom.text(Dom.child(fault, null, "faultcode")));
            reason = Dom.text(Dom.child(fault, null, "faultstring"));
            detailWrapper = Dom.child(fault, null, "detail");
        } else {
            Element codeEl = Dom.child(fault, ns, "Code");
            code = Dom.localPart(Dom.text(Dom.child(codeEl, ns, "Value")));
            Element sub = Dom.child(codeEl, ns, "Subcode");
            if (sub != null) {
                subcode = Dom.localPart(Dom.text(Dom.child(sub, ns, "Value")));
            }
            Element reasonEl = Dom.child(fault, ns, "Reason");
            reason = Dom.text(Dom.child(reasonEl, ns, "Text"));
            detailWrapper = Dom.child(fault, ns, "Detail");
        }
        Element detail = Dom.firstChild(detailWrapper);
        String detailCode = null;
        String messageId = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        if (detail != null) {
            NamedNodeMap all = detail.getAttributes();
            for (int i = 0; i < all.getLength(); i++) {
                Attr a = (Attr) all.item(i);
                if (XMLNS.equals(a.getNamespaceURI())) {
                    continue;
                }
                String name = a.getLocalName() != null ? a.getLocalName() : a.getName();
                attributes.putIfAbsent(name, a.getValue().trim());
            }
            detailCode = attribute(detail, "code");
            if (detailCode == null) {
                detailCode = detail.getLocalName();
            }
            messageId = attribute(detail, "messageID");
            if (messageId == null) {
                messageId = attribute(detail, "messageId");
            }
        }
        if (reason == null) {
            reason = detail != null ? Dom.text(detail) : Dom.text(detailWrapper);
        }
        Element detailCopy = detail == null ? null : Dom.detach(detail);
        return new SoapFault(service, soap11 ? "1.1" : "1.2", code, subcode, detailCode,
                messageId != null ? messageId : fallbackMessageId, reason, httpStatus, detailCopy, attributes);
    }

    private static String attribute(Element e, String name) {
        String v = e.getAttribute(name);
        if (v == null || v.isBlank()) {
            v = e.getAttributeNS(null, name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
