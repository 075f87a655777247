package io.segursdk.core.internal.xml;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Small DOM helpers shared by the signer, the verifier and the SAML code. */
public final class Dom {

    private Dom() {
    }

    /**
     * @param element an element
     * @return whether the element is in its document's tree (so that {@code getElementById} can find it)
     */
    public static boolean isAttached(Element element) {
        Node n = element;
        while (n.getParentNode() != null) {
            n = n.getParentNode();
        }
        return n.getNodeType() == Node.DOCUMENT_NODE;
    }

    /**
     * Counts the elements of a document carrying an identifier with the given value, whatever the identifier
     * attribute is called: any attribute declared as an ID, and any attribute whose local name is {@code ID},
     * {@code Id} or {@code id} (SAML, WS-Security's {@code wsu:Id}, XML-DSig, and look-alikes).
     *
     * @param document the document
     * @param value    the identifier value
     * @return how many elements carry it
     */
    public static int countElementsWithId(Document document, String value) {
        int count = 0;
        List<Element> stack = new ArrayList<>();
        if (document.getDocumentElement() != null) {
            stack.add(document.getDocumentElement());
        }
        while (!stack.isEmpty()) {
            Element e = stack.remove(stack.size() - 1);
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                String local = a.getLocalName() != null ? a.getLocalName() : a.getName();
                boolean idLike = a.isId() || "ID".equals(local) || "Id".equals(local) || "id".equals(local);
                if (idLike && value.equals(a.getValue())) {
                    count++;
                    break;
                }
            }
            for (Node c = e.getLastChild(); c != null; c = c.getPreviousSibling()) {
                if (c.getNodeType() == Node.ELEMENT_NODE) {
                    stack.add((Element) c);
                }
            }
        }
        return count;
    }

    /**
     * @param parent    an element
     * @param namespace the children's namespace
     * @param localName the children's local name
     * @return the direct child elements with that name, in document order
     */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE && namespace.equals(c.getNamespaceURI())
                    && localName.equals(c.getLocalName())) {
                found.add((Element) c);
            }
        }
        return found;
    }

    /**
     * @param parent an element
     * @return its direct child elements, in document order
     */
    public static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                found.add((Element) c);
            }
        }
        return found;
    }

    /**
     * @param parent    an element
     * @param namespace the child's namespace
     * @param localName the child's local name
     * @return the only such direct child, or {@code null} when there is none or more than one
     */
    public static Element onlyChild(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        return found.size() == 1 ? found.get(0) : null;
    }
}
