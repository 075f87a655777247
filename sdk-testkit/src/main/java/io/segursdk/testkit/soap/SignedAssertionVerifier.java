package io.segursdk.testkit.soap;

import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies, the way a national service does, a signed SAML 2.0 assertion received in {@code wsse:Security}: the
 * enveloped XML signature (with the JDK's own XML-DSig implementation, independent of the SDK's), that the signature
 * covers this very assertion (no wrapping), that the signer's certificate chains to the test PKI, and the validity
 * window.
 */
public final class SignedAssertionVerifier {

    /** SAML 2.0 assertion namespace. */
    public static final String SAML2_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String DSIG_NS = XMLSignature.XMLNS;
    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Clock clock;
    private final Duration skew;
    private final boolean allowSha1;

    private SignedAssertionVerifier(Set<TrustAnchor> anchors, List<X509Certificate> intermediates, Clock clock,
                                    Duration skew, boolean allowSha1) {
        this.anchors = anchors;
        this.intermediates = intermediates;
        this.clock = clock;
        this.skew = skew;
        this.allowSha1 = allowSha1;
    }

    /**
     * A verifier for signers issued by a test PKI: its root is the trust anchor and its PERSONNES and ORGANISATIONS
     * intermediates complete the chains (signed tokens usually carry only the signer's certificate).
     *
     * @param pki the test PKI
     * @return a verifier refusing SHA-1 signatures, with a 5-minute clock skew
     */
    public static SignedAssertionVerifier forPki(io.segursdk.testkit.pki.TestPki pki) {
        return trusting(pki.rootCertificate())
                .withIntermediates(List.of(pki.personnesCaCertificate(), pki.organisationsCaCertificate()));
    }

