package io.segursdk.core.soap;

import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * What a service said in a SOAP fault, read without regard to the prefixes it used. Handed to a
 * {@link SoapFaultClassifier} to decide which exception the caller gets.
 *
 * @param service        the service called (as named on the client)
 * @param soapVersion    {@code "1.2"} or {@code "1.1"}
 * @param code           local part of the fault code ({@code Code/Value} in 1.2, {@code faultcode} in 1.1), for
 *                       example {@code "Sender"} or {@code "Client"}
 * @param subcode        local part of the first {@code Subcode/Value} (1.2 only), for example {@code "siram_100"}, or
 *                       {@code null}
 * @param detailCode     the {@code code} attribute of the detail's first element, else that element's local name, or
 *                       {@code null} when there is no detail
 * @param messageId      the detail's {@code messageID} attribute, else the response's WS-Addressing RelatesTo or
 *                       MessageID, else the request's message id
 * @param serviceMessage the fault reason text, else the detail's text, or {@code null}
 * @param httpStatus     the HTTP status the fault came with (usually 500), or 0 when unknown
 * @param detail         the detail's first element (its owner document was parsed safely), or {@code null}
 * @param detailAttributes the attributes of the detail's first element, by local name (for example INSi's
 *                       {@code code}, {@code messageID} and {@code severite}); empty when there is no detail. Never
 *                       {@code null}: a {@code null} argument gives an empty map
 */
public record SoapFault(String service, String soapVersion, String code, String subcode, String detailCode,
                        String messageId, String serviceMessage, int httpStatus, Element detail,
                        Map<String, String> detailAttributes) {

    /** Copies the detail attributes (unmodifiable). */
    public SoapFault {
        detailAttributes = detailAttributes == null ? Map.of() : Map.copyOf(detailAttributes);
    }

    /**
     * A fault without detail attributes (the form before they were kept).
     *
     * @param service        the service called
     * @param soapVersion    {@code "1.2"} or {@code "1.1"}
     * @param code           local part of the fault code
     * @param subcode        local part of the first subcode, or {@code null}
     * @param detailCode     the detail code, or {@code null}
     * @param messageId      the message id, or {@code null}
     * @param serviceMessage the service's message, or {@code null}
     * @param httpStatus     the HTTP status, or 0
     * @param detail         the detail's first element, or {@code null}
     */
    public SoapFault(String service, String soapVersion, String code, String subcode, String detailCode,
                     String messageId, String serviceMessage, int httpStatus, Element detail) {
        this(service, soapVersion, code, subcode, detailCode, messageId, serviceMessage, httpStatus, detail,
                Map.of());
    }

    /**
     * @param name an attribute's local name, for example {@code "severite"}
     * @return that attribute of the detail's first element, when present
     */
    public Optional<String> detailAttribute(String name) {
        return Optional.ofNullable(detailAttributes.get(name));
    }

    /** @return whether the fault blames the request ({@code Sender} in 1.2, {@code Client} in 1.1) */
    public boolean isSender() {
        return "Sender".equals(code) || "Client".equals(code);
    }

    /** @return whether the fault blames the service ({@code Receiver} in 1.2, {@code Server} in 1.1) */
    public boolean isReceiver() {
        return "Receiver".equals(code) || "Server".equals(code);
    }

    /** @return the detail's first element, when there is one */
    public Optional<Element> detailElement() {
        return Optional.ofNullable(detail);
    }

    /**
     * @param value a code to look for
     * @return whether the code, the subcode or the detail code equals {@code value}, ignoring case (services are not
     *         consistent about it: {@code desir_560} and {@code DESIR_560} are both seen)
     */
    public boolean hasCode(String value) {
        return value.equalsIgnoreCase(code) || value.equalsIgnoreCase(subcode) || value.equalsIgnoreCase(detailCode);
    }

    @Override
    public String toString() {
        return "SoapFault[" + service + " SOAP " + soapVersion + " code=" + code + " subcode=" + subcode
                + " detailCode=" + detailCode + " messageId=" + messageId + " http=" + httpStatus + "]";
    }
}
