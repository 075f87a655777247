package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;

/**
 * The patient a DMP call is about and the context of access, all carried by the VIHF of that call: the patient's INS
 * ({@code resource-id}), the purpose of use, and whether the call is made during a minor's secret connection (the
 * VIHF confidentiality code {@code INVISIBLE_REPRESENTANTS_LEGAUX}: documents fed then are hidden from the minor's
 * legal representatives).
 *
 * <pre>{@code
 * DmpAccess access = DmpAccess.of(patient);                      // normal access
 * DmpAccess emergency = DmpAccess.of(patient).breakGlass();      // bris de glace
 * DmpAccess secret = DmpAccess.of(minor).minorSecretConnection(); // connexion secrète
 * }</pre>
 *
 * @param patient               the patient
 * @param mode                  the purpose of use
 * @param secretConnection      whether the call is made during a minor's secret connection
 */
public record DmpAccess(PatientId patient, AccessMode mode, boolean secretConnection) {

    /** Checks the parts are present. */
    public DmpAccess {
        if (patient == null) {
            throw InvalidRequestException.of("patient", "is required");
        }
        if (mode == null) {
            throw InvalidRequestException.of("accessMode", "is required");
        }
    }

    /**
     * @param patient the patient
     * @return normal access to this patient's record
     */
    public static DmpAccess of(PatientId patient) {
        return new DmpAccess(patient, AccessMode.NORMAL, false);
    }

    /** @return the same access in "bris de glace" emergency mode */
    public DmpAccess breakGlass() {
        return new DmpAccess(patient, AccessMode.BREAK_GLASS, secretConnection);
    }

    /** @return the same access as a SAMU regulating physician ("centre 15") */
    public DmpAccess emergencyCallCentre() {
        return new DmpAccess(patient, AccessMode.EMERGENCY_CALL_CENTRE, secretConnection);
    }

    /** @return the same access during a minor's secret connection */
    public DmpAccess minorSecretConnection() {
        return new DmpAccess(patient, mode, true);
    }

    @Override
    public String toString() {
        return "DmpAccess[" + mode + (secretConnection ? ", secret connection" : "") + "]";
    }
}
