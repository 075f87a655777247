package io.segursdk.core.logging;

import io.segursdk.core.internal.soap.Dom;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Removes patient data from XML and text before it reaches a log: INS/NIR numbers, names, sex, birth date and place,
 * patient identifiers, document content. Immutable and thread-safe; {@link #defaults()} covers INSi and DMP messages
 * and business modules {@linkplain #toBuilder() extend} it with their own element names.
 *
 * <p>Four rules apply, strongest first:
 * <ol>
 * <li>the whole text of elements named in {@link Builder#elements(String...)} (by local name, any namespace) is
 *     replaced with {@value #MASK}; so is the text under a "named container" such as an ebRIM
 *     {@code Slot name="sourcePatientInfo"} or a SAML {@code Attribute Name="...resource-id"};</li>
 * <li>attribute values named by (element, attribute) pairs, such as HL7 {@code id/@extension}, are masked;</li>
 * <li>binary content (elements named in {@link Builder#binaryElements(String...)}, and any long base64 run) is
 *     replaced with {@code [n bytes]}; MTOM references ({@code xop:Include}) are kept, attachments are never
 *     logged;</li>
 * <li>a safety net masks, in every remaining text and attribute value, anything shaped like a NIR/NIA (13 or 15
 *     characters, Corsican {@code 2A}/{@code 2B} included, with or without spaces) or a date.</li>
 * </ol>
 * Element and attribute names are never altered, so the log still shows the message's structure.
 *
 * <pre>{@code
 * PhiRedactor redactor = PhiRedactor.defaults().toBuilder().elements("NomUtilise").build();
 * log.debug("request: {}", redactor.redact(element));
 * }</pre>
 */
public final class PhiRedactor {

    /** What replaces redacted text. */
    public static final String MASK = "***";

    private static final Set<String> DEFAULT_ELEMENTS = Set.of(
            // INSi request and response traits, NIR/matricule and carte Vitale context
            "NomNaissance", "Prenom", "ListePrenom", "PrenomUsuel", "NomUsuel", "NomUtilise", "Sexe", "DateNaissance",
            "LieuNaissance", "NumIdentifiant", "Cle", "Matricule", "NIR", "Nir", "IdIndividu", "INSACTIF",
            "INSHISTO", "DateNai", "Rang", "ASSURE", "BENEFICIAIRE", "TraitsIdentite", "TraitsIdentiteIndividu",
            // DMP TD0.x / HL7 / CDA style names
            "Nom", "Prenoms", "NomFamille", "given", "family", "prefix", "suffix", "birthTime", "birthPlace",
            "administrativeGenderCode", "patientId", "PatientId", "PatientID", "ins", "Ins", "INS", "nir",
            "dateNaissance", "nomNaissance", "prenom", "sexe", "addr", "telecom");

    /**
     * Content, and the values of XML signatures: a logged SAML assertion or VIHF must not be replayable, whatever the
     * key's size (an EC signature is shorter than the base64 rule's threshold).
     */
    private static final Set<String> DEFAULT_BINARY = Set.of("Document", "Content", "Contenu", "DocumentContent",
            "nonXMLBody", "value64", "SignatureValue");

    private static final Map<String, Set<String>> DEFAULT_ATTRIBUTES = Map.of(
            "id", Set.of("extension"),
            "birthTime", Set.of("value"),
            "administrativeGenderCode", Set.of("code", "displayName"),
            "ExternalIdentifier", Set.of("value"),
            "patientId", Set.of("extension", "root"),
            "Value", Set.of("value"));

    private static final Map<String, Set<String>> DEFAULT_CONTAINERS = Map.of(
            "Slot", Set.of("sourcePatientInfo", "sourcePatientId", "$XDSDocumentEntryPatientId",
                    "$XDSSubmissionSetPatientId", "$XDSFolderPatientId", "$patientId", "PatientId", "patientId"),
            "Attribute", Set.of("urn:oasis:names:tc:xacml:2.0:resource:resource-id",
                    "urn:oasis:names:tc:xspa:1.0:resource:patient-id"));

    /** NIR/NIA: sex digit, year, month, department (2A/2B for Corsica), commune, order, optional key. */
    private static final Pattern NIR = Pattern.compile(
            "(?<![0-9A-Za-z])[1-478]\\s?\\d{2}\\s?\\d{2}\\s?(?:\\d{2}|2[AaBb])\\s?\\d{3}\\s?\\d{3}(?:\\s?\\d{2})?"
                    + "(?![0-9A-Za-z])");
    /** Dates: ISO (with optional time), French dd/mm/yyyy, HL7 yyyyMMdd. */
    private static final Pattern DATE = Pattern.compile(
            "(?<!\\d)(?:(?:19|20)\\d{2}-\\d{2}-\\d{2}|\\d{2}/\\d{2}/(?:19|20)\\d{2}|(?:19|20)\\d{2}(?:0[1-9]|1[0-2])"
                    + "(?:0[1-9]|[12]\\d|3[01]))(?!\\d)");
    /** Base64 runs long enough to be content rather than an identifier. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]{120,}={0,2}");

    private static final PhiRedactor DEFAULTS = new Builder(true).build();

    private final Set<String> elements;
    private final Set<String> binaryElements;
    private final Map<String, Set<String>> attributes;
    private final Map<String, Set<String>> containers;
    private final List<Pattern> patterns;

    private PhiRedactor(Builder b) {
        this.elements = Set.copyOf(b.elements);
        this.binaryElements = Set.copyOf(b.binaryElements);
        Map<String, Set<String>> a = new HashMap<>();
        b.attributes.forEach((k, v) -> a.put(k, Set.copyOf(v)));
        this.attributes = Map.copyOf(a);
        Map<String, Set<String>> c = new HashMap<>();
        b.containers.forEach((k, v) -> c.put(k, Set.copyOf(v)));
        this.containers = Map.copyOf(c);
        this.patterns = List.copyOf(b.patterns);
    }

    /** @return the redactor covering INSi and DMP messages */
    public static PhiRedactor defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults, to extend */
    public static Builder builder() {
        return new Builder(true);
    }

    /** @return a builder holding no rule but the safety-net patterns, for a service unlike INSi and the DMP */
    public static Builder emptyBuilder() {
        return new Builder(false);
    }

    /** @return a builder holding this redactor's rules */
    public Builder toBuilder() {
        Builder b = new Builder(false);
        b.elements.addAll(elements);
        b.binaryElements.addAll(binaryElements);
        attributes.forEach((k, v) -> b.attributes.put(k, new HashSet<>(v)));
        containers.forEach((k, v) -> b.containers.put(k, new HashSet<>(v)));
        b.patterns.clear();
        b.patterns.addAll(patterns);
        return b;
    }

    /** @return the local names of elements whose text is masked */
    public Set<String> elements() {
        return elements;
    }

    /**
     * Serialises a redacted copy of a node; the node itself is not modified.
     *
     * @param node an element or document, or {@code null}
     * @return the redacted XML (no declaration)
     */
    public String redact(Node node) {
        if (node == null) {
            return "";
        }
        Document doc = Dom.builder().newDocument();
        Node root = node instanceof Document d ? d.getDocumentElement() : node;
        if (root == null) {
            return "";
        }
        if (!(root instanceof Element)) {
            return redactText(root.getTextContent());
        }
        Element copy = Dom.importInto(doc, (Element) root);
        doc.appendChild(copy);
        redactElement(copy, false);
        return serialise(doc);
    }

    /**
     * Redacts XML given as text: parsed safely and redacted as {@link #redact(Node)} does; text that is not
     * well-formed XML gets the safety net and has its element content masked wholesale.
     *
     * @param xml the XML, or {@code null}
     * @return the redacted text
     */
    public String redactXml(String xml) {
        if (xml == null || xml.isEmpty()) {
            return "";
        }
        try {
            Document d = Dom.builder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return redact(d);
        } catch (Exception e) {
            // not XML: mask everything between tags, then apply the safety net to what is left
            return redactText(xml.replaceAll(">[^<]+<", ">" + MASK + "<"));
        }
    }

    /**
     * Applies the safety net (NIR/NIA-shaped numbers, dates, base64 blobs, extra patterns) to free text such as an
     * HTTP header or an error message.
     *
     * @param text the text, or {@code null}
     * @return the redacted text
     */
    public String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text;
        Matcher b64 = BASE64.matcher(out);
        if (b64.find()) {
            out = b64.replaceAll(m -> Matcher.quoteReplacement("[" + base64Bytes(m.group()) + " bytes]"));
        }
        for (Pattern p : patterns) {
            out = p.matcher(out).replaceAll(MASK);
        }
        return out;
    }

    private void redactElement(Element e, boolean masked) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        boolean maskHere = masked || elements.contains(name) || isNamedContainer(e, name);
        if (binaryElements.contains(name) && !hasElementChildren(e)) {
            String content = e.getTextContent();
            int bytes = content == null ? 0 : base64Bytes(content.strip());
            replaceText(e, "[" + bytes + " bytes]");
            redactAttributes(e, name, maskHere);
            return;
        }
        redactAttributes(e, name, maskHere);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> redactElement((Element) n, maskHere);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    String v = n.getNodeValue();
                    if (v != null && !v.isBlank()) {
                        n.setNodeValue(maskHere ? MASK : redactText(v));
                    }
                }
                case Node.COMMENT_NODE -> n.setNodeValue(MASK);
                default -> {
                }
            }
        }
    }

    private boolean isNamedContainer(Element e, String name) {
        Set<String> names = containers.get(name);
        if (names == null) {
            return false;
        }
        String n = e.getAttribute("name");
        if (n.isEmpty()) {
            n = e.getAttribute("Name");
        }
        return names.contains(n);
    }

    private void redactAttributes(Element e, String name, boolean maskAll) {
        Set<String> masked = attributes.getOrDefault(name, Set.of());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                continue;
            }
            String local = a.getLocalName() != null ? a.getLocalName() : a.getName();
            if (masked.contains(local) || maskAll && "value".equals(local)) {
                a.setValue(MASK);
            } else {
                a.setValue(redactText(a.getValue()));
            }
        }
    }

    private static boolean hasElementChildren(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    private static void replaceText(Element e, String text) {
        while (e.getFirstChild() != null) {
            e.removeChild(e.getFirstChild());
        }
        e.appendChild(e.getOwnerDocument().createTextNode(text));
    }

    private static int base64Bytes(String b64) {
        int chars = 0;
        int pad = 0;
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (c == '=') {
                pad++;
            } else if (!Character.isWhitespace(c)) {
                chars++;
            }
        }
        return Math.max(0, (chars + pad) / 4 * 3 - pad);
    }

    private static String serialise(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            return "[unserialisable XML]";
        }
    }

    /** Builds {@link PhiRedactor}. Every method adds to what is already there. */
    public static final class Builder {
        private final Set<String> elements = new HashSet<>();
        private final Set<String> binaryElements = new HashSet<>();
        private final Map<String, Set<String>> attributes = new HashMap<>();
        private final Map<String, Set<String>> containers = new HashMap<>();
        private final List<Pattern> patterns = new ArrayList<>(List.of(NIR, DATE));

        private Builder(boolean defaults) {
            if (defaults) {
                elements.addAll(DEFAULT_ELEMENTS);
                binaryElements.addAll(DEFAULT_BINARY);
                DEFAULT_ATTRIBUTES.forEach((k, v) -> attributes.put(k, new HashSet<>(v)));
                DEFAULT_CONTAINERS.forEach((k, v) -> containers.put(k, new HashSet<>(v)));
            }
        }

        /**
         * @param localNames local names of elements whose whole text (descendants included) is masked
         * @return this builder
         */
        public Builder elements(String... localNames) {
            elements.addAll(Arrays.asList(localNames));
            return this;
        }

        /**
         * @param localNames local names of elements holding binary content (base64), logged as {@code [n bytes]}
         * @return this builder
         */
        public Builder binaryElements(String... localNames) {
            binaryElements.addAll(Arrays.asList(localNames));
            return this;
        }

        /**
         * @param elementLocalName   the element's local name
         * @param attributeLocalName the attribute's local name, whose value is masked
         * @return this builder
         */
        public Builder attribute(String elementLocalName, String attributeLocalName) {
            attributes.computeIfAbsent(Objects.requireNonNull(elementLocalName), k -> new HashSet<>())
                    .add(Objects.requireNonNull(attributeLocalName));
            return this;
        }

        /**
         * Masks everything under an element carrying a given {@code name} (or {@code Name}) attribute, such as an
         * ebRIM {@code Slot} or a SAML {@code Attribute}.
         *
         * @param elementLocalName the container's local name
         * @param nameValue        the value of its name attribute
         * @return this builder
         */
        public Builder namedContainer(String elementLocalName, String nameValue) {
            containers.computeIfAbsent(Objects.requireNonNull(elementLocalName), k -> new HashSet<>())
                    .add(Objects.requireNonNull(nameValue));
            return this;
        }

        /**
         * Adds a pattern to the safety net applied to all remaining text and attribute values.
         *
         * @param pattern what to mask
         * @return this builder
         */
        public Builder pattern(Pattern pattern) {
            patterns.add(Objects.requireNonNull(pattern));
            return this;
        }

        /** @return the redactor */
        public PhiRedactor build() {
            return new PhiRedactor(this);
        }
    }
}
