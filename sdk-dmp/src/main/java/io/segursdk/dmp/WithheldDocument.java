package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.time.Instant;
import java.util.Optional;

/**
 * A document the professional decided not to send to the DMP: kept in the practice software's records (its content
 * stays where the software keeps its documents), visible there as withheld, with who decided, when and why. A value
 * to store; sending it later is a new {@link FeedDecision.Send} with the same document. {@link #toString()} shows
 * the uniqueId and the reason only.
 *
 * @param patient          the patient
 * @param documentUniqueId the document's uniqueId
 * @param title            the document's title
 * @param typeCode         the document's type
 * @param reason           why it is withheld
 * @param note             the professional's note, or {@code null}
 * @param decidedBy        the national id of the professional who decided
 * @param decidedAt        when
 */
public record WithheldDocument(PatientId patient, String documentUniqueId, String title, CodedValue typeCode,
                               Reason reason, String note, String decidedBy, Instant decidedAt)
        implements FeedDecision {

    /** Why a document is withheld. */
    public enum Reason {
        /** The professional judged the document not useful to the DMP. */
        PROFESSIONAL_DECISION,
        /** The patient opposed feeding for a legitimate reason the professional accepted. */
        PATIENT_OPPOSITION
    }

    /** Checks the parts are present. */
    public WithheldDocument {
        Violations v = new Violations();
        v.require(patient != null, "withheld.patient", "is required");
        v.require(Ids.isOid(documentUniqueId), "withheld.documentUniqueId", "must be the document's uniqueId (OID)");
        v.require(reason != null, "withheld.reason", "is required");
        v.require(decidedBy != null && !decidedBy.isBlank(), "withheld.decidedBy", "is required");
        v.require(decidedAt != null, "withheld.decidedAt", "is required");
        v.throwIfAny();
    }

    /**
     * @param submission the document
     * @param reason     why
     * @param note       the professional's note, or {@code null}
     * @param decidedBy  who decided
     * @param at         when
     * @return the withheld document
     */
    public static WithheldDocument of(Submission submission, Reason reason, String note, String decidedBy,
                                      Instant at) {
        DocumentMetadata m = submission.metadata();
        return new WithheldDocument(m.patientId(), m.uniqueId(), m.title(), m.typeCode(), reason, note, decidedBy,
                at);
    }

    @Override
    public PatientId patient() {
        return patient;
    }

    @Override
    public String documentUniqueId() {
        return documentUniqueId;
    }

    /** @return the professional's note */
    public Optional<String> noteText() {
        return Optional.ofNullable(note);
    }

    @Override
    public String toString() {
        return "WithheldDocument[" + documentUniqueId + ", " + reason + ", " + decidedAt + "]";
    }
}
