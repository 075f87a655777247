package io.segursdk.core.internal.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Small DOM helpers for SOAP messages: a hardened document builder, namespace-correct copies, child lookups by
 * namespace and local name (never by prefix).
 */
public final class Dom {

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private Dom() {
    }

    /** @return a namespace-aware builder refusing DTDs and external entities */
    public static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
    }

    /**
     * Copies an element into a new standalone document, declaring on the copy every namespace it uses that was
     * declared on an ancestor of the original.
     *
     * @param source the element
     * @return the copy, document element of a fresh document
     */
    public static Element detach(Element source) {
        Document doc = builder().newDocument();
        Element copy = importInto(doc, source);
        doc.appendChild(copy);
        return copy;
    }

    /**
     * Imports an element into a document, keeping every namespace in scope: prefixes the element's subtree uses but
     * that were declared on the original's ancestors are declared on the imported element. Signed content keeps its
     * canonical form.
     *
     * @param target the document to import into
     * @param source the element
     * @return the imported element, not yet attached
     */
    public static Element importInto(Document target, Element source) {
        Element copy = (Element) target.importNode(source, true);
        declareInheritedNamespaces(source, copy);
        return copy;
    }

    /**
     * Declares on an element every namespace prefix its subtree uses that is declared only on one of its ancestors,
     * so that the element can be moved out of its tree without changing any namespace.
     *
     * @param element the element, still in its tree
     */
    public static void declareInScopeNamespaces(Element element) {
        declareInheritedNamespaces(element, element);
    }

    private static void declareInheritedNamespaces(Element source, Element copy) {
        List<String[]> needed = new ArrayList<>();
        collectUsedPrefixes(source, needed);
        for (String[] prefixAndUri : needed) {
            String prefix = prefixAndUri[0];
            String attr = prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
            if (!copy.hasAttributeNS(XMLNS, prefix.isEmpty() ? "xmlns" : prefix)) {
                String uri = source.lookupNamespaceURI(prefix.isEmpty() ? null : prefix);
                if (uri != null) {
                    copy.setAttributeNS(XMLNS, attr, uri);
                }
            }
        }
    }

    private static void collectUsedPrefixes(Element e, List<String[]> out) {
        addPrefix(e.getPrefix(), e.getNamespaceURI(), e, out);
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!XMLNS.equals(a.getNamespaceURI()) && a.getPrefix() != null) {
                addPrefix(a.getPrefix(), a.getNamespaceURI(), e, out);
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collectUsedPrefixes(child, out);
            }
        }
    }

    private static void addPrefix(String prefix, String uri, Element where, List<String[]> out) {
        if (uri == null || "xml".equals(prefix)) {
            return;
        }
        String p = prefix == null ? "" : prefix;
        for (String[] known : out) {
            if (known[0].equals(p)) {
                return;
            }
        }
        out.add(new String[] {p, uri});
    }

    /**
     * @param parent an element
     * @return its element children
     */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param parent    an element
     * @param namespace the child's namespace, or {@code null} for any
     * @param localName the child's local name
     * @return the first such child, or {@code null}
     */
    public static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (namespace == null || namespace.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param parent an element
     * @return its first element child, or {@code null}
     */
    public static Element firstChild(Element parent) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param e an element, or {@code null}
     * @return its trimmed text content, or {@code null} when absent or blank
     */
    public static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.trim();
    }

    /**
     * @param qnameText a QName as written in a fault code ({@code "soap:Sender"})
     * @return its local part ({@code "Sender"}), or {@code null}
     */
    public static String localPart(String qnameText) {
        if (qnameText == null) {
            return null;
        }
        String t = qnameText.trim();
        int colon = t.lastIndexOf(':');
        String local = colon >= 0 ? t.substring(colon + 1) : t;
        return local.isEmpty() ? null : local;
    }
}
