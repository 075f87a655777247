package io.segursdk.dmp;

import io.segursdk.core.error.AccessDeniedException;

/**
 * The call goes against an opposition of the patient recorded in the practice software ({@link DmpPatientChoices}):
 * feeding against an opposition to feeding, searching or retrieving against an opposition to consultation. Raised
 * before any network call; nothing was sent. Its message holds no patient data.
 */
public final class PatientOppositionException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    /** What the patient opposed. */
    public enum Kind {
        /** Feeding the DMP (for a legitimate reason the professional accepted). */
        FEEDING,
        /** Consulting the DMP. */
        CONSULTATION
    }

    private final Kind kind;

    /**
     * @param kind what the patient opposed
     */
    public PatientOppositionException(Kind kind) {
        super(kind == Kind.FEEDING
                ? "The patient opposed the feeding of their DMP: the document must not be sent (keep it withheld)"
                : "The patient opposed the consultation of their DMP", DmpClient.SERVICE,
                kind == Kind.FEEDING ? "PatientOpposedToFeeding" : "PatientOpposedToConsultation", null, null, null);
        this.kind = kind;
    }

    /** @return what the patient opposed */
    public Kind kind() {
        return kind;
    }
}
