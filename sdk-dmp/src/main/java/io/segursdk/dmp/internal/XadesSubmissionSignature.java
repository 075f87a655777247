package io.segursdk.dmp.internal;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.xml.SecureXml;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The submission-set signature of a DMP feed (IHE DSG, as the DMP's TD2.1 sample shows it): an enveloping XAdES-BES
 * signature whose {@code ds:Manifest} references each document by {@code urn:oid:<uniqueId>} with the digest of its
 * bytes, and the submission set by its uniqueId with the placeholder digest {@code AA==} the DMP's samples use. The
 * signed references are the manifest and the XAdES {@code SignedProperties} (signing time, signing certificate,
 * implied policy), in the XAdES 1.1.1 namespace the DMP uses.
 *
 * <p>The signature value comes from {@link SigningCredential#sign(SignatureAlgorithm, byte[])} over the canonical
 * {@code SignedInfo}, so a card key (PKCS#11) signs like a software key. Stateless and thread-safe.
 */
public final class XadesSubmissionSignature {

    /** XML-DSig namespace. */
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    /** XAdES 1.1.1 namespace, as in the DMP's samples. */
    public static final String XADES = "http://uri.etsi.org/01903/v1.1.1#";
    /** The id of the manifest. */
    public static final String MANIFEST_ID = "IHEManifest";
    /** Purpose of signature: source (1.2.840.10065.1.12.1.14). */
    public static final String PURPOSE_SOURCE = "1.2.840.10065.1.12.1.14";
    private static final String EXC_C14N = Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS;
    private static final String SUBMISSION_SET_PLACEHOLDER = "AA==";

    /** A document the manifest references. */
    public record Target(String uniqueId, byte[] digest) {
    }

    private XadesSubmissionSignature() {
    }

    /**
     * Signs a submission set.
     *
     * @param credential          the structure's (or card's) signature credential
     * @param algorithm           the signature algorithm; its digest is the digest of every reference
     * @param submissionSetUniqueId the submission set's uniqueId
     * @param documents           the documents, with digests of their bytes in the algorithm's digest
     * @param signingTime         the signing time
     * @return the signature document, UTF-8 bytes, not to be re-serialised
     */
    public static byte[] sign(SigningCredential credential, SignatureAlgorithm algorithm, String submissionSetUniqueId,
                              List<Target> documents, Instant signingTime) {
        org.apache.xml.security.Init.init();
        String digestUri = algorithm.digestUri();
        String sigId = "sig-" + UUID.randomUUID();
        String propsId = sigId + "-SignedProperties";
        Document doc = SecureXml.instance().newDocument();
        Element signature = ds(doc, "Signature");
        signature.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DS);
        signature.setAttribute("Id", sigId);
        doc.appendChild(signature);

        Element signedInfo = append(signature, ds(doc, "SignedInfo"));
        append(signedInfo, ds(doc, "CanonicalizationMethod")).setAttribute("Algorithm", EXC_C14N);
        append(signedInfo, ds(doc, "SignatureMethod")).setAttribute("Algorithm", algorithm.xmlDsigUri());
        Element manifestRef = reference(signedInfo, "#" + MANIFEST_ID, DS + "Manifest", digestUri);
        Element propsRef = reference(signedInfo, "#" + propsId, XADES + "SignedProperties", digestUri);
        Element value = append(signature, ds(doc, "SignatureValue"));
        X509Certificate cert = credential.certificate();
        Element x509 = append(append(signature, ds(doc, "KeyInfo")), ds(doc, "X509Data"));
        append(x509, ds(doc, "X509Certificate")).setTextContent(base64(encoded(cert)));

        // the manifest: the submission set, then each document by uniqueId
        Element manifest = append(append(signature, ds(doc, "Object")), ds(doc, "Manifest"));
        manifest.setAttribute("Id", MANIFEST_ID);
        manifest.setIdAttribute("Id", true);
        Element ss = append(manifest, ds(doc, "Reference"));
        ss.setAttribute("URI", "urn:oid:" + submissionSetUniqueId);
        append(ss, ds(doc, "DigestMethod")).setAttribute("Algorithm", digestUri);
        append(ss, ds(doc, "DigestValue")).setTextContent(SUBMISSION_SET_PLACEHOLDER);
        for (Target t : documents) {
            Element r = append(manifest, ds(doc, "Reference"));
            r.setAttribute("URI", "urn:oid:" + t.uniqueId());
            append(r, ds(doc, "DigestMethod")).setAttribute("Algorithm", digestUri);
            append(r, ds(doc, "DigestValue")).setTextContent(base64(t.digest()));
        }

        // purpose of the signature
        Element props = append(append(signature, ds(doc, "Object")), ds(doc, "SignatureProperties"));
        Element prop = append(props, ds(doc, "SignatureProperty"));
        prop.setAttribute("Id", "purposeOfSignature");
        prop.setAttribute("Target", "#" + sigId);
        prop.setTextContent(PURPOSE_SOURCE);

        // XAdES-BES qualifying properties
        Element qualifying = append(append(signature, ds(doc, "Object")), xades(doc, "QualifyingProperties"));
        qualifying.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xad", XADES);
        qualifying.setAttribute("Target", "#" + sigId);
        Element signedProps = append(qualifying, xades(doc, "SignedProperties"));
        signedProps.setAttribute("Id", propsId);
        signedProps.setIdAttribute("Id", true);
        Element ssp = append(signedProps, xades(doc, "SignedSignatureProperties"));
        append(ssp, xades(doc, "SigningTime")).setTextContent(DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(signingTime.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        Element certEl = append(append(ssp, xades(doc, "SigningCertificate")), xades(doc, "Cert"));
        Element certDigest = append(certEl, xades(doc, "CertDigest"));
        append(certDigest, ds(doc, "DigestMethod")).setAttribute("Algorithm", digestUri);
        append(certDigest, ds(doc, "DigestValue")).setTextContent(
                base64(digest(algorithm.digestJcaName(), encoded(cert))));
        Element issuerSerial = append(certEl, xades(doc, "IssuerSerial"));
        append(issuerSerial, ds(doc, "X509IssuerName")).setTextContent(
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
        append(issuerSerial, ds(doc, "X509SerialNumber")).setTextContent(cert.getSerialNumber().toString());
        append(append(ssp, xades(doc, "SignaturePolicyIdentifier")), xades(doc, "SignaturePolicyImplied"));
        append(signedProps, xades(doc, "SignedDataObjectProperties"));

        // digests of the signed references, then the signature value over the canonical SignedInfo
        digestValue(manifestRef).setTextContent(base64(digest(algorithm.digestJcaName(), c14n(manifest))));
        digestValue(propsRef).setTextContent(base64(digest(algorithm.digestJcaName(), c14n(signedProps))));
        value.setTextContent(base64(credential.sign(algorithm, c14n(signedInfo))));
        return SecureXml.instance().serialize(doc);
    }

    private static Element reference(Element signedInfo, String uri, String type, String digestUri) {
        Document doc = signedInfo.getOwnerDocument();
        Element r = append(signedInfo, ds(doc, "Reference"));
        r.setAttribute("Type", type);
        r.setAttribute("URI", uri);
        append(append(r, ds(doc, "Transforms")), ds(doc, "Transform")).setAttribute("Algorithm", EXC_C14N);
        append(r, ds(doc, "DigestMethod")).setAttribute("Algorithm", digestUri);
        append(r, ds(doc, "DigestValue"));
        return r;
    }

    private static Element digestValue(Element reference) {
        return (Element) reference.getElementsByTagNameNS(DS, "DigestValue").item(0);
    }

    private static byte[] c14n(Element e) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(EXC_C14N).canonicalizeSubtree(e, out);
            return out.toByteArray();
        } catch (InvalidCanonicalizerException | CanonicalizationException ex) {
            throw new IllegalStateException("Cannot canonicalise the submission-set signature", ex);
        }
    }

    private static Element ds(Document doc, String name) {
        return doc.createElementNS(DS, "ds:" + name);
    }

    private static Element xades(Document doc, String name) {
        return doc.createElementNS(XADES, "xad:" + name);
    }

    private static Element append(Element parent, Element child) {
        parent.appendChild(child);
        return child;
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the signature certificate", e);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
