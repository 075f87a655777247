package io.segursdk.core.xml;

import io.segursdk.core.error.AuthenticationException;

import java.util.Objects;

/**
 * An XML signature was refused by {@link XmlSignatureVerifier}. {@link #reason()} says why, for code; the message
 * says it for people. Never retryable: the signed document itself must change.
 */
public class SignatureVerificationException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    /** Why a signature was refused. */
    public enum Reason {
        /** The element holds no {@code ds:Signature} as a direct child. */
        NOT_SIGNED,
        /** The {@code Signature}, {@code SignedInfo} or {@code KeyInfo} does not have the expected shape. */
        MALFORMED,
        /** The element has no identifier, or its identifier is not unique in the document. */
        BAD_ID,
        /** The signature does not reference exactly the element it sits in (the mark of a wrapping attack). */
        WRONG_REFERENCE,
        /** A transform other than enveloped-signature followed by exclusive canonicalisation. */
        FORBIDDEN_TRANSFORM,
        /** A canonicalisation, signature or digest algorithm that is not allowed. */
        FORBIDDEN_ALGORITHM,
        /** The signer's certificate does not chain to a trust anchor, or is not valid at the validation date. */
        UNTRUSTED_SIGNER,
        /** The {@code SignatureValue} does not match the {@code SignedInfo} and the signer's key. */
        BAD_SIGNATURE_VALUE,
        /** The signed content was changed after signing. */
        DIGEST_MISMATCH
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message the explanation, free of patient data
     * @param cause   the cause, or {@code null}
     */
    public SignatureVerificationException(Reason reason, String message, Throwable cause) {
        super("XML signature refused (" + Objects.requireNonNull(reason, "reason") + "): " + message, cause);
        this.reason = reason;
    }

    /** @return why the signature was refused */
    public Reason reason() {
        return reason;
    }
}
