package io.segursdk.core.saml;

import io.segursdk.core.internal.xml.Dom;
import io.segursdk.core.saml.SamlValidationException.Reason;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.core.xml.SignatureVerificationException;
import io.segursdk.core.xml.VerifiedSignature;
import io.segursdk.core.xml.XmlSignatureVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a SAML 2.0 assertion the way a receiving service does, and returns what it says: the signature (through
 * {@link XmlSignatureVerifier}, so with all its anti-wrapping rules), then {@code Version}, {@code Issuer}, the time
 * conditions with a clock skew, and optionally the audience.
 *
 * <pre>{@code
 * SamlAssertionVerifier verifier = SamlAssertionVerifier.builder(xmlSignatureVerifier)
 *         .clockSkew(Duration.ofMinutes(2))
 *         .build();
 * VerifiedAssertion vihf = verifier.verify(assertionElement);
 * String structure = vihf.attributeText("Identifiant_Structure").orElseThrow();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SamlAssertionVerifier {

    private final XmlSignatureVerifier signatureVerifier;
    private final Clock clock;
    private final Duration clockSkew;
    private final String expectedAudience;
    private final boolean allowUnsigned;

    private SamlAssertionVerifier(Builder b) {
        this.signatureVerifier = b.signatureVerifier;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.expectedAudience = b.expectedAudience;
        this.allowUnsigned = b.allowUnsigned;
    }

    /**
     * @param signatureVerifier the verifier of the assertions' signatures (trust anchors, allowed algorithms)
     * @return a builder
     */
    public static Builder builder(XmlSignatureVerifier signatureVerifier) {
        return new Builder(signatureVerifier);
    }

    /**
     * Parses (with {@link SecureXml}) and verifies an assertion given as bytes.
     *
     * @param xml the assertion's XML
     * @return the verified assertion
     * @throws io.segursdk.core.xml.MalformedXmlException when the bytes are not acceptable XML
     * @throws SignatureVerificationException             when the signature is refused
     * @throws SamlValidationException                    when the assertion is refused for another reason
     */
    public VerifiedAssertion verify(byte[] xml) {
        return verify(SecureXml.instance().parse(xml).getDocumentElement());
    }

    /**
     * Verifies an assertion element (the document root, or inside a SOAP header).
     *
     * @param assertion the {@code Assertion} element, in its document's tree
     * @return the verified assertion
     * @throws SignatureVerificationException when the signature is refused
     * @throws SamlValidationException        when the assertion is refused for another reason
     */
    public VerifiedAssertion verify(Element assertion) {
        Objects.requireNonNull(assertion, "assertion");
        if (!Saml.ASSERTION_NS.equals(assertion.getNamespaceURI()) || !"Assertion".equals(assertion.getLocalName())) {
            throw new SamlValidationException(Reason.MALFORMED, "the element is not a SAML 2.0 Assertion");
        }
        if (!"2.0".equals(assertion.getAttributeNS(null, "Version"))) {
            throw new SamlValidationException(Reason.MALFORMED, "Version must be 2.0");
        }
        VerifiedSignature signature = null;
        try {
            signature = signatureVerifier.verify(assertion, "ID");
        } catch (SignatureVerificationException e) {
            if (!(allowUnsigned && e.reason() == SignatureVerificationException.Reason.NOT_SIGNED)) {
                if (e.reason() == SignatureVerificationException.Reason.NOT_SIGNED) {
                    throw new SamlValidationException(Reason.UNSIGNED, "the assertion is not signed");
                }
                throw e;
            }
        }

        String id = assertion.getAttributeNS(null, "ID");
        if (id.isEmpty()) {
            throw new SamlValidationException(Reason.MALFORMED, "the assertion has no ID");
        }
        Instant issueInstant = instant(assertion, "IssueInstant", true);
        Element issuerElement = Dom.onlyChild(assertion, Saml.ASSERTION_NS, "Issuer");
        if (issuerElement == null) {
            throw new SamlValidationException(Reason.MALFORMED, "the assertion must have exactly one Issuer");
        }
        SamlName issuer = name(issuerElement);

        SamlName subject = null;
        List<String> methods = new ArrayList<>();
        Element subjectElement = Dom.onlyChild(assertion, Saml.ASSERTION_NS, "Subject");
        if (subjectElement != null) {
            Element nameId = Dom.onlyChild(subjectElement, Saml.ASSERTION_NS, "NameID");
            subject = nameId == null ? null : name(nameId);
            for (Element c : Dom.children(subjectElement, Saml.ASSERTION_NS, "SubjectConfirmation")) {
                methods.add(c.getAttributeNS(null, "Method"));
            }
        }

        Instant notBefore = null;
        Instant notOnOrAfter = null;
        List<String> audiences = new ArrayList<>();
        Element conditions = Dom.onlyChild(assertion, Saml.ASSERTION_NS, "Conditions");
        if (conditions != null) {
            notBefore = instant(conditions, "NotBefore", false);
            notOnOrAfter = instant(conditions, "NotOnOrAfter", false);
            for (Element r : Dom.children(conditions, Saml.ASSERTION_NS, "AudienceRestriction")) {
                for (Element a : Dom.children(r, Saml.ASSERTION_NS, "Audience")) {
                    audiences.add(a.getTextContent().trim());
                }
            }
        }
        checkTimes(issueInstant, notBefore, notOnOrAfter);
        if (expectedAudience != null && !audiences.isEmpty() && !audiences.contains(expectedAudience)) {
            throw new SamlValidationException(Reason.AUDIENCE_MISMATCH,
                    "the assertion is restricted to other audiences than " + expectedAudience);
        }

        String classRef = null;
        Element authn = Dom.onlyChild(assertion, Saml.ASSERTION_NS, "AuthnStatement");
        if (authn != null) {
            Element context = Dom.onlyChild(authn, Saml.ASSERTION_NS, "AuthnContext");
            Element ref = context == null ? null : Dom.onlyChild(context, Saml.ASSERTION_NS, "AuthnContextClassRef");
            classRef = ref == null ? null : ref.getTextContent().trim();
        }

        List<SamlAttribute> attributes = new ArrayList<>();
        for (Element statement : Dom.children(assertion, Saml.ASSERTION_NS, "AttributeStatement")) {
            for (Element a : Dom.children(statement, Saml.ASSERTION_NS, "Attribute")) {
                attributes.add(attribute(a));
            }
        }
        return new VerifiedAssertion(id, issueInstant, issuer, subject, methods, notBefore, notOnOrAfter, audiences,
                classRef, attributes, signature);
    }

    private void checkTimes(Instant issueInstant, Instant notBefore, Instant notOnOrAfter) {
        Instant now = clock.instant();
        if (issueInstant.isAfter(now.plus(clockSkew))) {
            throw new SamlValidationException(Reason.NOT_YET_VALID, "IssueInstant is in the future");
        }
        if (notBefore != null && notBefore.isAfter(now.plus(clockSkew))) {
            throw new SamlValidationException(Reason.NOT_YET_VALID, "NotBefore " + notBefore + " is after " + now);
        }
        if (notOnOrAfter != null && !now.minus(clockSkew).isBefore(notOnOrAfter)) {
            throw new SamlValidationException(Reason.EXPIRED, "NotOnOrAfter " + notOnOrAfter + " is past at " + now);
        }
    }

    private static SamlAttribute attribute(Element a) {
        List<SamlAttributeValue> values = new ArrayList<>();
        for (Element v : Dom.children(a, Saml.ASSERTION_NS, "AttributeValue")) {
            List<Element> children = Dom.children(v);
            if (!children.isEmpty()) {
                if (children.size() > 1) {
                    throw new SamlValidationException(Reason.MALFORMED, "an AttributeValue holds several elements");
                }
                values.add(SamlAttributeValue.element(children.get(0)));
            } else if (v.hasAttributeNS(Saml.XSI_NS, "type")) {
                values.add(SamlAttributeValue.typedString(v.getTextContent()));
            } else {
                values.add(SamlAttributeValue.text(v.getTextContent()));
            }
        }
        String name = a.getAttributeNS(null, "Name");
        if (name.isEmpty() || values.isEmpty()) {
            throw new SamlValidationException(Reason.MALFORMED, "an Attribute lacks a Name or a value");
        }
        return new SamlAttribute(name, optional(a, "NameFormat"), optional(a, "FriendlyName"), values);
    }

    private static SamlName name(Element e) {
        return new SamlName(e.getTextContent().trim(), optional(e, "Format"), optional(e, "NameQualifier"));
    }

    private static String optional(Element e, String attribute) {
        Node n = e.getAttributeNodeNS(null, attribute);
        return n == null ? null : n.getNodeValue();
    }

    private static Instant instant(Element e, String attribute, boolean required) {
        String value = optional(e, attribute);
        if (value == null) {
            if (required) {
                throw new SamlValidationException(Reason.MALFORMED, e.getLocalName() + " has no " + attribute);
            }
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException ex) {
            throw new SamlValidationException(Reason.MALFORMED, attribute + " is not a UTC date-time");
        }
    }

    /** Configures a {@link SamlAssertionVerifier}. Not thread-safe; the verifier it builds is. */
    public static final class Builder {
        private final XmlSignatureVerifier signatureVerifier;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(2);
        private String expectedAudience;
        private boolean allowUnsigned;

        private Builder(XmlSignatureVerifier signatureVerifier) {
            this.signatureVerifier = Objects.requireNonNull(signatureVerifier, "signatureVerifier");
        }

        /**
         * @param newClock the clock the time conditions are checked against; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * @param skew the tolerance on every time condition; two minutes by default
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clock skew must not be negative");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * @param audience an audience that must be listed when the assertion restricts its audiences; by default the
         *                 audience restriction is not checked
         * @return this builder
         */
        public Builder expectedAudience(String audience) {
            this.expectedAudience = audience;
            return this;
        }

        /**
         * Accepts assertions that carry no signature at all (the DMP's VIHF in CPS mode, where TLS authenticates the
         * professional). A signature that is present is still verified. Off by default.
         *
         * @return this builder
         */
        public Builder allowUnsigned() {
            this.allowUnsigned = true;
            return this;
        }

        /** @return the verifier */
        public SamlAssertionVerifier build() {
            return new SamlAssertionVerifier(this);
        }
    }
}
