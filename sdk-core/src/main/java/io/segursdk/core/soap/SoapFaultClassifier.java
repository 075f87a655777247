package io.segursdk.core.soap;

/**
 * Decides what a SOAP fault means for the caller: an authentication problem, an access refusal, or another service
 * fault, retryable or not. Each business module supplies its own, knowing its service's codes; for example the INSi
 * module maps the subcode {@code siram_100} to {@link Category#ACCESS_DENIED}.
 *
 * <pre>{@code
 * SoapFaultClassifier insi = fault -> fault.hasCode("siram_100") ? Category.ACCESS_DENIED : null;
 * SoapClient.builder().faultClassifier(insi.orElse(SoapFaultClassifier.DEFAULT))...
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface SoapFaultClassifier {

    /** What a fault means, and so which exception is thrown. */
    enum Category {
        /** The caller's credential was refused: {@link io.segursdk.core.error.AuthenticationException}. */
        AUTHENTICATION,
        /** The caller may not do this: {@link io.segursdk.core.error.AccessDeniedException}. */
        ACCESS_DENIED,
        /** Any other fault, not worth retrying: {@link io.segursdk.core.error.ServiceFaultException}. */
        SERVICE_FAULT,
        /** A fault the same call may get past later: a retryable {@link io.segursdk.core.error.ServiceFaultException}. */
        RETRYABLE_SERVICE_FAULT
    }

    /**
     * Every fault is a {@link io.segursdk.core.error.ServiceFaultException}; faults blaming the service
     * ({@code Receiver}, {@code Server}) are retryable.
     */
    SoapFaultClassifier DEFAULT = fault -> fault.isReceiver() ? Category.RETRYABLE_SERVICE_FAULT : Category.SERVICE_FAULT;

    /**
     * @param fault the fault received
     * @return its category, or {@code null} to leave the decision to the next classifier (see {@link #orElse})
     */
    Category classify(SoapFault fault);

    /**
     * @param next the classifier asked when this one returns {@code null}
     * @return a classifier asking this one first, then {@code next}
     */
    default SoapFaultClassifier orElse(SoapFaultClassifier next) {
        return fault -> {
            Category c = classify(fault);
            return c != null ? c : next.classify(fault);
        };
    }
}
