package io.segursdk.ins.internal.insi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small namespace-aware DOM helpers: building qualified children, reading children by local name. */
public final class Xml {

    private Xml() {
    }

    /**
     * @param parent    the parent
     * @param namespace the child's namespace
     * @param qname     the child's qualified name
     * @return the new child, appended
     */
    public static Element child(Element parent, String namespace, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(namespace, qname);
        parent.appendChild(e);
        return e;
    }

    /**
     * @param parent    the parent
     * @param namespace the child's namespace
     * @param qname     the child's qualified name
     * @param text      the child's text
     * @return the new child, appended
     */
    public static Element text(Element parent, String namespace, String qname, String text) {
        Element e = child(parent, namespace, qname);
        e.setTextContent(text);
        return e;
    }

    /**
     * Children by local name, whatever their namespace or prefix: INSi's responses are not consistent about the
     * namespace of nested elements.
     *
     * @param parent    the parent
     * @param localName the local name
     * @return the matching child elements, in document order
     */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localNameOf(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param parent    the parent
     * @param localName the local name
     * @return the first matching child element
     */
    public static Optional<Element> first(Element parent, String localName) {
        List<Element> all = children(parent, localName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * @param parent    the parent
     * @param localName the local name
     * @return the trimmed text of the first matching child, empty when absent or blank
     */
    public static Optional<String> textOf(Element parent, String localName) {
        return first(parent, localName).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }

    /**
     * @param e an element
     * @return its local name (its node name when it was built without namespaces)
     */
    public static String localNameOf(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName().replaceFirst("^.*:", "");
    }
}
