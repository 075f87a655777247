package io.segursdk.core.error;

import java.util.Map;
import java.util.Optional;

/**
 * The service answered with a fault (a SOAP Fault, an error status with an error body) that is not an
 * authentication or access problem.
 *
 * <p>Beyond the code and subcode, carries the detail code the service put in the fault's detail (for example
 * INSi's {@code desir_550}) and the service's own message, exactly as it sent it. The service's message is meant for
 * the professional; it never echoes patient data back in the services the SDK supports, but treat it as untrusted
 * text. The attributes of the detail element are kept too ({@link #detailAttributes()}), such as INSi's
 * {@code severite}.
 */
public class ServiceFaultException extends SegurException {

    private static final long serialVersionUID = 1L;

    private final String detailCode;
    private final String serviceMessage;
    private final Map<String, String> detailAttributes;

    /**
     * @param message        description, free of patient data
     * @param service        the service
     * @param code           the fault code, or {@code null}
     * @param subcode        the first subcode, or {@code null}
     * @param detailCode     the code in the fault's detail, or {@code null}
     * @param messageId      the exchange's message id, or {@code null}
     * @param serviceMessage the service's own message (fault reason or detail text), or {@code null}
     * @param retryable      whether the same call may succeed later
     * @param cause          the cause, or {@code null}
     */
    public ServiceFaultException(String message, String service, String code, String subcode, String detailCode,
                                 String messageId, String serviceMessage, boolean retryable, Throwable cause) {
        this(message, service, code, subcode, detailCode, messageId, serviceMessage, Map.of(), retryable, cause);
    }

    /**
     * @param message          description, free of patient data
     * @param service          the service
     * @param code             the fault code, or {@code null}
     * @param subcode          the first subcode, or {@code null}
     * @param detailCode       the code in the fault's detail, or {@code null}
     * @param messageId        the exchange's message id, or {@code null}
     * @param serviceMessage   the service's own message (fault reason or detail text), or {@code null}
     * @param detailAttributes the attributes of the fault's detail element by local name, or {@code null} for none
     * @param retryable        whether the same call may succeed later
     * @param cause            the cause, or {@code null}
     */
    public ServiceFaultException(String message, String service, String code, String subcode, String detailCode,
                                 String messageId, String serviceMessage, Map<String, String> detailAttributes,
                                 boolean retryable, Throwable cause) {
        super(message, service, code, subcode, messageId, retryable, cause);
        this.detailCode = detailCode;
        this.serviceMessage = serviceMessage;
        this.detailAttributes = detailAttributes == null ? Map.of() : Map.copyOf(detailAttributes);
    }

    /** @return the code found in the fault's detail, when present */
    public Optional<String> detailCode() {
        return Optional.ofNullable(detailCode);
    }

    /** @return the service's own message, when present */
    public Optional<String> serviceMessage() {
        return Optional.ofNullable(serviceMessage);
    }

    /**
     * @return the attributes of the fault's detail element, by local name (for INSi: {@code code},
     *         {@code messageID}, {@code severite}); empty when the fault had no detail or the exception was not built
     *         from a SOAP fault
     */
    public Map<String, String> detailAttributes() {
        return detailAttributes;
    }

    /**
     * @param name an attribute's local name, for example {@code "severite"}
     * @return that attribute of the fault's detail element, when present
     */
    public Optional<String> detailAttribute(String name) {
        return Optional.ofNullable(detailAttributes.get(name));
    }
}
