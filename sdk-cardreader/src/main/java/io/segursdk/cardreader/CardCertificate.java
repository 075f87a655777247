package io.segursdk.cardreader;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate found on the card, with what it is for and whether the card holds its private key.
 *
 * @param label         the object's label on the token (the KeyStore alias), for example
 *                      {@code Certificat d'Authentification CPS}
 * @param usage         what the certificate is for
 * @param certificate   the certificate
 * @param hasPrivateKey whether the card holds the matching private key
 */
public record CardCertificate(String label, CardKeyUsage usage, X509Certificate certificate, boolean hasPrivateKey) {

    /**
     * Checks the fields.
     *
     * @param label         label
     * @param usage         usage
     * @param certificate   certificate
     * @param hasPrivateKey whether the key is on the card
     */
    public CardCertificate {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(certificate, "certificate");
    }
}
