package io.segursdk.cardreader;

/**
 * What a certificate and key of the card are for. A CPS holds one pair of each: never sign a VIHF or a document with
 * the authentication key (the DMP rejects it as "not a valid signature certificate"), nor authenticate TLS with the
 * signature key.
 */
public enum CardKeyUsage {
    /** "Certificat d'Authentification CPS": TLS client authentication, authentication tokens. */
    AUTHENTICATION,
    /** "Certificat de Signature CPS": signatures of assertions (VIHF) and documents. */
    SIGNATURE,
    /** Anything else on the token (CA certificates, other applications). */
    OTHER
}
