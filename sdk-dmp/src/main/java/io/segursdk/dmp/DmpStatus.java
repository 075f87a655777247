package io.segursdk.dmp;

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
 */
public record DmpStatus(State state, Authorisation authorisation, String rawAuthorisation,
                        boolean attendingPhysician) {

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
