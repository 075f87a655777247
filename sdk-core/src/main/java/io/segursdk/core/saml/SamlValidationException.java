package io.segursdk.core.saml;

import io.segursdk.core.error.AuthenticationException;

import java.util.Objects;

/**
 * A SAML assertion was refused by {@link SamlAssertionVerifier} for a reason other than its signature (signature
 * failures are {@link io.segursdk.core.xml.SignatureVerificationException}s).
 */
public class SamlValidationException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /** Why an assertion was refused. */
    public enum Reason {
        /** Not a SAML 2.0 assertion, or a required part is missing or unreadable. */
        MALFORMED,
        /** The assertion carries no signature and unsigned assertions are not accepted. */
        UNSIGNED,
        /** {@code NotBefore} (or {@code IssueInstant}) is in the future, beyond the allowed clock skew. */
        NOT_YET_VALID,
        /** {@code NotOnOrAfter} is past, beyond the allowed clock skew. */
        EXPIRED,
        /** The expected audience is not among the assertion's audiences. */
        AUDIENCE_MISMATCH
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message the explanation, free of patient data
     */
    public SamlValidationException(Reason reason, String message) {
        super("SAML assertion refused (" + Objects.requireNonNull(reason, "reason") + "): " + message, null);
        this.reason = reason;
    }

    /** @return why the assertion was refused */
    public Reason reason() {
        return reason;
    }
}
