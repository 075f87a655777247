package io.segursdk.core.xml;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.internal.xml.Dom;
import io.segursdk.core.internal.xml.Santuario;
import io.segursdk.core.internal.xml.XmlDsig;
import io.segursdk.core.xml.SignatureVerificationException.Reason;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies an enveloped XML-DSig signature on a given element, strictly enough to defeat signature wrapping.
 *
 * <p>A signature is accepted only when all of these hold:
 * <ol>
 *   <li>exactly one {@code ds:Signature} is a <em>direct child</em> of the element, made of {@code SignedInfo},
 *       {@code SignatureValue} and {@code KeyInfo} only (no {@code ds:Object});</li>
 *   <li>the element has an identifier attribute, and no other element of the document carries the same identifier
 *       value (under any {@code ID}, {@code Id} or {@code id} attribute);</li>
 *   <li>{@code SignedInfo} holds exactly one {@code Reference}, whose URI is {@code "#"} followed by that
 *       identifier;</li>
 *   <li>its transforms are exactly {@code enveloped-signature} then exclusive canonicalisation (optionally with an
 *       {@code InclusiveNamespaces} prefix list), and {@code CanonicalizationMethod} is exclusive
 *       canonicalisation;</li>
 *   <li>the signature and digest algorithms are among the allowed ones (by default RSA-SHA256 and RSA-PSS-SHA256
 *       with SHA-256 digests; RSA-SHA1 and SHA-1 digests only when {@link Builder#allowedAlgorithms allowed});</li>
 *   <li>the signer's certificate, the first {@code X509Certificate} of {@code KeyInfo}, chains (PKIX, revocation not
 *       checked) to one of the trust anchors at the validation date, using the other {@code KeyInfo} certificates and
 *       the configured intermediates, and its key usage, when present, allows signing;</li>
 *   <li>the {@code SignatureValue} matches the canonical {@code SignedInfo} under the signer's key, and the digest
 *       matches the element as it is now.</li>
 * </ol>
 * Any failure throws a {@link SignatureVerificationException} whose {@link SignatureVerificationException#reason()}
 * tells which rule was broken.
 *
 * <pre>{@code
 * XmlSignatureVerifier verifier = XmlSignatureVerifier.builder()
 *         .trustAnchors(List.of(igcSanteRoot))
 *         .intermediates(List.of(igcSantePersonnes, igcSanteOrganisations))
 *         .build();
 * X509Certificate signer = verifier.verify(assertion).signer();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Verification declares the element's identifier attribute as a DOM ID
 * in its document, and changes nothing else.
 */
public final class XmlSignatureVerifier {

    private static final String SHA1_DIGEST = "http://www.w3.org/2000/09/xmldsig#sha1";

    private final Set<TrustAnchor> trustAnchors;
    private final Set<X509Certificate> anchorCertificates;
    private final List<X509Certificate> intermediates;
    private final Set<SignatureAlgorithm> allowedAlgorithms;
    private final Clock clock;

    private XmlSignatureVerifier(Builder b) {
        this.anchorCertificates = Set.copyOf(b.trustAnchors);
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate c : b.trustAnchors) {
            anchors.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = Set.copyOf(anchors);
        this.intermediates = List.copyOf(b.intermediates);
        this.allowedAlgorithms = Set.copyOf(b.allowedAlgorithms);
        this.clock = b.clock;
    }

    /** @return a builder; at least one trust anchor must be given */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the signature algorithms this verifier accepts */
    public Set<SignatureAlgorithm> allowedAlgorithms() {
        return allowedAlgorithms;
    }

    /**
     * Verifies the enveloped signature of an element identified by its unqualified {@code ID} attribute (SAML).
     *
     * @param element the signed element; must be in its document's tree
     * @return the verified signer and algorithm
     * @throws SignatureVerificationException when the signature is absent, malformed, untrusted or invalid
     */
    public VerifiedSignature verify(Element element) {
        return verify(element, "ID");
    }

    /**
     * Verifies the enveloped signature of an element.
     *
     * @param element         the signed element; must be in its document's tree
     * @param idAttributeName the unqualified name of its identifier attribute
     * @return the verified signer and algorithm
     * @throws SignatureVerificationException when the signature is absent, malformed, untrusted or invalid
     */
    public VerifiedSignature verify(Element element, String idAttributeName) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(idAttributeName, "idAttributeName");
        if (!Dom.isAttached(element)) {
            throw new IllegalArgumentException("The signed element must be in its document's tree");
        }
        Document doc = element.getOwnerDocument();

        List<Element> signatures = Dom.children(element, XmlDsig.NS, "Signature");
        if (signatures.isEmpty()) {
            throw fail(Reason.NOT_SIGNED, "the element holds no ds:Signature child");
        }
        if (signatures.size() > 1) {
            throw fail(Reason.MALFORMED, "the element holds more than one ds:Signature child");
        }
        Element signatureElement = signatures.get(0);

        String id = element.getAttributeNS(null, idAttributeName);
        if (id.isEmpty()) {
            throw fail(Reason.BAD_ID, "the element has no " + idAttributeName + " attribute");
        }
        if (Dom.countElementsWithId(doc, id) != 1) {
            throw fail(Reason.BAD_ID, "the element's identifier is carried by more than one element of the document");
        }

        List<Element> parts = Dom.children(signatureElement);
        if (parts.size() != 3 || !isDs(parts.get(0), "SignedInfo") || !isDs(parts.get(1), "SignatureValue")
                || !isDs(parts.get(2), "KeyInfo")) {
            throw fail(Reason.MALFORMED, "ds:Signature must hold exactly SignedInfo, SignatureValue and KeyInfo");
        }
        SignatureAlgorithm algorithm = checkSignedInfo(parts.get(0), id);
        List<X509Certificate> keyInfoCertificates = certificates(parts.get(2));
        X509Certificate signer = keyInfoCertificates.get(0);
        List<X509Certificate> path = validate(signer, keyInfoCertificates);

        element.setIdAttributeNS(null, idAttributeName, true);
        if (doc.getElementById(id) != element) {
            throw fail(Reason.BAD_ID, "the element's identifier does not designate the element itself");
        }
        Santuario.ensureInitialised();
        XMLSignature signature;
        byte[] signedInfo;
        byte[] value;
        try {
            signature = new XMLSignature(signatureElement, "", true);
            signedInfo = signature.getSignedInfo().getCanonicalizedOctetStream();
            value = signature.getSignatureValue();
        } catch (XMLSecurityException | java.io.IOException e) {
            throw fail(Reason.MALFORMED, "the signature cannot be read: " + e.getMessage(), e);
        }
        checkSignatureValue(algorithm, signer, signedInfo, value);
        try {
            if (!signature.getSignedInfo().verify(false)) {
                throw fail(Reason.DIGEST_MISMATCH, "the signed element was modified after signing");
            }
        } catch (XMLSecurityException e) {
            throw fail(Reason.DIGEST_MISMATCH, "the signed element cannot be digested: " + e.getMessage(), e);
        }
        return new VerifiedSignature(signer, path, algorithm);
    }

    private SignatureAlgorithm checkSignedInfo(Element signedInfo, String id) {
        List<Element> parts = Dom.children(signedInfo);
        if (parts.size() < 3 || !isDs(parts.get(0), "CanonicalizationMethod") || !isDs(parts.get(1), "SignatureMethod")) {
            throw fail(Reason.MALFORMED, "SignedInfo must start with CanonicalizationMethod and SignatureMethod");
        }
        String c14n = parts.get(0).getAttributeNS(null, "Algorithm");
        if (!XmlDsig.EXC_C14N.equals(c14n)) {
            throw fail(Reason.FORBIDDEN_ALGORITHM, "canonicalisation " + c14n + " is not allowed");
        }
        checkOnlyInclusiveNamespaces(parts.get(0), Reason.FORBIDDEN_ALGORITHM);
        String signatureMethod = parts.get(1).getAttributeNS(null, "Algorithm");
        SignatureAlgorithm algorithm = null;
        for (SignatureAlgorithm candidate : allowedAlgorithms) {
            if (candidate.xmlDsigUri().equals(signatureMethod)) {
                algorithm = candidate;
            }
        }
        if (algorithm == null) {
            throw fail(Reason.FORBIDDEN_ALGORITHM, "signature method " + signatureMethod + " is not allowed");
        }
        if (!Dom.children(parts.get(1)).isEmpty()) {
            throw fail(Reason.MALFORMED, "SignatureMethod must not carry parameters");
        }
        if (parts.size() != 3 || !isDs(parts.get(2), "Reference")) {
            throw fail(Reason.WRONG_REFERENCE, "SignedInfo must hold exactly one Reference");
        }
        Element reference = parts.get(2);
        if (!reference.hasAttributeNS(null, "URI") || !("#" + id).equals(reference.getAttributeNS(null, "URI"))) {
            throw fail(Reason.WRONG_REFERENCE, "the Reference does not designate the signed element's own identifier");
        }
        List<Element> referenceParts = Dom.children(reference);
        if (referenceParts.size() != 3 || !isDs(referenceParts.get(0), "Transforms")
                || !isDs(referenceParts.get(1), "DigestMethod") || !isDs(referenceParts.get(2), "DigestValue")) {
            throw fail(Reason.MALFORMED, "the Reference must hold exactly Transforms, DigestMethod and DigestValue");
        }
        List<Element> transforms = Dom.children(referenceParts.get(0));
        if (transforms.size() != 2 || !transforms.stream().allMatch(t -> isDs(t, "Transform"))
                || !XmlDsig.ENVELOPED.equals(transforms.get(0).getAttributeNS(null, "Algorithm"))
                || !Dom.children(transforms.get(0)).isEmpty()
                || !XmlDsig.EXC_C14N.equals(transforms.get(1).getAttributeNS(null, "Algorithm"))) {
            throw fail(Reason.FORBIDDEN_TRANSFORM,
                    "the transforms must be exactly enveloped-signature then exclusive canonicalisation");
        }
        checkOnlyInclusiveNamespaces(transforms.get(1), Reason.FORBIDDEN_TRANSFORM);
        String digest = referenceParts.get(1).getAttributeNS(null, "Algorithm");
        boolean digestAllowed = SignatureAlgorithm.RSA_SHA256.digestUri().equals(digest)
                || SHA1_DIGEST.equals(digest) && allowedAlgorithms.contains(SignatureAlgorithm.RSA_SHA1);
        if (!digestAllowed) {
            throw fail(Reason.FORBIDDEN_ALGORITHM, "digest method " + digest + " is not allowed");
        }
        return algorithm;
    }

    private static void checkOnlyInclusiveNamespaces(Element method, Reason reason) {
        List<Element> params = Dom.children(method);
        if (params.size() > 1 || params.size() == 1
                && !(XmlDsig.EXC_C14N.equals(params.get(0).getNamespaceURI())
                && "InclusiveNamespaces".equals(params.get(0).getLocalName()))) {
            throw fail(reason, "exclusive canonicalisation accepts only an InclusiveNamespaces parameter");
        }
    }

    private static List<X509Certificate> certificates(Element keyInfo) {
        List<X509Certificate> found = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Element data : Dom.children(keyInfo, XmlDsig.NS, "X509Data")) {
                for (Element certificate : Dom.children(data, XmlDsig.NS, "X509Certificate")) {
                    byte[] der = Base64.getMimeDecoder().decode(certificate.getTextContent());
                    found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw fail(Reason.MALFORMED, "a KeyInfo certificate cannot be read: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw fail(Reason.MALFORMED, "KeyInfo holds no X509Certificate");
        }
        return found;
    }

    private List<X509Certificate> validate(X509Certificate signer, List<X509Certificate> keyInfoCertificates) {
        Instant now = clock.instant();
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && !(keyUsage[0] || keyUsage.length > 1 && keyUsage[1])) {
            throw fail(Reason.UNTRUSTED_SIGNER, "the signer's certificate is not meant for signatures (key usage)");
        }
        if (anchorCertificates.contains(signer)) {
            try {
                signer.checkValidity(Date.from(now));
            } catch (GeneralSecurityException e) {
                throw fail(Reason.UNTRUSTED_SIGNER, "the signer's certificate is not valid at " + now, e);
            }
            return List.of(signer);
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            List<X509Certificate> pool = new ArrayList<>(keyInfoCertificates);
            pool.addAll(intermediates);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            return path;
        } catch (GeneralSecurityException e) {
            throw fail(Reason.UNTRUSTED_SIGNER, "the signer's certificate ("
                    + signer.getSubjectX500Principal().getName() + ") does not chain to a trust anchor at " + now
                    + ": " + e.getMessage(), e);
        }
    }

    private static void checkSignatureValue(SignatureAlgorithm algorithm, X509Certificate signer, byte[] signedInfo,
                                            byte[] value) {
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            if (algorithm.parameters() != null) {
                verifier.setParameter(algorithm.parameters());
            }
            verifier.initVerify(signer.getPublicKey());
            verifier.update(signedInfo);
            valid = verifier.verify(value);
        } catch (GeneralSecurityException e) {
            throw fail(Reason.BAD_SIGNATURE_VALUE, "the signature value cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw fail(Reason.BAD_SIGNATURE_VALUE, "the signature value does not match SignedInfo and the signer's key");
        }
    }

    private static boolean isDs(Element e, String localName) {
        return XmlDsig.NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    private static SignatureVerificationException fail(Reason reason, String message) {
        return new SignatureVerificationException(reason, message, null);
    }

    private static SignatureVerificationException fail(Reason reason, String message, Throwable cause) {
        return new SignatureVerificationException(reason, message, cause);
    }

    /** Configures an {@link XmlSignatureVerifier}. Not thread-safe; the verifier it builds is. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private Set<SignatureAlgorithm> allowedAlgorithms =
                EnumSet.of(SignatureAlgorithm.RSA_SHA256, SignatureAlgorithm.RSA_PSS_SHA256);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param anchors certificates trusted as they are (typically roots such as IGC-Santé's); a signer's
         *                certificate listed here is trusted directly
         * @return this builder
         */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            anchors.forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "trust anchor")));
            return this;
        }

        /**
         * @param certificates intermediate CA certificates to build paths with (signers usually put only their own
         *                     certificate in {@code KeyInfo}); they are not trusted by themselves
         * @return this builder
         */
        public Builder intermediates(Collection<X509Certificate> certificates) {
            certificates.forEach(c -> intermediates.add(Objects.requireNonNull(c, "intermediate")));
            return this;
        }

        /**
         * @param algorithms the signature algorithms accepted; by default RSA-SHA256 and RSA-PSS-SHA256. Add
         *                   {@link SignatureAlgorithm#RSA_SHA1} only for peers that still sign with SHA-1
         * @return this builder
         */
        public Builder allowedAlgorithms(Set<SignatureAlgorithm> algorithms) {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm must be allowed");
            }
            this.allowedAlgorithms = EnumSet.copyOf(algorithms);
            return this;
        }

        /**
         * @param clock the clock giving the date at which certificates must be valid; the system clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates certificates at a fixed date rather than now (to check an archived signature, or in tests).
         *
         * @param date the validation date
         * @return this builder
         */
        public Builder validationDate(Instant date) {
            return clock(Clock.fixed(date, java.time.ZoneOffset.UTC));
        }

        /**
         * @return the verifier
         * @throws IllegalStateException when no trust anchor was given
         */
        public XmlSignatureVerifier build() {
            if (trustAnchors.isEmpty()) {
                throw new IllegalStateException("an XmlSignatureVerifier needs at least one trust anchor");
            }
            return new XmlSignatureVerifier(this);
        }
    }
}
