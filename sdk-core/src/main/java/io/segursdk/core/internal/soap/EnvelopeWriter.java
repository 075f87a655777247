package io.segursdk.core.internal.soap;

import io.segursdk.core.soap.SoapRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a SOAP 1.2 envelope straight to UTF-8 text: a fixed frame (the same elements, prefixes and WS-Addressing
 * headers CXF sends) around the caller's DOM elements, which are serialised as they are, with namespace
 * declarations added wherever a prefix the element or its attributes use is not declared in the written output
 * (for example a token whose prefixes were declared on an ancestor of the original). Every namespace therefore keeps
 * its meaning, and the exclusive canonical form of signed content (SAML assertions) is unchanged.
 *
 * <p>Stateless and thread-safe.
 */
public final class EnvelopeWriter {

    /** The WS-Addressing 1.0 namespace. */
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    /** The anonymous address of a synchronous reply. */
    public static final String ANONYMOUS = WSA + "/anonymous";

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    private static final String ENV = "env";

    /**
     * @param request   the request
     * @param messageId the wsa:MessageID
     * @param to        the wsa:To (the endpoint)
     * @return the envelope as UTF-8 bytes
     */
    public byte[] write(SoapRequest request, String messageId, String to) {
        StringBuilder out = new StringBuilder(2048);
        out.append("<env:Envelope xmlns:env=\"").append(FaultParser.SOAP12).append("\"><env:Header>");
        Scope scope = new Scope();
        scope.push(ENV, FaultParser.SOAP12);
        if (!request.securityTokens().isEmpty()) {
            out.append("<wsse:Security xmlns:wsse=\"").append(CxfSoapTransport.WSSE).append("\">");
            int mark = scope.size();
            scope.push("wsse", CxfSoapTransport.WSSE);
            for (Element token : request.securityTokens()) {
                element(token, out, scope);
            }
            scope.truncate(mark);
            out.append("</wsse:Security>");
        }
        for (Element h : request.headers()) {
            element(h, out, scope);
        }
        addressing(out, "Action", request.action());
        addressing(out, "MessageID", messageId);
        addressing(out, "To", to);
        out.append("<ReplyTo xmlns=\"").append(WSA).append("\" env:mustUnderstand=\"true\"><Address>")
                .append(ANONYMOUS).append("</Address></ReplyTo>");
        out.append("</env:Header><env:Body>");
        element(request.body(), out, scope);
        out.append("</env:Body></env:Envelope>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void addressing(StringBuilder out, String name, String value) {
        out.append('<').append(name).append(" xmlns=\"").append(WSA).append("\" env:mustUnderstand=\"true\">");
        text(value, out);
        out.append("</").append(name).append('>');
    }

    /**
     * Serialises one element and its subtree.
     *
     * @param e     the element
     * @param out   where to write
     * @param scope the namespace bindings already written by the enclosing output
     */
    static void element(Element e, StringBuilder out, Scope scope) {
        int mark = scope.size();
        String local = e.getLocalName();
        boolean namespaceAware = local != null;
        String prefix = namespaceAware ? nullToEmpty(e.getPrefix()) : "";
        String qname = namespaceAware ? (prefix.isEmpty() ? local : prefix + ":" + local) : e.getNodeName();
        out.append('<').append(qname);

        // Declarations: the element's own, then whatever the element's and its attributes' prefixes still need.
        List<String> declared = new ArrayList<>(4);
        NamedNodeMap attrs = e.getAttributes();
        int n = attrs.getLength();
        for (int i = 0; i < n; i++) {
            Attr a = (Attr) attrs.item(i);
            String p = declaredPrefix(a);
            if (p != null) {
                String uri = a.getValue();
                if (namespaceAware && p.equals(prefix) && !uri.equals(nullToEmpty(e.getNamespaceURI()))) {
                    continue; // contradicts the element's own namespace: the element's wins below
                }
                declare(p, uri, out, scope, declared);
            }
        }
        if (namespaceAware) {
            ensure(prefix, nullToEmpty(e.getNamespaceURI()), out, scope, declared);
        }
        for (int i = 0; i < n; i++) {
            Attr a = (Attr) attrs.item(i);
            if (declaredPrefix(a) != null) {
                continue;
            }
            String ap = a.getPrefix();
            String ans = a.getNamespaceURI();
            if (a.getLocalName() != null && ap != null && ans != null && !"xml".equals(ap)) {
                ensure(ap, ans, out, scope, declared);
            }
            out.append(' ').append(a.getLocalName() != null && ap != null ? ap + ":" + a.getLocalName()
                    : a.getName()).append("=\"");
            attribute(a.getValue(), out);
            out.append('"');
        }
        Node child = e.getFirstChild();
        if (child == null) {
            out.append("/>");
        } else {
            out.append('>');
            for (; child != null; child = child.getNextSibling()) {
                node(child, out, scope);
            }
            out.append("</").append(qname).append('>');
        }
        scope.truncate(mark);
    }

    private static void node(Node child, StringBuilder out, Scope scope) {
        switch (child.getNodeType()) {
            case Node.ELEMENT_NODE -> element((Element) child, out, scope);
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(child.getNodeValue(), out);
            case Node.COMMENT_NODE -> out.append("<!--").append(child.getNodeValue()).append("-->");
            case Node.PROCESSING_INSTRUCTION_NODE -> out.append("<?").append(child.getNodeName()).append(' ')
                    .append(child.getNodeValue()).append("?>");
            case Node.ENTITY_REFERENCE_NODE -> {
                for (Node c = child.getFirstChild(); c != null; c = c.getNextSibling()) {
                    node(c, out, scope);
                }
            }
            default -> {
                // document type and other nodes cannot occur inside an element
            }
        }
    }

    /** @return the prefix an xmlns attribute declares ("" for the default namespace), or null for other attributes */
    private static String declaredPrefix(Attr a) {
        if (XMLNS.equals(a.getNamespaceURI())) {
            String local = a.getLocalName();
            return "xmlns".equals(local) ? "" : local;
        }
        String name = a.getName();
        if (a.getNamespaceURI() == null && a.getLocalName() == null) {
            if ("xmlns".equals(name)) {
                return "";
            }
            if (name.startsWith("xmlns:")) {
                return name.substring(6);
            }
        }
        return null;
    }

    private static void ensure(String prefix, String uri, StringBuilder out, Scope scope, List<String> declared) {
        if ("xml".equals(prefix) || uri.equals(scope.lookup(prefix))) {
            return;
        }
        if (declared.contains(prefix)) {
            return; // declared on this element already (the DOM's own declaration is kept)
        }
        declare(prefix, uri, out, scope, declared);
    }

    private static void declare(String prefix, String uri, StringBuilder out, Scope scope, List<String> declared) {
        if (declared.contains(prefix)) {
            return;
        }
        declared.add(prefix);
        scope.push(prefix, uri);
        out.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"");
        attribute(uri, out);
        out.append('"');
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static void text(String s, StringBuilder out) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    static void attribute(String s, StringBuilder out) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    /** The namespace bindings in force at the current point of the output: a stack of prefix/URI pairs. */
    static final class Scope {
        private String[] entries = new String[32];
        private int size;

        int size() {
            return size;
        }

        void push(String prefix, String uri) {
            if (size + 2 > entries.length) {
                entries = java.util.Arrays.copyOf(entries, entries.length * 2);
            }
            entries[size++] = prefix;
            entries[size++] = uri;
        }

        void truncate(int mark) {
            size = mark;
        }

        /** @return the URI bound to the prefix, "" for an unbound default namespace, null for an unbound prefix */
        String lookup(String prefix) {
            for (int i = size - 2; i >= 0; i -= 2) {
                if (entries[i].equals(prefix)) {
                    return entries[i + 1];
                }
            }
            return prefix.isEmpty() ? "" : null;
        }
    }
}
