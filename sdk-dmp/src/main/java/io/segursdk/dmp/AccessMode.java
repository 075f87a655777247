package io.segursdk.dmp;

/**
 * Why the professional accesses the record: the VIHF purpose of use (TRE_R248 ModeAcces, code system
 * 1.2.250.1.213.1.1.4.248). Emergency modes let a professional consult without the patient's authorisation; the DMP
 * records such access and shows it to the patient.
 */
public enum AccessMode {
    /** Ordinary access within the professional's authorisation. */
    NORMAL("normal", "Accès normal"),
    /** Emergency access by a professional when the patient's state requires it ("bris de glace"). */
    BREAK_GLASS("bris_de_glace", "Accès en mode bris de glace"),
    /** Access by the regulating physician of a SAMU emergency call centre ("centre 15"). */
    EMERGENCY_CALL_CENTRE("centre_15", "Accès en mode centre de régulation");

    /** The code system of the purpose of use. */
    public static final String CODE_SYSTEM = "1.2.250.1.213.1.1.4.248";

    private final String code;
    private final String displayName;

    AccessMode(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** @return the code sent in the VIHF */
    public String code() {
        return code;
    }

    /** @return the label sent with it */
    public String displayName() {
        return displayName;
    }
}
