package io.segursdk.core.saml;

import java.security.cert.X509Certificate;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * A SAML name: the content of an {@code Issuer} or a {@code NameID}, with its optional {@code Format} and
 * {@code NameQualifier}.
 *
 * @param value         the name itself
 * @param format        the {@code Format} attribute, or {@code null}
 * @param nameQualifier the {@code NameQualifier} attribute, or {@code null}
 */
public record SamlName(String value, String format, String nameQualifier) {

    /** Checks the value is present. */
    public SamlName {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the name
     * @return a name without format or qualifier
     */
    public static SamlName of(String value) {
        return new SamlName(value, null, null);
    }

    /**
     * The issuer of a token signed by a certificate: its subject DN in RFC 2253 form, with the X509SubjectName
     * format, as the DMP's VIHF and INSi's assertion PS require.
     *
     * @param certificate the signing certificate
     * @return the name
     */
    public static SamlName x509Subject(X509Certificate certificate) {
        return new SamlName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                Saml.NAMEID_FORMAT_X509_SUBJECT, null);
    }

    /**
     * @param newFormat the {@code Format}
     * @return a copy with that format
     */
    public SamlName withFormat(String newFormat) {
        return new SamlName(value, newFormat, nameQualifier);
    }

    /**
     * @param newQualifier the {@code NameQualifier} (INSi's assertion PS uses {@code "CPS"})
     * @return a copy with that qualifier
     */
    public SamlName withNameQualifier(String newQualifier) {
        return new SamlName(value, format, newQualifier);
    }
}
