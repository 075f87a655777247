package io.segursdk.ins;

/** The identity-vigilance rules the SDK enforces; each refusal names one. */
public enum IdentityRule {
    /** A doubtful or fictitious identity must not call INSi (RNIV EXI SI 09). */
    NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS("status",
            "a doubtful or fictitious identity must not be searched or verified in INSi"),
    /** A doubtful or fictitious identity stays provisional (RNIV EXI SI 09). */
    DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL("status",
            "a doubtful or fictitious identity must stay provisional: downgrade it, or remove the attribute first"),
    /** The doubtful and fictitious attributes cannot be combined. */
    DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE("attributes", "an identity cannot be both doubtful and fictitious"),
    /** Only a high-trust document may check an identity. */
    DOCUMENT_NOT_HIGH_TRUST("identityCheck.documentType",
            "is not a high-trust identity document (a Carte Vitale, a driving licence or a trusted third party "
                    + "cannot validate an identity)"),
    /** A document that is high-trust only in special cases needs the case declared. */
    SPECIAL_CASE_REQUIRED("identityCheck.specialCase",
            "is required for this document type: it is high-trust only in the special cases the RNIV lists"),
    /** Only a physician may use the exception procedure. */
    EXCEPTION_PROCEDURE_PHYSICIAN_ONLY("identityCheck.checkedBy",
            "only a physician may qualify an identity by the exception procedure, without a document"),
    /** INSi's traits must match the traits already checked against a document. */
    TRAITS_DIFFER_FROM_CHECKED_IDENTITY("insiRetrieval.traits",
            "differ from the traits checked against the identity document: correct the traits first, which "
                    + "downgrades the identity, then check them again"),
    /** Only a qualified identity yields its INS for sharing (RNIV EXI SI 08). */
    NOT_QUALIFIED("status",
            "only a qualified identity (INS retrieved through INSi and checked against a high-trust document) may be "
                    + "used to feed the DMP or to address the patient's MSSanté mailbox"),
    /** A stored identity must be consistent with these rules to be restored. */
    INCONSISTENT_STATE("status",
            "is inconsistent: a retrieved or qualified identity needs its INS, a provisional or validated one has "
                    + "none, and a doubtful or fictitious identity is provisional");

    private final String field;
    private final String rule;

    IdentityRule(String field, String rule) {
        this.field = field;
        this.rule = rule;
    }

    /** @return the field reported in the violation */
    public String field() {
        return field;
    }

    /** @return the rule, in plain words */
    public String rule() {
        return rule;
    }
}
