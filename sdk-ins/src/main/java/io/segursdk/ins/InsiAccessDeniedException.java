package io.segursdk.ins;

import io.segursdk.core.error.AccessDeniedException;

import java.util.Optional;

/**
 * INSi refused the call for who is calling: an unknown software authorisation number ({@code siram_100} /
 * {@code desir_550}: check {@code SoftwareInfo.insiAuthorisationNumber}) or a certificate without INSi rights
 * ({@code DESIR_560}: the organisation certificate's CN must be {@code INSI-AUTO} or {@code INSI-MANU}). Keeps the
 * CNAM's detail code and message, to show to the user as they are.
 */
public class InsiAccessDeniedException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    private final String detailCode;
    private final String serviceMessage;
    private final String severity;

    /**
     * @param message        the SDK's explanation
     * @param code           the SOAP fault code ({@code Sender})
     * @param subcode        the SOAP subcode (for example {@code siram_100}), or {@code null}
     * @param detailCode     the {@code siram:Erreur code} (for example {@code desir_550}), or {@code null}
     * @param messageId      the request's message id
     * @param serviceMessage the CNAM's message (fault reason), or {@code null}
     * @param cause          the fault as first mapped, or {@code null}
     */
    public InsiAccessDeniedException(String message, String code, String subcode, String detailCode, String messageId,
                                     String serviceMessage, Throwable cause) {
        this(message, code, subcode, detailCode, messageId, serviceMessage, null, cause);
    }

    /**
     * @param message        the SDK's explanation
     * @param code           the SOAP fault code ({@code Sender})
     * @param subcode        the SOAP subcode (for example {@code siram_100}), or {@code null}
     * @param detailCode     the {@code siram:Erreur code} (for example {@code desir_550}), or {@code null}
     * @param messageId      the request's message id
     * @param serviceMessage the CNAM's message (fault reason), or {@code null}
     * @param severity       the {@code siram:Erreur severite} (for example {@code erreur}), or {@code null}
     * @param cause          the fault as first mapped, or {@code null}
     */
    public InsiAccessDeniedException(String message, String code, String subcode, String detailCode, String messageId,
                                     String serviceMessage, String severity, Throwable cause) {
        super(message, "INSi", code, subcode, messageId, cause);
        this.detailCode = detailCode;
        this.serviceMessage = serviceMessage;
        this.severity = severity;
    }

    /** @return the {@code siram:Erreur code}, such as {@code desir_550} or {@code DESIR_560} */
    public Optional<String> detailCode() {
        return Optional.ofNullable(detailCode);
    }

    /** @return the CNAM's message, in French, for the user */
    public Optional<String> serviceMessage() {
        return Optional.ofNullable(serviceMessage);
    }

    /** @return the {@code siram:Erreur severite} attribute, such as {@code erreur}, when INSi sent one */
    public Optional<String> severity() {
        return Optional.ofNullable(severity);
    }
}
