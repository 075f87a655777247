package io.segursdk.cardreader;

/**
 * Whether a card belongs to the test or the production IGC-Santé, as told by its certificate's issuer. Test cards
 * are issued by CAs named {@code TEST AC IGC-SANTE …} (organisational unit {@code IGC-SANTE TEST}); a test card must
 * only be used against the services' test environments, and a production card against production.
 */
public enum CardEnvironment {
    /** Issued by a test CA (the issuer name contains the word TEST). */
    TEST,
    /** Issued by an IGC-Santé production CA. */
    PRODUCTION,
    /** Issued by a CA that is not recognisably IGC-Santé. */
    UNKNOWN
}
