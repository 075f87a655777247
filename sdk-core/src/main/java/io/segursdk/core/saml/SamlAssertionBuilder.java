package io.segursdk.core.saml;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.core.xml.XmlSigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds a SAML 2.0 {@code Assertion} as DOM, unsigned or signed with an enveloped XML-DSig signature: the shape of
 * INSi's assertion PS and of the DMP's VIHF.
 *
 * <p>Children follow the SAML 2.0 schema order: {@code Issuer}, {@code Signature}, {@code Subject},
 * {@code Conditions}, {@code AuthnStatement}, {@code AttributeStatement}. The assertion gets {@code Version="2.0"},
 * an {@code ID} ({@code "_"} followed by a random UUID unless {@linkplain #id(String) given}) and an
 * {@code IssueInstant} in UTC with milliseconds, from the {@linkplain #clock(Clock) clock}.
 *
 * <pre>{@code
 * Element vihf = SamlAssertionBuilder.create()
 *         .issuer(SamlName.x509Subject(orgCredential.certificate()))
 *         .subject(SamlName.of("899900063480"))
 *         .authnStatement(Saml.AUTHN_UNSPECIFIED)
 *         .attribute(SamlAttribute.of("VIHF_Version", SamlAttributeValue.typedString("3.0")))
 *         .sign(orgCredential, SignatureAlgorithm.RSA_SHA256);
 * }</pre>
 *
 * <p>A builder is not thread-safe; each {@code build} or {@code sign} call makes a new assertion (with a fresh
 * {@code ID} and {@code IssueInstant} when those were not fixed), so one configured builder may be reused from one
 * thread.
 */
public final class SamlAssertionBuilder {

    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final String P = Saml.ASSERTION_PREFIX + ":";

    private Clock clock = Clock.systemUTC();
    private String id;
    private SamlName issuer;
    private SamlName subject;
    private final List<String> confirmationMethods = new ArrayList<>();
    private Instant notBefore;
    private Instant notOnOrAfter;
    private Duration validity;
    private final List<String> audiences = new ArrayList<>();
    private String authnContextClassRef;
    private Instant authnInstant;
    private final List<SamlAttribute> attributes = new ArrayList<>();
    private String inclusiveNamespaces;

    private SamlAssertionBuilder() {
    }

    /** @return a new, empty builder */
    public static SamlAssertionBuilder create() {
        return new SamlAssertionBuilder();
    }

    /**
     * @param newClock the clock for {@code IssueInstant} and relative validity; the system UTC clock by default
     * @return this builder
     */
    public SamlAssertionBuilder clock(Clock newClock) {
        this.clock = Objects.requireNonNull(newClock, "clock");
        return this;
    }

    /**
     * @param newId a fixed {@code ID} (an XML NCName, so not starting with a digit); by default {@code "_" + UUID},
     *              fresh for every assertion
     * @return this builder
     */
    public SamlAssertionBuilder id(String newId) {
        this.id = newId;
        return this;
    }

    /**
     * @param newIssuer the {@code Issuer}; required. For a signed token, usually {@link SamlName#x509Subject}
     * @return this builder
     */
    public SamlAssertionBuilder issuer(SamlName newIssuer) {
        this.issuer = Objects.requireNonNull(newIssuer, "issuer");
        return this;
    }

    /**
     * @param nameId the subject's {@code NameID} (the professional's national identifier); optional
     * @return this builder
     */
    public SamlAssertionBuilder subject(SamlName nameId) {
        this.subject = Objects.requireNonNull(nameId, "nameId");
        return this;
    }

    /**
     * Adds a {@code SubjectConfirmation} with this method (for example {@link Saml#CONFIRMATION_BEARER}). Requires a
     * {@linkplain #subject(SamlName) subject}.
     *
     * @param method the confirmation method URI
     * @return this builder
     */
    public SamlAssertionBuilder subjectConfirmation(String method) {
        confirmationMethods.add(Objects.requireNonNull(method, "method"));
        return this;
    }

    /**
     * Sets fixed {@code Conditions} dates.
     *
     * @param newNotBefore     {@code NotBefore}, or {@code null}
     * @param newNotOnOrAfter  {@code NotOnOrAfter}, or {@code null}
     * @return this builder
     */
    public SamlAssertionBuilder conditions(Instant newNotBefore, Instant newNotOnOrAfter) {
        if (newNotBefore != null && newNotOnOrAfter != null && !newNotBefore.isBefore(newNotOnOrAfter)) {
            throw new IllegalArgumentException("NotBefore must be before NotOnOrAfter");
        }
        this.notBefore = newNotBefore;
        this.notOnOrAfter = newNotOnOrAfter;
        this.validity = null;
        return this;
    }

    /**
     * Makes each assertion valid from its {@code IssueInstant} for this long ({@code NotBefore} and
     * {@code NotOnOrAfter}).
     *
     * @param duration the validity, positive
     * @return this builder
     */
    public SamlAssertionBuilder validFor(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        this.validity = duration;
        this.notBefore = null;
        this.notOnOrAfter = null;
        return this;
    }

    /**
     * Adds an audience to the {@code AudienceRestriction} (none by default; the VIHF has none).
     *
     * @param audience the audience URI
     * @return this builder
     */
    public SamlAssertionBuilder audience(String audience) {
        audiences.add(Objects.requireNonNull(audience, "audience"));
        return this;
    }

    /**
     * Adds an {@code AuthnStatement} whose {@code AuthnInstant} is the assertion's {@code IssueInstant}.
     *
     * @param classRef the {@code AuthnContextClassRef}, for example {@link Saml#AUTHN_SMARTCARD_PKI}
     * @return this builder
     */
    public SamlAssertionBuilder authnStatement(String classRef) {
        return authnStatement(classRef, null);
    }

    /**
     * Adds an {@code AuthnStatement}.
     *
     * @param classRef        the {@code AuthnContextClassRef}
     * @param newAuthnInstant when the user authenticated, or {@code null} for the {@code IssueInstant}
     * @return this builder
     */
    public SamlAssertionBuilder authnStatement(String classRef, Instant newAuthnInstant) {
        this.authnContextClassRef = Objects.requireNonNull(classRef, "classRef");
        this.authnInstant = newAuthnInstant;
        return this;
    }

    /**
     * Adds an attribute to the {@code AttributeStatement}, after those already added.
     *
     * @param attribute the attribute
     * @return this builder
     */
    public SamlAssertionBuilder attribute(SamlAttribute attribute) {
        attributes.add(Objects.requireNonNull(attribute, "attribute"));
        return this;
    }

    /**
     * @param prefixList an {@code InclusiveNamespaces PrefixList} for the signature's exclusive canonicalisation
     *                   (see {@link XmlSigner.Builder#inclusiveNamespaces(String)}); none by default
     * @return this builder
     */
    public SamlAssertionBuilder inclusiveNamespaces(String prefixList) {
        this.inclusiveNamespaces = prefixList;
        return this;
    }

    /**
     * Builds an unsigned assertion, the root element of a new document.
     *
     * @return the {@code saml2:Assertion} element
     * @throws IllegalStateException when no issuer was set
     */
    public Element build() {
        Document doc = SecureXml.instance().newDocument();
        Element assertion = assemble(doc);
        doc.appendChild(assertion);
        doc.normalizeDocument();
        return doc.getDocumentElement();
    }

    /**
     * Builds an unsigned assertion owned by the given document, not yet inserted anywhere.
     *
     * @param target the document that will hold the assertion (for example a SOAP envelope)
     * @return the {@code saml2:Assertion} element, owned by {@code target}
     */
    public Element build(Document target) {
        return (Element) target.importNode(build(), true);
    }

    /**
     * Builds and signs an assertion, the root element of a new document. The {@code Signature} is placed right after
     * {@code Issuer}; its value is computed by {@link SigningCredential#sign}.
     *
     * @param credential the signing credential (its certificate goes in {@code KeyInfo})
     * @param algorithm  the signature algorithm
     * @return the signed {@code saml2:Assertion} element
     * @throws io.segursdk.core.error.AuthenticationException when the credential cannot sign
     */
    public Element sign(SigningCredential credential, SignatureAlgorithm algorithm) {
        Element assertion = build();
        Element issuerElement = (Element) assertion.getFirstChild();
        XmlSigner.builder(credential).algorithm(algorithm).inclusiveNamespaces(inclusiveNamespaces).build()
                .signEnveloped(assertion, "ID", issuerElement.getNextSibling());
        return assertion;
    }

    /**
     * Builds and signs an assertion, then imports it into the given document, not yet inserted anywhere. The
     * signature stays valid wherever the assertion is placed, provided no {@linkplain #inclusiveNamespaces(String)
     * inclusive prefix} is redeclared by the new ancestors.
     *
     * @param credential the signing credential
     * @param algorithm  the signature algorithm
     * @param target     the document that will hold the assertion
     * @return the signed assertion, owned by {@code target}
     */
    public Element sign(SigningCredential credential, SignatureAlgorithm algorithm, Document target) {
        return (Element) target.importNode(sign(credential, algorithm), true);
    }

    private Element assemble(Document doc) {
        if (issuer == null) {
            throw new IllegalStateException("a SAML assertion needs an issuer");
        }
        if (!confirmationMethods.isEmpty() && subject == null) {
            throw new IllegalStateException("a subject confirmation needs a subject");
        }
        Instant issueInstant = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Element assertion = doc.createElementNS(Saml.ASSERTION_NS, P + "Assertion");
        assertion.setAttributeNS(XMLNS_NS, "xmlns:" + Saml.ASSERTION_PREFIX, Saml.ASSERTION_NS);
        assertion.setAttributeNS(XMLNS_NS, "xmlns:xsi", Saml.XSI_NS);
        assertion.setAttributeNS(XMLNS_NS, "xmlns:xs", Saml.XS_NS);
        assertion.setAttributeNS(null, "ID", id != null ? id : "_" + UUID.randomUUID());
        assertion.setAttributeNS(null, "IssueInstant", instant(issueInstant));
        assertion.setAttributeNS(null, "Version", "2.0");

        assertion.appendChild(name(doc, "Issuer", issuer));

        if (subject != null) {
            Element subjectElement = child(assertion, "Subject");
            subjectElement.appendChild(name(doc, "NameID", subject));
            for (String method : confirmationMethods) {
                child(subjectElement, "SubjectConfirmation").setAttributeNS(null, "Method", method);
            }
        }

        Instant from = validity != null ? issueInstant : notBefore;
        Instant until = validity != null ? issueInstant.plus(validity) : notOnOrAfter;
        if (from != null || until != null || !audiences.isEmpty()) {
            Element conditions = child(assertion, "Conditions");
            if (from != null) {
                conditions.setAttributeNS(null, "NotBefore", instant(from));
            }
            if (until != null) {
                conditions.setAttributeNS(null, "NotOnOrAfter", instant(until));
            }
            if (!audiences.isEmpty()) {
                Element restriction = child(conditions, "AudienceRestriction");
                for (String audience : audiences) {
                    child(restriction, "Audience").setTextContent(audience);
                }
            }
        }

        if (authnContextClassRef != null) {
            Element statement = child(assertion, "AuthnStatement");
            statement.setAttributeNS(null, "AuthnInstant",
                    instant(authnInstant != null ? authnInstant.truncatedTo(ChronoUnit.MILLIS) : issueInstant));
            child(child(statement, "AuthnContext"), "AuthnContextClassRef").setTextContent(authnContextClassRef);
        }

        if (!attributes.isEmpty()) {
            Element statement = child(assertion, "AttributeStatement");
            for (SamlAttribute attribute : attributes) {
                Element a = child(statement, "Attribute");
                a.setAttributeNS(null, "Name", attribute.name());
                if (attribute.nameFormat() != null) {
                    a.setAttributeNS(null, "NameFormat", attribute.nameFormat());
                }
                if (attribute.friendlyName() != null) {
                    a.setAttributeNS(null, "FriendlyName", attribute.friendlyName());
                }
                for (SamlAttributeValue value : attribute.values()) {
                    Element v = child(a, "AttributeValue");
                    if (value.isElement()) {
                        v.appendChild(doc.importNode(value.elementForImport(), true));
                    } else {
                        if (value.isTypedString()) {
                            v.setAttributeNS(Saml.XSI_NS, "xsi:type", "xs:string");
                        }
                        v.setTextContent(value.text().orElseThrow());
                    }
                }
            }
        }
        return assertion;
    }

    private static Element child(Element parent, String localName) {
        Element e = parent.getOwnerDocument().createElementNS(Saml.ASSERTION_NS, P + localName);
        parent.appendChild(e);
        return e;
    }

    private static Element name(Document doc, String localName, SamlName name) {
        Element e = doc.createElementNS(Saml.ASSERTION_NS, P + localName);
        if (name.format() != null) {
            e.setAttributeNS(null, "Format", name.format());
        }
        if (name.nameQualifier() != null) {
            e.setAttributeNS(null, "NameQualifier", name.nameQualifier());
        }
        e.setTextContent(name.value());
        return e;
    }

    private static String instant(Instant instant) {
        // ISO-8601 in UTC, always with milliseconds (Instant.toString drops zero fractions)
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }
}
