package io.segursdk.dmp;

import java.util.Map;
import java.util.Optional;

/**
 * The answer to TD0.2 (test of existence and authorisation): whether the patient has a DMP, its state, and whether
 * the calling professional is authorised on it.
 *
 * @param state                 the record's state
 * @param authorisation         the professional's authorisation on it
 * @param rawAuthorisation      the authorisation code exactly as the DMP sent it, or {@code null}
 * @param attendingPhysician    whether the professional is the patient's declared attending physician (médecin
 *                              traitant DMP)
 * @param observations          the record's flags as the DMP sent them ({@code administrativeObservation} code and
 *                              boolean value, for example {@code COMPTE_INTERNET_OUVERT}, {@code RATTACHEMENT_ENS},
 *                              {@code OPPOSITION_BRIS_DE_GLACE}); read them with the typed accessors
 */
public record DmpStatus(State state, Authorisation authorisation, String rawAuthorisation,
                        boolean attendingPhysician, Map<String, Boolean> observations) {

    /** Flag: the patient has activated their Mon espace santé account. */
    public static final String INTERNET_ACCOUNT_OPEN = "COMPTE_INTERNET_OUVERT";
    /** Flag: the DMP is attached to the patient's Mon espace santé ("ENS"). */
    public static final String LINKED_TO_MON_ESPACE_SANTE = "RATTACHEMENT_ENS";
    /** Flag: the patient opposed "bris de glace" access. */
    public static final String OPPOSED_TO_BREAK_GLASS = "OPPOSITION_BRIS_DE_GLACE";
    /** Flag: the patient opposed access by the emergency call centre ("centre 15"). */
    public static final String OPPOSED_TO_EMERGENCY_ACCESS = "OPPOSITION_ACCES_URGENCE";

    /** Copies the flags. */
    public DmpStatus {
        observations = observations == null ? Map.of() : Map.copyOf(observations);
    }

    /**
     * A status without flags.
     *
     * @param state              the record's state
     * @param authorisation      the professional's authorisation
     * @param rawAuthorisation   the raw authorisation code, or {@code null}
     * @param attendingPhysician whether the professional is the attending physician
     */
    public DmpStatus(State state, Authorisation authorisation, String rawAuthorisation, boolean attendingPhysician) {
        this(state, authorisation, rawAuthorisation, attendingPhysician, Map.of());
    }

    /** @return whether the patient's Mon espace santé account is open, when the DMP said */
    public Optional<Boolean> internetAccountOpen() {
        return Optional.ofNullable(observations.get(INTERNET_ACCOUNT_OPEN));
    }

    /** @return whether the DMP is attached to Mon espace santé, when the DMP said */
    public Optional<Boolean> linkedToMonEspaceSante() {
        return Optional.ofNullable(observations.get(LINKED_TO_MON_ESPACE_SANTE));
    }

    /** @return whether the patient opposed "bris de glace" access, when the DMP said */
    public Optional<Boolean> opposedToBreakGlass() {
        return Optional.ofNullable(observations.get(OPPOSED_TO_BREAK_GLASS));
    }

    /** @return whether the patient opposed access by the emergency call centre, when the DMP said */
    public Optional<Boolean> opposedToEmergencyAccess() {
        return Optional.ofNullable(observations.get(OPPOSED_TO_EMERGENCY_ACCESS));
    }

    /** The state of a patient's DMP. */
    public enum State {
        /** No DMP exists for this INS: create it (TD1.1) with the patient's consent. */
        NOT_FOUND,
        /** The DMP exists and is open. */
        ACTIVE,
        /** The DMP exists but was closed. */
        CLOSED
    }

    /**
     * The professional's authorisation on the record. The DMP's codes other than {@code VALIDE} are not in the
     * public samples: {@code EXPIREE} and {@code INTERDITE} are the most likely (to be confirmed with the integrator
     * guide); any other code is {@link #NONE} with the code kept in {@link DmpStatus#rawAuthorisation()}.
     */
    public enum Authorisation {
        /** Authorised ({@code VALIDE}). */
        VALID,
        /** The authorisation has expired ({@code EXPIREE}): set it again with TD0.3. */
        EXPIRED,
        /** The patient blocked this professional ({@code INTERDITE}). */
        BLOCKED,
        /** No authorisation. */
        NONE
    }

    /** @return whether the DMP exists (open or closed) */
    public boolean exists() {
        return state != State.NOT_FOUND;
    }

    /** @return the raw authorisation code, when the DMP sent one */
    public Optional<String> rawAuthorisationCode() {
        return Optional.ofNullable(rawAuthorisation);
    }
}
