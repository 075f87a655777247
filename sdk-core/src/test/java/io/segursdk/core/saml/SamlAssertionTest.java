package io.segursdk.core.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.core.xml.SignatureVerificationException;
import io.segursdk.core.xml.TestCertificates;
import io.segursdk.core.xml.XmlSignatureVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SamlAssertionTest {

    private static final String HL7 = "urn:hl7-org:v3";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";

    private static TestCertificates pki;
    private static SoftwareCredential organisation;
    private static XmlSignatureVerifier signatures;

    private final SecureXml xml = SecureXml.instance();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @BeforeAll
    static void pki() {
        pki = TestCertificates.create("SAML");
        organisation = pki.issue("CERTIFICAT CACHET TEST");
        signatures = XmlSignatureVerifier.builder()
                .trustAnchors(List.of(pki.root)).intermediates(List.of(pki.intermediate))
                .allowedAlgorithms(EnumSet.allOf(SignatureAlgorithm.class)).build();
    }

    /** An HL7 coded element, built by the caller the way a VIHF role is. */
    private Element hl7Role(String code) {
        Document doc = xml.newDocument();
        Element role = doc.createElementNS(HL7, "Role");
        role.setAttributeNS(null, "code", code);
        role.setAttributeNS(null, "codeSystem", "1.2.250.1.71.1.2.7");
        role.setAttributeNS(null, "displayName", "Médecin");
        role.setAttributeNS(Saml.XSI_NS, "xsi:type", "CE");
        return role;
    }

    private SamlAssertionBuilder vihfLike() {
        return SamlAssertionBuilder.create()
                .clock(clock)
                .issuer(SamlName.x509Subject(organisation.certificate()))
                .subject(SamlName.of("899900063480").withNameQualifier("CPS"))
                .subjectConfirmation(Saml.CONFIRMATION_SENDER_VOUCHES)
                .validFor(Duration.ofHours(1))
                .authnStatement(Saml.AUTHN_UNSPECIFIED)
                .attribute(SamlAttribute.of("VIHF_Version", SamlAttributeValue.typedString("3.0")))
                .attribute(SamlAttribute.of("Identifiant_Structure", SamlAttributeValue.typedString("10B0127189")))
                .attribute(SamlAttribute.of(ROLE, SamlAttributeValue.element(hl7Role("10")),
                        SamlAttributeValue.element(hl7Role("SM26"))).withNameFormat(Saml.ATTRNAME_FORMAT_URI))
                .attribute(SamlAttribute.ofText("Ressource_URN", "urn:dmp").withFriendlyName("resource"));
    }

    private SamlAssertionVerifier verifier() {
        return SamlAssertionVerifier.builder(signatures).clock(clock).build();
    }

    private static List<String> childNames(Element e) {
        List<String> names = new java.util.ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                names.add(c.getLocalName());
            }
        }
        return names;
    }

    @Test
    void unsignedAssertionHasTheSchemaShape() {
        Element assertion = vihfLike().id("_fixed").build();
        assertThat(assertion.getNamespaceURI()).isEqualTo(Saml.ASSERTION_NS);
        assertThat(assertion.getPrefix()).isEqualTo("saml2");
        assertThat(assertion.getAttribute("Version")).isEqualTo("2.0");
        assertThat(assertion.getAttribute("ID")).isEqualTo("_fixed");
        assertThat(assertion.getAttribute("IssueInstant")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .isEqualTo(now.toString().replace("Z", ".000Z"));
        assertThat(childNames(assertion))
                .containsExactly("Issuer", "Subject", "Conditions", "AuthnStatement", "AttributeStatement");
        Element subject = (Element) assertion.getElementsByTagNameNS(Saml.ASSERTION_NS, "Subject").item(0);
        assertThat(childNames(subject)).containsExactly("NameID", "SubjectConfirmation");
        Element conditions = (Element) assertion.getElementsByTagNameNS(Saml.ASSERTION_NS, "Conditions").item(0);
        assertThat(Instant.parse(conditions.getAttribute("NotOnOrAfter"))).isEqualTo(now.plus(Duration.ofHours(1)));
        String text = xml.toString(assertion);
        assertThat(text).contains("xsi:type=\"xs:string\">3.0<", "Format=\"" + Saml.NAMEID_FORMAT_X509_SUBJECT + "\"",
                "NameQualifier=\"CPS\"", "FriendlyName=\"resource\"", "code=\"SM26\"");
    }

    @Test
    void eachBuildGetsAFreshId() {
        SamlAssertionBuilder builder = vihfLike();
        String first = builder.build().getAttribute("ID");
        String second = builder.build().getAttribute("ID");
        assertThat(first).startsWith("_").isNotEqualTo(second);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signedAssertionVerifiesAfterAByteRoundTrip(SignatureAlgorithm algorithm) {
        Element signed = vihfLike().sign(organisation, algorithm);
        assertThat(childNames(signed)).containsExactly("Issuer", "Signature", "Subject", "Conditions",
                "AuthnStatement", "AttributeStatement");

        VerifiedAssertion verified = verifier().verify(xml.serialize(signed));
        assertThat(verified.verifiedSignature().orElseThrow().algorithm()).isEqualTo(algorithm);
        assertThat(verified.verifiedSignature().orElseThrow().signer()).isEqualTo(organisation.certificate());
        assertThat(verified.issuer()).isEqualTo(SamlName.x509Subject(organisation.certificate()));
        assertThat(verified.nameId()).contains(new SamlName("899900063480", null, "CPS"));
        assertThat(verified.confirmationMethods()).containsExactly(Saml.CONFIRMATION_SENDER_VOUCHES);
        assertThat(verified.authnContextClassRef()).isEqualTo(Saml.AUTHN_UNSPECIFIED);
        assertThat(verified.attributeText("Identifiant_Structure")).contains("10B0127189");
        assertThat(verified.attribute("VIHF_Version").orElseThrow().values())
                .containsExactly(SamlAttributeValue.typedString("3.0"));
        SamlAttribute roles = verified.attribute(ROLE).orElseThrow();
        assertThat(roles.nameFormat()).isEqualTo(Saml.ATTRNAME_FORMAT_URI);
        assertThat(roles.values()).hasSize(2);
        Element role = roles.values().get(1).element().orElseThrow();
        assertThat(role.getNamespaceURI()).isEqualTo(HL7);
        assertThat(role.getAttribute("code")).isEqualTo("SM26");
        assertThat(role.getAttributeNS(Saml.XSI_NS, "type")).isEqualTo("CE");
    }

    @Test
    void signedAssertionImportedIntoASoapHeaderStillVerifies() {
        Document envelope = xml.parse("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<soap:Header><Security xmlns=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-secext-1.0.xsd\"/></soap:Header><soap:Body/></soap:Envelope>");
        Element assertion = vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256, envelope);
        assertThat(assertion.getOwnerDocument()).isSameAs(envelope);
        Element security = (Element) envelope.getElementsByTagNameNS("*", "Security").item(0);
        security.appendChild(assertion);

        Document received = xml.parse(xml.serialize(envelope));
        Element inHeader = (Element) received.getElementsByTagNameNS(Saml.ASSERTION_NS, "Assertion").item(0);
        assertThat(verifier().verify(inHeader).nameId().orElseThrow().value()).isEqualTo("899900063480");
    }

    @Test
    void tamperedAttributeValueIsRejected() {
        Document received = xml.parse(xml.serialize(vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256)));
        Element role = (Element) received.getElementsByTagNameNS(HL7, "Role").item(0);
        role.setAttribute("code", "21");
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier().verify(received.getDocumentElement())).reason())
                .isEqualTo(SignatureVerificationException.Reason.DIGEST_MISMATCH);
    }

    @Test
    void tamperedSignatureValueIsRejected() {
        Document received = xml.parse(xml.serialize(vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256)));
        Element value = (Element) received.getElementsByTagNameNS(DS, "SignatureValue").item(0);
        String b64 = value.getTextContent();
        value.setTextContent((b64.charAt(0) == 'A' ? "B" : "A") + b64.substring(1));
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier().verify(received.getDocumentElement())).reason())
                .isEqualTo(SignatureVerificationException.Reason.BAD_SIGNATURE_VALUE);
    }

    @Test
    void untrustedSignerIsRejected() {
        SoftwareCredential stranger = TestCertificates.create("ROGUE").issue("FAUX CACHET");
        Element forged = vihfLike().issuer(SamlName.x509Subject(stranger.certificate()))
                .sign(stranger, SignatureAlgorithm.RSA_SHA256);
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier().verify(xml.serialize(forged))).reason())
                .isEqualTo(SignatureVerificationException.Reason.UNTRUSTED_SIGNER);
    }

    /**
     * Classic wrapping: the attacker keeps the genuine signed assertion (hidden inside a wrapper element) and puts a
     * forged assertion with the same ID and a copy of the genuine Signature where the service looks.
     */
    @Test
    void wrappedGenuineAssertionBehindAForgedOneWithTheSameIdIsRejected() {
        Document genuine = xml.parse(xml.serialize(vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256)));
        Element original = genuine.getDocumentElement();

        Document attack = xml.parse("<Envelope xmlns=\"urn:attack\"><Header/></Envelope>");
        Element forged = (Element) attack.importNode(original, true);
        forged.getElementsByTagNameNS(Saml.ASSERTION_NS, "NameID").item(0).setTextContent("899999999999");
        Element wrapper = attack.createElementNS("urn:attack", "Wrapper");
        wrapper.appendChild(attack.importNode(original, true));
        // the forged assertion keeps the genuine Signature; the genuine assertion hides in its SubjectConfirmation
        Element confirmation = (Element) forged.getElementsByTagNameNS(Saml.ASSERTION_NS, "SubjectConfirmation").item(0);
        confirmation.appendChild(wrapper);
        attack.getDocumentElement().getFirstChild().appendChild(forged);

        Document received = xml.parse(xml.serialize(attack));
        Element presented = (Element) received.getElementsByTagNameNS(Saml.ASSERTION_NS, "Assertion").item(0);
        assertThat(presented.getElementsByTagNameNS(Saml.ASSERTION_NS, "NameID").item(0).getTextContent())
                .isEqualTo("899999999999");
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier().verify(presented)).reason()).isEqualTo(SignatureVerificationException.Reason.BAD_ID);
    }

    /** Wrapping with a fresh ID: the forged assertion carries the genuine Signature, which points elsewhere. */
    @Test
    void forgedAssertionReusingASignatureThatPointsElsewhereIsRejected() {
        Document genuine = xml.parse(xml.serialize(vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256)));
        Element original = genuine.getDocumentElement();
        Document attack = xml.parse("<Envelope xmlns=\"urn:attack\"><Header/></Envelope>");
        Element forged = (Element) attack.importNode(original, true);
        forged.setAttributeNS(null, "ID", "_forged");
        forged.getElementsByTagNameNS(Saml.ASSERTION_NS, "NameID").item(0).setTextContent("899999999999");
        attack.getDocumentElement().getFirstChild().appendChild(forged);
        attack.getDocumentElement().appendChild(attack.importNode(original, true));

        Document received = xml.parse(xml.serialize(attack));
        Element presented = (Element) received.getElementsByTagNameNS(Saml.ASSERTION_NS, "Assertion").item(0);
        assertThat(presented.getAttribute("ID")).isEqualTo("_forged");
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier().verify(presented)).reason())
                .isEqualTo(SignatureVerificationException.Reason.WRONG_REFERENCE);
    }

    @Test
    void expiredAndNotYetValidAssertionsAreRejectedBeyondTheSkew() {
        byte[] signed = xml.serialize(vihfLike().sign(organisation, SignatureAlgorithm.RSA_SHA256));
        SamlAssertionVerifier late = SamlAssertionVerifier.builder(signatures)
                .clock(Clock.fixed(now.plus(Duration.ofMinutes(63)), ZoneOffset.UTC)).build();
        assertThat(catchThrowableOfType(SamlValidationException.class, () -> late.verify(signed)).reason())
                .isEqualTo(SamlValidationException.Reason.EXPIRED);

        SamlAssertionVerifier slightlyLate = SamlAssertionVerifier.builder(signatures)
                .clock(Clock.fixed(now.plus(Duration.ofMinutes(61)), ZoneOffset.UTC)).build();
        assertThat(slightlyLate.verify(signed).id()).startsWith("_");

        SamlAssertionVerifier early = SamlAssertionVerifier.builder(signatures)
                .clock(Clock.fixed(now.minus(Duration.ofMinutes(5)), ZoneOffset.UTC)).build();
        assertThat(catchThrowableOfType(SamlValidationException.class, () -> early.verify(signed)).reason())
                .isEqualTo(SamlValidationException.Reason.NOT_YET_VALID);
    }

    @Test
    void unsignedAssertionsAreRefusedUnlessAllowed() {
        byte[] unsigned = xml.serialize(vihfLike().build());
        assertThat(catchThrowableOfType(SamlValidationException.class, () -> verifier().verify(unsigned)).reason())
                .isEqualTo(SamlValidationException.Reason.UNSIGNED);
        VerifiedAssertion accepted = SamlAssertionVerifier.builder(signatures).clock(clock).allowUnsigned().build()
                .verify(unsigned);
        assertThat(accepted.verifiedSignature()).isEmpty();
        assertThat(accepted.attributeText("Ressource_URN")).contains("urn:dmp");
    }

    @Test
    void audienceIsCheckedWhenExpected() {
        byte[] signed = xml.serialize(vihfLike().audience("urn:service:a").sign(organisation,
                SignatureAlgorithm.RSA_SHA256));
        SamlAssertionVerifier forB = SamlAssertionVerifier.builder(signatures).clock(clock)
                .expectedAudience("urn:service:b").build();
        assertThat(catchThrowableOfType(SamlValidationException.class, () -> forB.verify(signed)).reason())
                .isEqualTo(SamlValidationException.Reason.AUDIENCE_MISMATCH);
        SamlAssertionVerifier forA = SamlAssertionVerifier.builder(signatures).clock(clock)
                .expectedAudience("urn:service:a").build();
        assertThat(forA.verify(signed).audiences()).containsExactly("urn:service:a");
    }

    @Test
    void builderRefusesIncompleteAssertions() {
        assertThatThrownBy(() -> SamlAssertionBuilder.create().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SamlAssertionBuilder.create().issuer(SamlName.of("x"))
                .subjectConfirmation(Saml.CONFIRMATION_BEARER).build()).isInstanceOf(IllegalStateException.class);
    }
}
