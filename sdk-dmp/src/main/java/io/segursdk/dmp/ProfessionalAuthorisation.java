package io.segursdk.dmp;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One professional authorised on, or blocked from, a patient's DMP, as TD1.6 (list of authorised and blocked
 * professionals) returns it. Dates are the DMP's local time, as sent.
 *
 * @param nationalId     the professional's national id
 * @param nationalIdType the OID of the id's system
 * @param firstName      first name
 * @param lastName       last name
 * @param specialtyCode  the profession and specialty code ({@code G15_10/SM26}), or {@code null}
 * @param specialtyLabel its label, or {@code null}
 * @param since          when the authorisation (or the block) started, or {@code null}
 * @param lastAction     the professional's last action on the record, or {@code null}
 * @param state          authorised or blocked
 * @param rawMode        the state's code as the DMP sent it
 */
public record ProfessionalAuthorisation(String nationalId, String nationalIdType, String firstName, String lastName,
                                        String specialtyCode, String specialtyLabel, LocalDateTime since,
                                        LocalDateTime lastAction, State state, String rawMode) {

    /**
     * The professional's state on the record. The public sample shows {@code ACTIVE} only; the code of a blocked
     * professional is assumed to be {@code BLOQUE} (to confirm with the integrator guide); any other code is
     * {@link #OTHER}, kept in {@link ProfessionalAuthorisation#rawMode()}.
     */
    public enum State {
        /** Authorised ({@code ACTIVE}). */
        AUTHORISED,
        /** Blocked by the patient. */
        BLOCKED,
        /** Another code. */
        OTHER;

        /**
         * @param code the DMP's mode
         * @return the state
         */
        public static State of(String code) {
            if ("ACTIVE".equals(code)) {
                return AUTHORISED;
            }
            return code != null && (code.startsWith("BLOQU") || code.startsWith("INTERDI")) ? BLOCKED : OTHER;
        }
    }

    /** @return the specialty's code, when sent */
    public Optional<String> specialty() {
        return Optional.ofNullable(specialtyCode);
    }

    /** @return whether the professional is authorised */
    public boolean authorised() {
        return state == State.AUTHORISED;
    }

    /** @return whether the patient blocked the professional */
    public boolean blocked() {
        return state == State.BLOCKED;
    }
}