    /**
     * @param trusted the certificates that signers must chain to (the test PKI's root)
     * @return a verifier refusing SHA-1 signatures, with a 5-minute clock skew
     */
    public static SignedAssertionVerifier trusting(X509Certificate... trusted) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : trusted) {
            set.add(new TrustAnchor(c, null));
        }
        return new SignedAssertionVerifier(Set.copyOf(set), List.of(), Clock.systemUTC(), Duration.ofMinutes(5), false);
    }

    /**
     * @param certificates intermediate CA certificates used to build signers' chains up to the trust anchors
     * @return a verifier that uses them
     */
    public SignedAssertionVerifier withIntermediates(List<X509Certificate> certificates) {
        return new SignedAssertionVerifier(anchors, List.copyOf(certificates), clock, skew, allowSha1);
    }

    /**
     * @param allow whether to accept RSA-SHA1 signatures (the older DMP samples use them)
     * @return a verifier that does
     */
    public SignedAssertionVerifier allowingSha1(boolean allow) {
        return new SignedAssertionVerifier(anchors, intermediates, clock, skew, allow);
    }

    /**
     * @param c the clock used for validity checks
     * @return a verifier using it
     */
    public SignedAssertionVerifier withClock(Clock c) {
        return new SignedAssertionVerifier(anchors, intermediates, c, skew, allowSha1);
    }

    /**
     * What a verified assertion says.
     *
     * @param signer     the signer's certificate
     * @param nameId     Subject/NameID text
     * @param issuer     Issuer text
     * @param attributes attribute values by attribute Name (text content of each AttributeValue)
     * @param signatureAlgorithm the SignatureMethod URI used
     */
    public record VerifiedAssertion(X509Certificate signer, String nameId, String issuer,
                                    Map<String, List<String>> attributes, String signatureAlgorithm) {
    }

    /**
     * Finds the single SAML assertion in a {@code wsse:Security} header and verifies it.
     *
     * @param security the wsse:Security element
     * @return what it says
     * @throws SoapCheckException (Sender) when there is no single assertion or any check fails
     */
    public VerifiedAssertion verifyIn(Element security) {
        List<Element> assertions = new ArrayList<>();
        for (Node n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Assertion".equals(e.getLocalName()) && SAML2_NS.equals(e.getNamespaceURI())) {
                assertions.add(e);
            }
        }
        if (assertions.size() != 1) {
            throw new SoapCheckException("Sender", "InvalidSecurityToken",
                    "expected one SAML 2.0 assertion in wsse:Security, found " + assertions.size());
        }
        return verify(assertions.get(0));
    }

    /**
     * Verifies one assertion element in place.
     *
     * @param assertion the saml2:Assertion element
     * @return what it says
     * @throws SoapCheckException (Sender, subcode FailedCheck or InvalidSecurityToken) when a check fails
     */
    public VerifiedAssertion verify(Element assertion) {
        String id = assertion.getAttribute("ID");
        if (id.isEmpty()) {
            throw fail("assertion has no ID");
        }
        Element signatureElement = null;
        for (Node n = assertion.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Signature".equals(e.getLocalName()) && DSIG_NS.equals(e.getNamespaceURI())) {
                if (signatureElement != null) {
                    throw fail("assertion has more than one Signature");
                }
                signatureElement = e;
            }
        }
        if (signatureElement == null) {
            throw fail("assertion is not signed");
        }
        NodeList sameId = assertion.getOwnerDocument().getElementsByTagNameNS("*", "*");
        int withId = 0;
        for (int i = 0; i < sameId.getLength(); i++) {
            Element e = (Element) sameId.item(i);
            if (id.equals(e.getAttribute("ID")) || id.equals(e.getAttributeNS(null, "Id"))) {
                withId++;
            }
        }
        if (withId != 1) {
            throw fail("the assertion's ID is not unique in the message");
        }
        assertion.setIdAttributeNS(null, "ID", true);
        CertificateKeySelector selector = new CertificateKeySelector();
        DOMValidateContext ctx = new DOMValidateContext(selector, signatureElement);
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", !allowSha1);
        try {
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            XMLSignature signature = factory.unmarshalXMLSignature(ctx);
            List<?> refs = signature.getSignedInfo().getReferences();
            if (refs.size() != 1) {
                throw fail("the signature must have exactly one reference");
            }
            Reference ref = (Reference) refs.get(0);
            if (!("#" + id).equals(ref.getURI())) {
                throw fail("the signature does not reference this assertion");
            }
            for (Object t : ref.getTransforms()) {
                String alg = ((Transform) t).getAlgorithm();
                if (!ALLOWED_TRANSFORMS.contains(alg)) {
                    throw fail("transform not allowed: " + alg);
                }
            }
            String sigAlg = signature.getSignedInfo().getSignatureMethod().getAlgorithm();
            if (!allowSha1 && sigAlg.endsWith("rsa-sha1")) {
                throw fail("RSA-SHA1 signatures are refused");
            }
            if (!signature.validate(ctx)) {
                throw fail("signature value or digest does not match: the assertion was altered");
            }
            X509Certificate signer = selector.certificate;
            validateChain(signer);
            checkConditions(assertion);
            return new VerifiedAssertion(signer, text(assertion, "Subject", "NameID"), text(assertion, "Issuer"),
                    attributes(assertion), sigAlg);
        } catch (SoapCheckException e) {
            throw e;
        } catch (Exception e) {
            throw fail("signature cannot be verified: " + e.getMessage());
        }
    }

    private void validateChain(X509Certificate signer) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(signer);
            X509Certificate current = signer;
            while (!isAnchored(current)) {
                X509Certificate issuer = null;
                for (X509Certificate c : intermediates) {
                    if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && !chain.contains(c)) {
                        issuer = c;
                        break;
                    }
                }
                if (issuer == null) {
                    break;
                }
                chain.add(issuer);
                current = issuer;
            }
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (InvalidAlgorithmParameterException e) {
            throw fail("no trust anchor configured");
        } catch (Exception e) {
            throw new SoapCheckException("Sender", "InvalidSecurityToken",
                    "the signer's certificate is not trusted: " + e.getMessage());
        }
    }

    private boolean isAnchored(X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert().getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private void checkConditions(Element assertion) {
        for (Node n = assertion.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Conditions".equals(e.getLocalName())) {
                Instant now = clock.instant();
                String nb = e.getAttribute("NotBefore");
                String na = e.getAttribute("NotOnOrAfter");
                if (!nb.isEmpty() && now.plus(skew).isBefore(Instant.parse(nb))) {
                    throw new SoapCheckException("Sender", "InvalidSecurityToken", "assertion not yet valid");
                }
                if (!na.isEmpty() && !now.minus(skew).isBefore(Instant.parse(na))) {
                    throw new SoapCheckException("Sender", "InvalidSecurityToken", "assertion expired");
                }
            }
        }
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        NodeList attrs = assertion.getElementsByTagNameNS(SAML2_NS, "Attribute");
        for (int i = 0; i < attrs.getLength(); i++) {
            Element a = (Element) attrs.item(i);
            List<String> values = new ArrayList<>();
            NodeList vs = a.getElementsByTagNameNS(SAML2_NS, "AttributeValue");
            for (int j = 0; j < vs.getLength(); j++) {
                values.add(vs.item(j).getTextContent().trim());
            }
            out.put(a.getAttribute("Name"), List.copyOf(values));
        }
        return out;
    }

    private static String text(Element parent, String... path) {
        Element current = parent;
        for (String name : path) {
            Element next = null;
            for (Node n = current.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName())) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current.getTextContent().trim();
    }

    private static SoapCheckException fail(String reason) {
        return new SoapCheckException("Sender", "FailedCheck", reason);
    }

    /** Takes the key from the signature's own X509Certificate; the chain is checked afterwards. */
    private static final class CertificateKeySelector extends KeySelector {
        private X509Certificate certificate;

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                                        XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("no KeyInfo");
            }
            for (Object info : keyInfo.getContent()) {
                if (info instanceof X509Data data) {
                    for (Object o : data.getContent()) {
                        if (o instanceof X509Certificate c) {
                            certificate = c;
                            Key key = c.getPublicKey();
                            return () -> key;
                        }
                    }
                }
            }
            throw new KeySelectorException("no X509Certificate in KeyInfo");
        }
    }
}
