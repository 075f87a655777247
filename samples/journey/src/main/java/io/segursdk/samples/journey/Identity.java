package io.segursdk.samples.journey;

/** How step 1 identifies the professional ({@code --identity}). */
enum Identity {
    /** A test CPS through SoftHSM2 when it is installed, else a software test credential. */
    AUTO,
    /** A CPS card through PKCS#11: a SoftHSM2 test token on the simulators, the configured library with a config. */
    CARD,
    /** Software credentials: issued by the test PKI on the simulators, PKCS#12 files with a config. */
    SOFTWARE,
    /** e-CPS through Pro Santé Connect (CIBA): the PSC simulator, or the configured PSC client. */
    ECPS
}
