package io.segursdk.core.xml;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.internal.xml.Dom;
import io.segursdk.core.internal.xml.Santuario;
import io.segursdk.core.internal.xml.XmlDsig;

import java.util.Base64;
import java.util.Objects;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.InclusiveNamespaces;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signs an XML element with an enveloped XML-DSig signature, the way SAML tokens (INSi's assertion PS, the DMP's
 * VIHF) are signed:
 * <ul>
 *   <li>one {@code Reference} with {@code URI="#<the element's ID>"};</li>
 *   <li>transforms {@code enveloped-signature} then exclusive canonicalisation ({@code xml-exc-c14n#}), with an
 *       optional {@code InclusiveNamespaces PrefixList};</li>
 *   <li>{@code CanonicalizationMethod} exclusive canonicalisation;</li>
 *   <li>{@code SignatureMethod} and {@code DigestMethod} from the {@link SignatureAlgorithm};</li>
 *   <li>{@code KeyInfo/X509Data/X509Certificate} holding the credential's end-entity certificate.</li>
 * </ul>
 *
 * <p>The signature value is always computed by {@link SigningCredential#sign(SignatureAlgorithm, byte[])} over the
 * canonical {@code SignedInfo}: a key held by a smart card or an HSM, usable only through the credential's own JCA
 * provider, signs exactly like a software key, and RSA-PSS works without any extra provider.
 *
 * <pre>{@code
 * XmlSigner signer = XmlSigner.builder(credential).algorithm(SignatureAlgorithm.RSA_SHA256).build();
 * signer.signEnveloped(assertion, "ID", issuer.getNextSibling());   // Signature right after Issuer
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; a given DOM document must of course be signed from one thread.
 */
public final class XmlSigner {

    private final SigningCredential credential;
    private final SignatureAlgorithm algorithm;
    private final String inclusiveNamespaces;

    private XmlSigner(Builder b) {
        this.credential = b.credential;
        this.algorithm = b.algorithm;
        this.inclusiveNamespaces = b.inclusiveNamespaces;
    }

    /**
     * @param credential the credential whose key signs and whose certificate goes in {@code KeyInfo}
     * @return a builder, with {@link SignatureAlgorithm#RSA_SHA256} and no inclusive namespaces by default
     */
    public static Builder builder(SigningCredential credential) {
        return new Builder(credential);
    }

    /** @return the signing credential */
    public SigningCredential credential() {
        return credential;
    }

    /** @return the signature algorithm */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs an element identified by its unqualified {@code ID} attribute (SAML's convention).
     *
     * @param element      the element to sign; must be in its document's tree
     * @param insertBefore the child of {@code element} before which the {@code Signature} goes, or {@code null} to
     *                     append it as the last child
     * @return the {@code ds:Signature} element, now a child of {@code element}
     * @see #signEnveloped(Element, String, Node)
     */
    public Element signEnveloped(Element element, Node insertBefore) {
        return signEnveloped(element, "ID", insertBefore);
    }

    /**
     * Signs an element with an enveloped signature referencing its identifier.
     *
     * <p>The element is modified: its identifier attribute is declared as a DOM ID, and the {@code ds:Signature}
     * element is inserted as its child. Nothing may change in the element afterwards, or the signature breaks.
     *
     * @param element         the element to sign; must be in its document's tree
     * @param idAttributeName the unqualified name of the element's identifier attribute (for example {@code ID})
     * @param insertBefore    the child of {@code element} before which the {@code Signature} goes, or {@code null}
     *                        to append it as the last child
     * @return the {@code ds:Signature} element
     * @throws IllegalArgumentException when the element has no identifier, shares it with another element of the
     *                                  document, is not in its document's tree, already holds a signature, or
     *                                  {@code insertBefore} is not one of its children
     * @throws AuthenticationException  when the credential cannot sign
     */
    public Element signEnveloped(Element element, String idAttributeName, Node insertBefore) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(idAttributeName, "idAttributeName");
        String id = element.getAttributeNS(null, idAttributeName);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("The element to sign has no " + idAttributeName + " attribute");
        }
        if (!Dom.isAttached(element)) {
            throw new IllegalArgumentException("The element to sign must be in its document's tree");
        }
        Document doc = element.getOwnerDocument();
        if (Dom.countElementsWithId(doc, id) != 1) {
            throw new IllegalArgumentException("The identifier of the element to sign is not unique in its document");
        }
        if (insertBefore != null && insertBefore.getParentNode() != element) {
            throw new IllegalArgumentException("insertBefore must be a child of the element to sign");
        }
        if (!Dom.children(element, XmlDsig.NS, "Signature").isEmpty()) {
            throw new IllegalArgumentException("The element already holds a signature");
        }
        Santuario.ensureInitialised();
        element.setIdAttributeNS(null, idAttributeName, true);

        XMLSignature signature;
        try {
            signature = new XMLSignature(doc, "", algorithm.xmlDsigUri(), Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("Cannot prepare an XML signature with " + algorithm, e);
        }
        Element signatureElement = signature.getElement();
        element.insertBefore(signatureElement, insertBefore);
        boolean done = false;
        try {
            Transforms transforms = new Transforms(doc);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            if (inclusiveNamespaces == null) {
                transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            } else {
                transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
                        new InclusiveNamespaces(doc, inclusiveNamespaces).getElement());
            }
            signature.addDocument("#" + id, transforms, algorithm.digestUri());
            signature.addKeyInfo(credential.certificate());
            signature.getSignedInfo().generateDigestValues();
            compact(signatureElement);
            byte[] signedInfo = signature.getSignedInfo().getCanonicalizedOctetStream();
            byte[] value = credential.sign(algorithm, signedInfo);
            Element valueElement = Dom.onlyChild(signatureElement, XmlDsig.NS, "SignatureValue");
            if (valueElement == null) {
                throw new IllegalStateException("The prepared signature has no SignatureValue element");
            }
            valueElement.setTextContent(Base64.getEncoder().encodeToString(value));
            done = true;
            return signatureElement;
        } catch (XMLSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot compute the XML signature: " + e.getMessage(), e);
        } finally {
            if (!done) {
                element.removeChild(signatureElement);
            }
        }
    }

    /**
     * Removes the line breaks Santuario puts between the signature's elements and inside base64 values: the
     * signature is then one compact line, like the national services' own samples. Done before SignedInfo is
     * canonicalised, so the signed bytes are the compact ones.
     */
    private static void compact(Element element) {
        Node child = element.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE) {
                String text = child.getNodeValue();
                if (text.isBlank()) {
                    element.removeChild(child);
                } else if (XmlDsig.NS.equals(element.getNamespaceURI())) {
                    child.setNodeValue(text.replaceAll("\\s+", ""));
                }
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                compact((Element) child);
            }
            child = next;
        }
    }

    @Override
    public String toString() {
        return "XmlSigner[" + algorithm + ", " + credential + "]";
    }

    /** Configures an {@link XmlSigner}. Not thread-safe; the signer it builds is. */
    public static final class Builder {
        private final SigningCredential credential;
        private SignatureAlgorithm algorithm = SignatureAlgorithm.RSA_SHA256;
        private String inclusiveNamespaces;

        private Builder(SigningCredential credential) {
            this.credential = Objects.requireNonNull(credential, "credential");
        }

        /**
         * @param algorithm the signature algorithm; {@link SignatureAlgorithm#RSA_SHA256} by default
         * @return this builder
         */
        public Builder algorithm(SignatureAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Adds an {@code InclusiveNamespaces PrefixList} to the exclusive canonicalisation transform, for services
         * that expect one (the DMP's 2024 VIHF example uses {@code "ds saml #default xsi"}). None by default.
         *
         * <p>Beware: a listed prefix (and {@code #default}) is then canonicalised with the declaration in scope where
         * the element sits, so the signed element must not be moved under an ancestor that redeclares it.
         *
         * @param prefixList space-separated prefixes, {@code #default} for the default namespace; {@code null} or
         *                   blank for none
         * @return this builder
         */
        public Builder inclusiveNamespaces(String prefixList) {
            this.inclusiveNamespaces = prefixList == null || prefixList.isBlank() ? null : prefixList.trim();
            return this;
        }

        /** @return the signer */
        public XmlSigner build() {
            return new XmlSigner(this);
        }
    }
}
