package io.segursdk.core.internal.xml;

/** XML-DSig namespaces and algorithm URIs the SDK uses. */
public final class XmlDsig {

    /** The XML-DSig namespace. */
    public static final String NS = "http://www.w3.org/2000/09/xmldsig#";
    /** Exclusive canonicalisation, without comments. */
    public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    /** The enveloped-signature transform. */
    public static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    private XmlDsig() {
    }
}
