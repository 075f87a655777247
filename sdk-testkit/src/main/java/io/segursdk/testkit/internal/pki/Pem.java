package io.segursdk.testkit.internal.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM encoding of certificates and PKCS#8 keys (RFC 7468 textual encoding). */
public final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /**
     * Encodes DER bytes under the given label.
     *
     * @param label e.g. {@code CERTIFICATE}
     * @param der the DER bytes
     * @return the PEM text, ending with a line feed
     */
    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /**
     * Encodes a certificate.
     *
     * @param certificate the certificate
     * @return the PEM text
     */
    public static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }
}
