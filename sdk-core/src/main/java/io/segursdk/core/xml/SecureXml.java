package io.segursdk.core.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one place where the SDK makes XML parsers, transformers and schema factories, all hardened against XML
 * external entities (XXE), entity expansion ("billion laughs"), external DTD and schema fetching, XInclude and
 * excessive nesting.
 *
 * <p>Every parser made here:
 * <ul>
 *   <li>is namespace aware;</li>
 *   <li>refuses any DOCTYPE declaration (so no internal or external entity can ever be declared or expanded);</li>
 *   <li>does not resolve external general or parameter entities, nor load external DTDs, schemas or stylesheets;</li>
 *   <li>has XInclude off and entity-reference expansion off;</li>
 *   <li>runs with {@link XMLConstants#FEATURE_SECURE_PROCESSING} and the JDK's processing limits set on the factory
 *       itself (entity expansion, element depth), never through system properties;</li>
 *   <li>reports errors by exception only: nothing is printed to the console.</li>
 * </ul>
 *
 * <p>The JDK's built-in implementations are always used ({@code newDefaultInstance()}), whatever other XML
 * libraries are on the class path, so that the limits above are known to apply.
 *
 * <p>Instances are immutable and thread-safe. {@link #instance()} returns a shared instance with the default limits;
 * {@link #withMaxElementDepth(int)} makes one with another depth limit.
 *
 * <pre>{@code
 * Document doc = SecureXml.instance().parse(responseBytes);   // MalformedXmlException when refused
 * byte[] out = SecureXml.instance().serialize(doc.getDocumentElement());
 * }</pre>
 */
public final class SecureXml {

    /** The default limit on element nesting: far above what SOAP envelopes, SAML tokens and CDA documents need. */
    public static final int DEFAULT_MAX_ELEMENT_DEPTH = 256;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String JDK_ENTITY_EXPANSION_LIMIT = "jdk.xml.entityExpansionLimit";
    private static final String JDK_MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";
    /** No DOCTYPE is ever accepted, so no entity can be declared; this is a second line of defence. */
    private static final String ENTITY_EXPANSION_LIMIT = "64";

    private static final SecureXml DEFAULT = new SecureXml(DEFAULT_MAX_ELEMENT_DEPTH);

    private final int maxElementDepth;
    /** Configured once, then only used to make builders; guarded by itself (the factory is not documented thread-safe). */
    private final DocumentBuilderFactory documentBuilderFactory;
    /** Configured once, then only used to make transformers; guarded by itself. */
    private final TransformerFactory transformerFactory;
    /**
     * Makes empty documents without a parser (a new parser per document costs far more than the document): the JDK's
     * DOM implementation, stateless and thread-safe.
     */
    private final DOMImplementation domImplementation;

    private SecureXml(int maxElementDepth) {
        this.maxElementDepth = maxElementDepth;
        this.documentBuilderFactory = newDocumentBuilderFactory();
        this.transformerFactory = newTransformerFactory();
        this.domImplementation = newDocumentBuilder().getDOMImplementation();
    }

    /** @return the shared instance, with {@link #DEFAULT_MAX_ELEMENT_DEPTH} */
    public static SecureXml instance() {
        return DEFAULT;
    }

    /**
     * Makes an instance with another limit on element nesting.
     *
     * @param maxElementDepth the deepest nesting accepted, at least 1
     * @return a new instance
     */
    public static SecureXml withMaxElementDepth(int maxElementDepth) {
        if (maxElementDepth < 1) {
            throw new IllegalArgumentException("maxElementDepth must be at least 1");
        }
        return new SecureXml(maxElementDepth);
    }

    /** @return the deepest element nesting this instance accepts */
    public int maxElementDepth() {
        return maxElementDepth;
    }

    /**
     * Makes a new hardened DOM factory. The caller owns it and must not relax its settings.
     *
     * @return a namespace-aware factory refusing DOCTYPEs, entities, external resources and XInclude
     */
    public DocumentBuilderFactory newDocumentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(JDK_ENTITY_EXPANSION_LIMIT, ENTITY_EXPANSION_LIMIT);
            factory.setAttribute(JDK_MAX_ELEMENT_DEPTH, String.valueOf(maxElementDepth));
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("The JDK's XML parser does not accept the SDK's hardening settings", e);
        }
        return factory;
    }

    /**
     * Makes a new hardened StAX factory (the JDK's own, not whichever one the class path would select). The caller
     * owns it; once configured, a factory may be shared to create readers.
     *
     * @return a namespace-aware factory with DTD support and external entities off
     */
    public XMLInputFactory newXmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(JDK_ENTITY_EXPANSION_LIMIT, ENTITY_EXPANSION_LIMIT);
        factory.setProperty(JDK_MAX_ELEMENT_DEPTH, String.valueOf(maxElementDepth));
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("External resources are not loaded");
        });
        return factory;
    }

    /**
     * Makes a new hardened transformer factory: secure processing on, no external DTD or stylesheet access.
     *
     * @return the factory; the caller owns it
     */
    public TransformerFactory newTransformerFactory() {
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("The JDK's transformer does not accept secure processing", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        factory.setURIResolver((href, base) -> {
            throw new TransformerException("External resources are not loaded");
        });
        return factory;
    }

    /**
     * Makes a new hardened W3C XML Schema factory: secure processing on, no external DTD or schema access (schemas
     * must be given as sources, their imports resolved by the caller's own resource resolver).
     *
     * @return the factory; the caller owns it
     */
    public SchemaFactory newSchemaFactory() {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The JDK's schema factory does not accept the SDK's hardening settings", e);
        }
        return factory;
    }

    /**
     * Makes a new hardened DOM builder, quiet (errors are thrown, never printed) and refusing every entity lookup.
     * A builder is not thread-safe: use it from one thread.
     *
     * @return a new builder
     */
    public DocumentBuilder newDocumentBuilder() {
        DocumentBuilder builder;
        synchronized (documentBuilderFactory) {
            try {
                builder = documentBuilderFactory.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("Cannot create an XML parser", e);
            }
        }
        builder.setErrorHandler(QuietErrorHandler.INSTANCE);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("External entities are not loaded");
        });
        return builder;
    }

    /**
     * Parses a document. The stream is read to its end, not closed.
     *
     * @param in the XML bytes
     * @return the document
     * @throws MalformedXmlException when the bytes are not well-formed XML or are refused by the hardening
     */
    public Document parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            return newDocumentBuilder().parse(new InputSource(new NonClosingInputStream(in)));
        } catch (SAXParseException e) {
            throw new MalformedXmlException("XML refused at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new MalformedXmlException("XML refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedXmlException("XML could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a document.
     *
     * @param xml the XML bytes
     * @return the document
     * @throws MalformedXmlException when the bytes are not well-formed XML or are refused by the hardening
     */
    public Document parse(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        return parse(new ByteArrayInputStream(xml));
    }

    /**
     * Parses a document held in a string.
     *
     * @param xml the XML text
     * @return the document
     * @throws MalformedXmlException when the text is not well-formed XML or is refused by the hardening
     */
    public Document parse(String xml) {
        Objects.requireNonNull(xml, "xml");
        try {
            return newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new MalformedXmlException("XML refused at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new MalformedXmlException("XML refused: " + e.getMessage(), e);
        }
    }

    /** @return a new, empty, namespace-aware document */
    public Document newDocument() {
        return domImplementation.createDocument(null, null, null);
    }

    /**
     * Serialises a node (a document or an element) as UTF-8 without an XML declaration and without re-indenting:
     * what is signed stays byte-for-byte meaningful after a round trip.
     *
     * @param node the node
     * @return the UTF-8 bytes
     */
    public byte[] serialize(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transform(node, new StreamResult(out));
        return out.toByteArray();
    }

    /**
     * Serialises a node as a string, like {@link #serialize(Node)}.
     *
     * @param node the node
     * @return the XML text
     */
    public String toString(Node node) {
        StringWriter out = new StringWriter();
        transform(node, new StreamResult(out));
        return out.toString();
    }

    private void transform(Node node, StreamResult result) {
        Objects.requireNonNull(node, "node");
        Transformer transformer;
        synchronized (transformerFactory) {
            try {
                transformer = transformerFactory.newTransformer();
            } catch (TransformerConfigurationException e) {
                throw new IllegalStateException("Cannot create an XML serialiser", e);
            }
        }
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
        transformer.setErrorListener(QuietErrorHandler.INSTANCE);
        try {
            transformer.transform(new DOMSource(node), result);
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialise the XML node: " + e.getMessage(), e);
        }
    }

    /** Throws on errors, ignores warnings, prints nothing. */
    private static final class QuietErrorHandler implements ErrorHandler, javax.xml.transform.ErrorListener {
        static final QuietErrorHandler INSTANCE = new QuietErrorHandler();

        @Override
        public void warning(SAXParseException e) {
            // ignored: warnings never make a document acceptable or unacceptable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void warning(TransformerException e) {
            // ignored
        }

        @Override
        public void error(TransformerException e) throws TransformerException {
            throw e;
        }

        @Override
        public void fatalError(TransformerException e) throws TransformerException {
            throw e;
        }
    }

    /** The parser closes its input at the end; the caller owns the stream. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes its own stream
        }
    }
}
