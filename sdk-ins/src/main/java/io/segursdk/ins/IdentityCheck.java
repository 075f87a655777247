package io.segursdk.ins;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence that an identity's traits were checked: either against an identity document, or by a physician under the
 * exception procedure (a physician who knows the patient may qualify the INS without seeing a document).
 *
 * <p>Built by {@link #document}, {@link #documentInSpecialCase} or {@link #physicianException}, which refuse what
 * cannot check an identity with an {@link IdentityRuleException}. Holds no patient data: the document's number is
 * deliberately not recorded.
 *
 * <p>Chosen reading (to check against the RNIV and the physicians' exception procedure): the exception needs a
 * {@link OperatorRole#PHYSICIAN}; staff with a CPE acting by delegation may check documents.
 */
public final class IdentityCheck {

    /** How the identity was checked. */
    public enum Method {
        /** Against an identity document. */
        DOCUMENT,
        /** By a physician under the exception procedure, without a document. */
        PHYSICIAN_EXCEPTION
    }

    private final Method method;
    private final IdentityDocumentType documentType;
    private final RnivSpecialCase specialCase;
    private final Operator checkedBy;
    private final Instant at;

    private IdentityCheck(Method method, IdentityDocumentType documentType, RnivSpecialCase specialCase,
                          Operator checkedBy, Instant at) {
        this.method = method;
        this.documentType = documentType;
        this.specialCase = specialCase;
        this.checkedBy = Objects.requireNonNull(checkedBy, "checkedBy");
        this.at = Objects.requireNonNull(at, "at");
    }

    /**
     * A check against a high-trust document.
     *
     * @param type      the document's type
     * @param checkedBy who compared the document with the traits
     * @param at        when
     * @return the evidence
     * @throws IdentityRuleException if the document is not high-trust on its own
     */
    public static IdentityCheck document(IdentityDocumentType type, Operator checkedBy, Instant at) {
        Objects.requireNonNull(type, "type");
        if (type.trustLevel() == TrustLevel.NOT_HIGH) {
            throw new IdentityRuleException(IdentityRule.DOCUMENT_NOT_HIGH_TRUST);
        }
        if (type.trustLevel() == TrustLevel.HIGH_IN_SPECIAL_CASES) {
            throw new IdentityRuleException(IdentityRule.SPECIAL_CASE_REQUIRED);
        }
        return new IdentityCheck(Method.DOCUMENT, type, null, checkedBy, at);
    }

    /**
     * A check against a document in one of the RNIV's special cases.
     *
     * @param type        the document's type
     * @param specialCase the special case that makes it acceptable
     * @param checkedBy   who compared the document with the traits
     * @param at          when
     * @return the evidence
     * @throws IdentityRuleException if the document cannot check an identity even in a special case
     */
    public static IdentityCheck documentInSpecialCase(IdentityDocumentType type, RnivSpecialCase specialCase,
                                                      Operator checkedBy, Instant at) {
        Objects.requireNonNull(type, "type");
        if (specialCase == null) {
            return document(type, checkedBy, at);
        }
        if (type.trustLevel() == TrustLevel.NOT_HIGH) {
            throw new IdentityRuleException(IdentityRule.DOCUMENT_NOT_HIGH_TRUST);
        }
        return new IdentityCheck(Method.DOCUMENT, type, specialCase, checkedBy, at);
    }

    /**
     * A qualification by a physician under the exception procedure.
     *
     * @param physician the physician, whose role must be {@link OperatorRole#PHYSICIAN}
     * @param at        when
     * @return the evidence
     * @throws IdentityRuleException if the operator is not a physician
     */
    public static IdentityCheck physicianException(Operator physician, Instant at) {
        Objects.requireNonNull(physician, "physician");
        if (physician.role() != OperatorRole.PHYSICIAN) {
            throw new IdentityRuleException(IdentityRule.EXCEPTION_PROCEDURE_PHYSICIAN_ONLY);
        }
        return new IdentityCheck(Method.PHYSICIAN_EXCEPTION, null, null, physician, at);
    }

    /** @return how the identity was checked */
    public Method method() {
        return method;
    }

    /** @return the document's type, for a check against a document */
    public Optional<IdentityDocumentType> documentType() {
        return Optional.ofNullable(documentType);
    }

    /** @return the special case declared, when any */
    public Optional<RnivSpecialCase> specialCase() {
        return Optional.ofNullable(specialCase);
    }

    /** @return who checked */
    public Operator checkedBy() {
        return checkedBy;
    }

    /** @return when */
    public Instant at() {
        return at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityCheck c && c.method == method && c.documentType == documentType
                && c.specialCase == specialCase && c.checkedBy.equals(checkedBy) && c.at.equals(at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, documentType, specialCase, checkedBy, at);
    }

    @Override
    public String toString() {
        return "IdentityCheck{" + method + (documentType == null ? "" : ", " + documentType)
                + (specialCase == null ? "" : ", " + specialCase) + ", by=" + checkedBy + ", at=" + at + "}";
    }
}
