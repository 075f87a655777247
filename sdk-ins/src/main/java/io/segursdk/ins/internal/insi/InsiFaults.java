package io.segursdk.ins.internal.insi;

import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.soap.SoapFault;
import io.segursdk.core.soap.SoapFaultClassifier;
import io.segursdk.ins.InsiAccessDeniedException;

/**
 * What INSi's faults mean. The SOAP client is set to keep every fault as a {@link ServiceFaultException} (which
 * carries the detail code and the CNAM's message); {@link #translate} then gives the caller the typed exception
 * chosen by {@link #CLASSIFIER}.
 */
public final class InsiFaults {

    /**
     * INSi's classification: {@code siram_100} / {@code desir_550} (unknown software authorisation number) and
     * {@code DESIR_560} (insufficient access level: certificate CN) are access refusals; a refused assertion PS
     * ({@code InvalidSecurityToken}, {@code FailedCheck}, {@code FailedAuthentication}) is an authentication
     * failure; other {@code Sender} faults (such as {@code insi_24}, a malformed trait) are non-retryable service
     * faults; {@code Receiver} faults are retryable.
     */
    public static final SoapFaultClassifier CLASSIFIER = fault -> {
        if (fault.hasCode("siram_100") || fault.hasCode("desir_550") || fault.hasCode("desir_560")) {
            return SoapFaultClassifier.Category.ACCESS_DENIED;
        }
        if (fault.hasCode("InvalidSecurityToken") || fault.hasCode("FailedCheck")
                || fault.hasCode("FailedAuthentication") || fault.hasCode("InvalidSecurity")) {
            return SoapFaultClassifier.Category.AUTHENTICATION;
        }
        return null;
    };

    /** Keeps every fault as a service fault, retryable when it blames the service. */
    public static final SoapFaultClassifier KEEP_DETAILS = SoapFaultClassifier.DEFAULT;

    /** The attribute of {@code siram:Erreur} that carries the fault's severity. */
    public static final String SEVERITY = "severite";

    private InsiFaults() {
    }

    /**
     * @param e a fault as mapped by the SOAP client
     * @return the exception to throw to the caller
     */
    public static SegurException translate(ServiceFaultException e) {
        SoapFault view = new SoapFault("INSi", "1.2", e.code().orElse(null), e.subcode().orElse(null),
                e.detailCode().orElse(null), e.messageId().orElse(null), e.serviceMessage().orElse(null), 0, null,
                e.detailAttributes());
        SoapFaultClassifier.Category c = CLASSIFIER.orElse(SoapFaultClassifier.DEFAULT).classify(view);
        String reason = e.serviceMessage().map(m -> ": " + m).orElse("");
        return switch (c) {
            case ACCESS_DENIED -> new InsiAccessDeniedException(e.getMessage() + reason, view.code(), view.subcode(),
                    view.detailCode(), view.messageId(), view.serviceMessage(),
                    view.detailAttribute(SEVERITY).orElse(null), e);
            case AUTHENTICATION -> new AuthenticationException(e.getMessage() + reason, "INSi", view.code(),
                    view.subcode() != null ? view.subcode() : view.detailCode(), view.messageId(), e);
            default -> e;
        };
    }
}
