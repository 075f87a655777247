package io.segursdk.ins;

/** Which kind of patient an INS assigning authority stands for: real patients, test patients or demonstration ones. */
public enum InsEnvironment {
    /** Real patients (INS-NIR and INS-NIA). */
    PRODUCTION,
    /** Test patients (INS-NIR de test). */
    TEST,
    /** Demonstration patients (INS-NIR de démonstration). */
    DEMONSTRATION
}
