package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the professional recorded about one patient and their DMP (seed steps 3.1 and 4.1): that the patient was
 * informed that their DMP is fed (once per follow-up), that they were informed of consultation (at each new care
 * episode), and the patient's oppositions: to feeding, for a legitimate reason the professional accepts; to
 * consultation, with no reason needed. Immutable: each change gives a new value, which the practice software stores
 * in its own patient file.
 *
 * <p>The {@link DmpClient} reads these choices through the {@link Lookup} given to its builder before every call and
 * refuses, before any network call, to feed against a feeding opposition or to search or retrieve against a
 * consultation opposition ({@link PatientOppositionException}).
 *
 * <pre>{@code
 * DmpPatientChoices choices = DmpPatientChoices.none(patient)
 *         .informedOfFeeding(Instant.now())
 *         .informedOfConsultation("episode-2026-03", Instant.now());
 * }</pre>
 *
 * <p>{@link #toString()} shows no patient data.
 */
public final class DmpPatientChoices {

    /**
     * Where the client finds the current choices of a patient, usually the practice software's patient file. Called
     * before every feed, search and retrieve, from the calling thread; must be thread-safe.
     */
    @FunctionalInterface
    public interface Lookup {

        /**
         * A lookup for software that keeps no such record: the client never refuses a call on its account. Choose
         * it explicitly, knowing that the professional then answers alone for the patient's oppositions.
         */
        Lookup NOT_RECORDED = patient -> Optional.empty();

        /**
         * @param patient the patient of the call
         * @return the patient's recorded choices, or empty when nothing is recorded (no opposition)
         */
        Optional<DmpPatientChoices> find(PatientId patient);
    }

    /**
     * The patient's opposition to feeding their DMP, for a legitimate reason the professional accepted.
     *
     * @param legitimateReason the reason the patient gave, as the professional recorded it
     * @param acceptedBy       the national id of the professional who accepted it
     * @param at               when
     */
    public record FeedingOpposition(String legitimateReason, String acceptedBy, Instant at) {

        /** Checks that the reason, the professional and the time are given. */
        public FeedingOpposition {
            Violations v = new Violations();
            v.require(legitimateReason != null && !legitimateReason.isBlank(), "feedingOpposition.legitimateReason",
                    "is required: an opposition to feeding needs a legitimate reason");
            v.require(acceptedBy != null && !acceptedBy.isBlank(), "feedingOpposition.acceptedBy",
                    "is required: the professional who accepted the reason");
            v.require(at != null, "feedingOpposition.at", "is required");
            v.throwIfAny();
        }

        @Override
        public String toString() {
            return "FeedingOpposition[accepted by " + acceptedBy + " at " + at + "]";
        }
    }

    /**
     * That the patient was informed of the consultation of their DMP for a care episode.
     *
     * @param careEpisode the practice software's id of the care episode
     * @param at          when
     */
    public record ConsultationInformation(String careEpisode, Instant at) {

        /** Checks the parts are present. */
        public ConsultationInformation {
            Violations v = new Violations();
            v.require(careEpisode != null && !careEpisode.isBlank(), "consultationInformation.careEpisode",
                    "is required");
            v.require(at != null, "consultationInformation.at", "is required");
            v.throwIfAny();
        }
    }

    private final PatientId patient;
    private final Instant informedOfFeeding;
    private final ConsultationInformation informedOfConsultation;
    private final FeedingOpposition feedingOpposition;
    private final Instant consultationOpposition;

    private DmpPatientChoices(PatientId patient, Instant informedOfFeeding,
                              ConsultationInformation informedOfConsultation, FeedingOpposition feedingOpposition,
                              Instant consultationOpposition) {
        this.patient = patient;
        this.informedOfFeeding = informedOfFeeding;
        this.informedOfConsultation = informedOfConsultation;
        this.feedingOpposition = feedingOpposition;
        this.consultationOpposition = consultationOpposition;
    }

    /**
     * @param patient the patient
     * @return nothing recorded yet: not informed, no opposition
     */
    public static DmpPatientChoices none(PatientId patient) {
        if (patient == null) {
            throw InvalidRequestException.of("patient", "is required");
        }
        return new DmpPatientChoices(patient, null, null, null, null);
    }

    /**
     * Restores a stored record.
     *
     * @param patient                the patient
     * @param informedOfFeeding      when the patient was informed of feeding, or {@code null}
     * @param informedOfConsultation the latest information of consultation, or {@code null}
     * @param feedingOpposition      the opposition to feeding, or {@code null}
     * @param consultationOpposition when the patient opposed consultation, or {@code null}
     * @return the record
     */
    public static DmpPatientChoices restore(PatientId patient, Instant informedOfFeeding,
                                            ConsultationInformation informedOfConsultation,
                                            FeedingOpposition feedingOpposition, Instant consultationOpposition) {
        none(patient);
        return new DmpPatientChoices(patient, informedOfFeeding, informedOfConsultation, feedingOpposition,
                consultationOpposition);
    }

    /**
     * @param at when the patient was informed that their DMP is fed (once per follow-up)
     * @return the new record
     */
    public DmpPatientChoices informedOfFeeding(Instant at) {
        Objects.requireNonNull(at, "at");
        return new DmpPatientChoices(patient, at, informedOfConsultation, feedingOpposition, consultationOpposition);
    }

    /**
     * @param careEpisode the care episode (the patient is informed at each new one)
     * @param at          when
     * @return the new record
     */
    public DmpPatientChoices informedOfConsultation(String careEpisode, Instant at) {
        return new DmpPatientChoices(patient, informedOfFeeding, new ConsultationInformation(careEpisode, at),
                feedingOpposition, consultationOpposition);
    }

    /**
     * Records the patient's opposition to feeding, for a legitimate reason the professional accepts.
     *
     * @param legitimateReason the reason
     * @param acceptedBy       the national id of the professional who accepts it
     * @param at               when
     * @return the new record
     * @throws InvalidRequestException when the reason or the professional is missing
     */
    public DmpPatientChoices opposedToFeeding(String legitimateReason, String acceptedBy, Instant at) {
        return new DmpPatientChoices(patient, informedOfFeeding, informedOfConsultation,
                new FeedingOpposition(legitimateReason, acceptedBy, at), consultationOpposition);
    }

    /**
     * Records the patient's opposition to the consultation of their DMP (no reason needed).
     *
     * @param at when
     * @return the new record
     */
    public DmpPatientChoices opposedToConsultation(Instant at) {
        Objects.requireNonNull(at, "at");
        return new DmpPatientChoices(patient, informedOfFeeding, informedOfConsultation, feedingOpposition, at);
    }

    /** @return the new record, the patient no longer opposing feeding */
    public DmpPatientChoices withdrawFeedingOpposition() {
        return new DmpPatientChoices(patient, informedOfFeeding, informedOfConsultation, null, consultationOpposition);
    }

    /** @return the new record, the patient no longer opposing consultation */
    public DmpPatientChoices withdrawConsultationOpposition() {
        return new DmpPatientChoices(patient, informedOfFeeding, informedOfConsultation, feedingOpposition, null);
    }

    /** @return the patient */
    public PatientId patient() {
        return patient;
    }

    /** @return when the patient was informed that their DMP is fed */
    public Optional<Instant> informedOfFeeding() {
        return Optional.ofNullable(informedOfFeeding);
    }

    /** @return the latest information of consultation */
    public Optional<ConsultationInformation> informedOfConsultation() {
        return Optional.ofNullable(informedOfConsultation);
    }

    /**
     * @param careEpisode a care episode
     * @return whether the patient was informed of consultation for this episode (else inform them again)
     */
    public boolean informedOfConsultationFor(String careEpisode) {
        return informedOfConsultation != null && informedOfConsultation.careEpisode().equals(careEpisode);
    }

    /** @return the opposition to feeding */
    public Optional<FeedingOpposition> feedingOpposition() {
        return Optional.ofNullable(feedingOpposition);
    }

    /** @return when the patient opposed consultation */
    public Optional<Instant> consultationOpposition() {
        return Optional.ofNullable(consultationOpposition);
    }

    /** @return whether documents may be sent to the DMP (no opposition to feeding) */
    public boolean mayFeed() {
        return feedingOpposition == null;
    }

    /** @return whether the DMP may be consulted (no opposition to consultation) */
    public boolean mayConsult() {
        return consultationOpposition == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DmpPatientChoices c && patient.equals(c.patient)
                && Objects.equals(informedOfFeeding, c.informedOfFeeding)
                && Objects.equals(informedOfConsultation, c.informedOfConsultation)
                && Objects.equals(feedingOpposition, c.feedingOpposition)
                && Objects.equals(consultationOpposition, c.consultationOpposition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patient, informedOfFeeding, informedOfConsultation, feedingOpposition,
                consultationOpposition);
    }

    @Override
    public String toString() {
        return "DmpPatientChoices[informedOfFeeding=" + (informedOfFeeding != null) + ", informedOfConsultation="
                + (informedOfConsultation != null) + ", opposedToFeeding=" + !mayFeed() + ", opposedToConsultation="
                + !mayConsult() + "]";
    }
}
