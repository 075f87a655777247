package io.segursdk.mssante;

/**
 * Which patients the client may address. Patient addresses are built from INS whose assigning authority says whether
 * the patient is real, a test patient or a demonstration one.
 */
public enum MssanteEnvironment {
    /** Real patients only: INS-NIR and INS-NIA (production OIDs). */
    PRODUCTION,
    /** Test and demonstration patients as well (test operators, qualification, training). */
    TEST
}
