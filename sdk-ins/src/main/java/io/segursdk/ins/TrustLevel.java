package io.segursdk.ins;

/** How far an identity document may be trusted to check an identity's traits (RNIV). */
public enum TrustLevel {
    /** A high-trust device on its own: it may validate or qualify an identity. */
    HIGH,
    /**
     * High trust only in the special cases the RNIV lists (see {@link RnivSpecialCase}), which the checker must
     * declare.
     */
    HIGH_IN_SPECIAL_CASES,
    /** Not enough to validate or qualify an identity. */
    NOT_HIGH
}
