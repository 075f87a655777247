package io.segursdk.ins;

/** Who acts on an identity: the role matters for the physicians' exception procedure. */
public enum OperatorRole {
    /** A physician (médecin). The only role that may use the exception procedure. */
    PHYSICIAN,
    /** Another health professional. */
    HEALTH_PROFESSIONAL,
    /** Staff acting by delegation of a professional, for example a secretary with a nominative CPE card. */
    DELEGATED_STAFF,
    /** An automated process of the vendor's software (for example an INSi call at Carte Vitale reading). */
    SOFTWARE
}
