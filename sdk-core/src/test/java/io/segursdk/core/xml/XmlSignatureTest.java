package io.segursdk.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.xml.SignatureVerificationException.Reason;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.X509ExtendedKeyManager;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class XmlSignatureTest {

    private static final String NS = "urn:segursdk:test";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private static TestCertificates pki;
    private static SoftwareCredential signer;
    private static XmlSignatureVerifier verifier;

    private final SecureXml xml = SecureXml.instance();

    @BeforeAll
    static void pki() {
        pki = TestCertificates.create("XMLSIG");
        signer = pki.issue("SIGNATAIRE TEST");
        verifier = XmlSignatureVerifier.builder()
                .trustAnchors(List.of(pki.root))
                .intermediates(List.of(pki.intermediate))
                .allowedAlgorithms(EnumSet.allOf(SignatureAlgorithm.class))
                .build();
    }

    /** A token shaped like a SAML assertion: an identified root, an issuer, then content. */
    private Document token(String id) {
        return xml.parse("<t:Token xmlns:t=\"" + NS + "\" ID=\"" + id + "\"><t:Issuer>CN=issuer</t:Issuer>"
                + "<t:Value kind=\"a\">42</t:Value></t:Token>");
    }

    private Element sign(Document doc, SigningCredential credential, SignatureAlgorithm algorithm) {
        Element root = doc.getDocumentElement();
        Element issuer = (Element) root.getElementsByTagNameNS(NS, "Issuer").item(0);
        return XmlSigner.builder(credential).algorithm(algorithm).build().signEnveloped(root, issuer.getNextSibling());
    }

    private Document reparse(Document doc) {
        return xml.parse(xml.serialize(doc));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signsAndVerifiesWithEachAlgorithmAfterAByteRoundTrip(SignatureAlgorithm algorithm) {
        Document doc = token("_t1");
        Element signature = sign(doc, signer, algorithm);

        assertThat(signature.getParentNode()).isSameAs(doc.getDocumentElement());
        assertThat(signature.getPreviousSibling().getLocalName()).isEqualTo("Issuer");
        assertThat(verifier.verify(doc.getDocumentElement()).algorithm()).isEqualTo(algorithm);

        Document parsed = reparse(doc);
        VerifiedSignature verified = verifier.verify(parsed.getDocumentElement());
        assertThat(verified.signer()).isEqualTo(signer.certificate());
        assertThat(verified.chain()).containsExactly(signer.certificate(), pki.intermediate);
        assertThat(xml.toString(parsed)).contains(algorithm.xmlDsigUri(), algorithm.digestUri(),
                "#enveloped-signature", "xml-exc-c14n#", "URI=\"#_t1\"", "X509Certificate");
        // one compact line, like the services' own samples: no line breaks between or inside signature elements
        assertThat(xml.toString(parsed)).doesNotContain("\n", "&#13;");
    }

    @Test
    void signedElementStillVerifiesWhenMovedUnderForeignNamespaces() {
        Document doc = token("_t2");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Document envelope = xml.parse("<s:Envelope xmlns:s=\"urn:envelope\" xmlns=\"urn:default\" xmlns:t=\"urn:other\">"
                + "<s:Header><wsse:Security xmlns:wsse=\"urn:wsse\"/></s:Header></s:Envelope>");
        Element security = (Element) envelope.getElementsByTagNameNS("urn:wsse", "Security").item(0);
        security.appendChild(envelope.importNode(doc.getDocumentElement(), true));

        Document parsed = reparse(envelope);
        Element token = (Element) parsed.getElementsByTagNameNS(NS, "Token").item(0);
        assertThat(verifier.verify(token).signer()).isEqualTo(signer.certificate());
    }

    @Test
    void inclusiveNamespacesPrefixListIsSignedAndVerified() {
        Document doc = token("_t3");
        Element root = doc.getDocumentElement();
        XmlSigner.builder(signer).inclusiveNamespaces("ds t #default xsi").build()
                .signEnveloped(root, "ID", root.getFirstChild().getNextSibling());
        Document parsed = reparse(doc);
        assertThat(xml.toString(parsed)).contains("PrefixList=\"ds t #default xsi\"");
        assertThat(verifier.verify(parsed.getDocumentElement()).algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
    }

    @Test
    void signingGoesThroughTheCredential() {
        AtomicInteger calls = new AtomicInteger();
        SigningCredential card = new DelegatingCredential(signer) {
            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
                calls.incrementAndGet();
                return super.sign(algorithm, data);
            }
        };
        Document doc = token("_t4");
        sign(doc, card, SignatureAlgorithm.RSA_PSS_SHA256);
        assertThat(calls).hasValue(1);
        assertThat(verifier.verify(reparse(doc).getDocumentElement()).signer()).isEqualTo(signer.certificate());
    }

    @Test
    void tamperedContentIsRejected() {
        Document doc = token("_t5");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Document parsed = reparse(doc);
        parsed.getElementsByTagNameNS(NS, "Value").item(0).setTextContent("43");
        assertReason(parsed.getDocumentElement(), Reason.DIGEST_MISMATCH);

        Document attribute = reparse(doc);
        ((Element) attribute.getElementsByTagNameNS(NS, "Value").item(0)).setAttribute("kind", "b");
        assertReason(attribute.getDocumentElement(), Reason.DIGEST_MISMATCH);
    }

    @Test
    void tamperedSignatureValueIsRejected() {
        Document doc = token("_t6");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Document parsed = reparse(doc);
        Element value = (Element) parsed.getElementsByTagNameNS(DS, "SignatureValue").item(0);
        String b64 = value.getTextContent().trim();
        char flipped = b64.charAt(10) == 'A' ? 'B' : 'A';
        value.setTextContent(b64.substring(0, 10) + flipped + b64.substring(11));
        assertReason(parsed.getDocumentElement(), Reason.BAD_SIGNATURE_VALUE);
    }

    @Test
    void tamperedSignedInfoIsRejected() {
        Document doc = token("_t7");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Document parsed = reparse(doc);
        // the attacker changes the content and fixes the digest, but cannot re-sign SignedInfo
        parsed.getElementsByTagNameNS(NS, "Value").item(0).setTextContent("43");
        Element digest = (Element) parsed.getElementsByTagNameNS(DS, "DigestValue").item(0);
        digest.setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertReason(parsed.getDocumentElement(), Reason.BAD_SIGNATURE_VALUE);
    }

    @Test
    void untrustedSignerIsRejected() {
        SoftwareCredential stranger = TestCertificates.create("OTHER").issue("IMPOSTEUR");
        Document doc = token("_t8");
        sign(doc, stranger, SignatureAlgorithm.RSA_SHA256);
        assertReason(reparse(doc).getDocumentElement(), Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void signerOutsideItsValidityIsRejectedAtTheValidationDate() {
        Document doc = token("_t9");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        XmlSignatureVerifier later = XmlSignatureVerifier.builder().trustAnchors(List.of(pki.root))
                .intermediates(List.of(pki.intermediate)).validationDate(Instant.now().plus(5 * 365, ChronoUnit.DAYS))
                .build();
        assertThatThrownBy(() -> later.verify(reparse(doc).getDocumentElement()))
                .isInstanceOf(SignatureVerificationException.class)
                .extracting(e -> ((SignatureVerificationException) e).reason()).isEqualTo(Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void missingIntermediateMeansUntrusted() {
        Document doc = token("_t10");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        XmlSignatureVerifier rootOnly = XmlSignatureVerifier.builder().trustAnchors(List.of(pki.root)).build();
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> rootOnly.verify(reparse(doc).getDocumentElement())).reason()).isEqualTo(Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void sha1IsRefusedUnlessAllowed() {
        Document doc = token("_t11");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA1);
        XmlSignatureVerifier strict = XmlSignatureVerifier.builder().trustAnchors(List.of(pki.root))
                .intermediates(List.of(pki.intermediate)).build();
        assertThat(strict.allowedAlgorithms())
                .containsExactlyInAnyOrder(SignatureAlgorithm.RSA_SHA256, SignatureAlgorithm.RSA_PSS_SHA256);
        assertThat(catchThrowableOfType(SignatureVerificationException.class,
                () -> strict.verify(reparse(doc).getDocumentElement())).reason())
                .isEqualTo(Reason.FORBIDDEN_ALGORITHM);
        assertThat(verifier.verify(reparse(doc).getDocumentElement()).algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA1);
    }

    @Test
    void unsignedElementIsRejected() {
        assertReason(token("_t12").getDocumentElement(), Reason.NOT_SIGNED);
    }

    @Test
    void signatureMustBeADirectChild() {
        Document doc = token("_t13");
        Element signature = sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Element value = (Element) doc.getElementsByTagNameNS(NS, "Value").item(0);
        value.appendChild(signature);
        assertReason(reparse(doc).getDocumentElement(), Reason.NOT_SIGNED);
    }

    @Test
    void duplicateIdIsRejected() {
        Document doc = token("_t14");
        sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Document parsed = reparse(doc);
        Element decoy = parsed.createElementNS(NS, "t:Decoy");
        decoy.setAttributeNS(null, "ID", "_t14");
        parsed.getDocumentElement().appendChild(decoy);
        assertReason(parsed.getDocumentElement(), Reason.BAD_ID);

        Document namespaced = reparse(doc);
        Element wsuDecoy = namespaced.createElementNS(NS, "t:Decoy");
        wsuDecoy.setAttributeNS("urn:wsu", "wsu:Id", "_t14");
        namespaced.getDocumentElement().getParentNode().getFirstChild();
        namespaced.getDocumentElement().appendChild(wsuDecoy);
        assertReason(namespaced.getDocumentElement(), Reason.BAD_ID);
    }

    @Test
    void referenceToAnotherElementIsRejected() {
        // the signer signed the inner element; the attacker presents the outer one as signed by the same Signature
        Document doc = xml.parse("<t:Outer xmlns:t=\"" + NS + "\" ID=\"_outer\"><t:Token ID=\"_inner\">"
                + "<t:Value>1</t:Value></t:Token></t:Outer>");
        Element inner = (Element) doc.getElementsByTagNameNS(NS, "Token").item(0);
        Element signature = XmlSigner.builder(signer).build().signEnveloped(inner, null);
        assertThat(verifier.verify(inner).signer()).isEqualTo(signer.certificate());
        doc.getDocumentElement().insertBefore(signature, inner);
        Document parsed = reparse(doc);
        assertReason(parsed.getDocumentElement(), Reason.WRONG_REFERENCE);
    }

    @Test
    void extraTransformsAreRejectedEvenWhenValidlySigned() throws Exception {
        Document doc = token("_t15");
        Element root = doc.getDocumentElement();
        root.setIdAttributeNS(null, "ID", true);
        io.segursdk.core.internal.xml.Santuario.ensureInitialised();
        XMLSignature signature = new XMLSignature(doc, "", SignatureAlgorithm.RSA_SHA256.xmlDsigUri(),
                Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        root.appendChild(signature.getElement());
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        XPathContainer xpath = new XPathContainer(doc);
        xpath.setXPath("not(ancestor-or-self::t:Value)");
        xpath.setXPathNamespaceContext("t", NS);
        transforms.addTransform(Transforms.TRANSFORM_XPATH, xpath.getElementPlusReturns());
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#_t15", transforms, SignatureAlgorithm.RSA_SHA256.digestUri());
        signature.addKeyInfo(signer.certificate());
        signature.sign(signer.privateKey());

        // the XPath transform left Value unsigned: an attacker could change it freely
        Document parsed = reparse(doc);
        parsed.getElementsByTagNameNS(NS, "Value").item(0).setTextContent("1000000");
        assertReason(parsed.getDocumentElement(), Reason.FORBIDDEN_TRANSFORM);
    }

    @Test
    void objectElementsInTheSignatureAreRejected() {
        Document doc = token("_t16");
        Element signature = sign(doc, signer, SignatureAlgorithm.RSA_SHA256);
        Element object = doc.createElementNS(DS, "ds:Object");
        signature.appendChild(object);
        assertReason(reparse(doc).getDocumentElement(), Reason.MALFORMED);
    }

    @Test
    void signerRefusesElementsWithoutUniqueId() {
        XmlSigner xmlSigner = XmlSigner.builder(signer).build();
        Document noId = xml.parse("<t:Token xmlns:t=\"" + NS + "\"/>");
        assertThatThrownBy(() -> xmlSigner.signEnveloped(noId.getDocumentElement(), null))
                .isInstanceOf(IllegalArgumentException.class);
        Document dup = xml.parse("<t:Token xmlns:t=\"" + NS + "\" ID=\"_d\"><t:X ID=\"_d\"/></t:Token>");
        assertThatThrownBy(() -> xmlSigner.signEnveloped(dup.getDocumentElement(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dup.getElementsByTagNameNS(DS, "Signature").getLength()).isZero();
    }

    private static void assertReason(Element element, Reason reason) {
        SignatureVerificationException e = catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier.verify(element));
        assertThat(e).as("expected a refusal for " + reason).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    }

    /** A credential delegating to another, as a card credential would wrap its provider. */
    private static class DelegatingCredential implements SigningCredential {
        private final SigningCredential delegate;

        DelegatingCredential(SigningCredential delegate) {
            this.delegate = delegate;
        }

        @Override
        public X509Certificate certificate() {
            return delegate.certificate();
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return delegate.certificateChain();
        }

        @Override
        public PrivateKey privateKey() {
            return delegate.privateKey();
        }

        @Override
        public Optional<Provider> provider() {
            return delegate.provider();
        }

        @Override
        public X509ExtendedKeyManager keyManager() {
            return delegate.keyManager();
        }
    }
}
