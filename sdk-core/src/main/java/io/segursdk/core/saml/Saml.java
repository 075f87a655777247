package io.segursdk.core.saml;

/**
 * SAML 2.0 names the SDK's tokens use: namespaces, formats, confirmation methods and authentication contexts.
 */
public final class Saml {

    /** The SAML 2.0 assertion namespace. */
    public static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** The prefix the SDK writes for {@link #ASSERTION_NS}, as in the ANS samples. */
    public static final String ASSERTION_PREFIX = "saml2";
    /** XML Schema instance namespace ({@code xsi:type}). */
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    /** XML Schema namespace ({@code xs:string}). */
    public static final String XS_NS = "http://www.w3.org/2001/XMLSchema";

    /** NameID / Issuer format: an X.509 subject name (RFC 2253), as the VIHF and the INSi assertion PS use. */
    public static final String NAMEID_FORMAT_X509_SUBJECT = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName";
    /** NameID format: unspecified. */
    public static final String NAMEID_FORMAT_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    /** NameID format: an entity (a service). */
    public static final String NAMEID_FORMAT_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

    /** Subject confirmation method: bearer. */
    public static final String CONFIRMATION_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    /** Subject confirmation method: sender-vouches. */
    public static final String CONFIRMATION_SENDER_VOUCHES = "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches";
    /** Subject confirmation method: holder-of-key. */
    public static final String CONFIRMATION_HOLDER_OF_KEY = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key";

    /** Authentication context: smart card with a PKI key (CPS card). */
    public static final String AUTHN_SMARTCARD_PKI = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";
    /** Authentication context: password. */
    public static final String AUTHN_PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
    /** Authentication context: unspecified (automated processes). */
    public static final String AUTHN_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";

    /** Attribute name format: URI. */
    public static final String ATTRNAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    /** Attribute name format: basic. */
    public static final String ATTRNAME_FORMAT_BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

    private Saml() {
    }
}
