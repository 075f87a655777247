package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;

import java.time.Instant;

/**
 * The professional's decision about one document: send it to the DMP, or hold it back. The seed allows a professional
 * not to send a document they do not find useful, and a patient's accepted opposition to feeding holds back every
 * document. A held-back document is a {@link WithheldDocument}: the practice software stores it in its own records,
 * where it stays visible as "withheld" and can be sent later by a new decision; it is never handed to the DMP client
 * or to an outbox.
 *
 * <pre>{@code
 * FeedDecision decision = FeedDecision.decide(submission, choices, Instant.now());
 * if (decision instanceof FeedDecision.Send send) {
 *     dmp.feed(access, send.submission());          // or queue it in an outbox
 * } else if (decision instanceof WithheldDocument withheld) {
 *     records.saveWithheld(withheld);               // kept, shown as withheld
 * }
 * }</pre>
 */
public sealed interface FeedDecision permits FeedDecision.Send, WithheldDocument {

    /** @return the patient the document is about */
    PatientId patient();

    /** @return the document's uniqueId */
    String documentUniqueId();

    /**
     * The document is to be sent.
     *
     * @param submission the submission to feed
     */
    record Send(Submission submission) implements FeedDecision {

        /** Checks the submission is present. */
        public Send {
            if (submission == null) {
                throw InvalidRequestException.of("submission", "is required");
            }
        }

        @Override
        public PatientId patient() {
            return submission.metadata().patientId();
        }

        @Override
        public String documentUniqueId() {
            return submission.metadata().uniqueId();
        }

        @Override
        public String toString() {
            return "Send[" + submission.metadata().uniqueId() + "]";
        }
    }

    /**
     * @param submission the document
     * @return a decision to send it
     */
    static Send send(Submission submission) {
        return new Send(submission);
    }

    /**
     * The professional holds a document back.
     *
     * @param submission the document
     * @param note       the professional's note (optional; stored, never logged)
     * @param decidedBy  the national id of the professional who decided
     * @param at         when
     * @return the withheld document, to store
     */
    static WithheldDocument withhold(Submission submission, String note, String decidedBy, Instant at) {
        return WithheldDocument.of(submission, WithheldDocument.Reason.PROFESSIONAL_DECISION, note, decidedBy, at);
    }

    /**
     * Decides by the patient's recorded choices: a document of a patient who opposed feeding is withheld (the
     * professional who accepted the opposition is the decider), any other is sent.
     *
     * @param submission the document
     * @param choices    the patient's choices, or {@code null} when nothing is recorded
     * @param now        the time of the decision
     * @return the decision
     * @throws InvalidRequestException when the choices are another patient's
     */
    static FeedDecision decide(Submission submission, DmpPatientChoices choices, Instant now) {
        if (submission == null) {
            throw InvalidRequestException.of("submission", "is required");
        }
        if (choices == null || choices.mayFeed()) {
            return new Send(submission);
        }
        if (!choices.patient().equals(submission.metadata().patientId())) {
            throw InvalidRequestException.of("choices.patient", "must be the submission's patient");
        }
        return WithheldDocument.of(submission, WithheldDocument.Reason.PATIENT_OPPOSITION, null,
                choices.feedingOpposition().orElseThrow().acceptedBy(), now);
    }
}
