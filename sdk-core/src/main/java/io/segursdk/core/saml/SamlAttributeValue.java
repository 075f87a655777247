package io.segursdk.core.saml;

import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * One {@code AttributeValue}: either text (optionally typed {@code xsi:type="xs:string"}) or an XML element built by
 * the caller, such as the VIHF's HL7 {@code Role} or {@code PurposeOfUse} element.
 *
 * <p>Immutable: an element given here is copied, and {@link #element()} returns a fresh copy each time.
 */
public final class SamlAttributeValue {

    private final String text;
    private final boolean typedString;
    private final Element element;

    private SamlAttributeValue(String text, boolean typedString, Element element) {
        this.text = text;
        this.typedString = typedString;
        this.element = element;
    }

    /**
     * @param text the value
     * @return a plain text value, without {@code xsi:type}
     */
    public static SamlAttributeValue text(String text) {
        return new SamlAttributeValue(Objects.requireNonNull(text, "text"), false, null);
    }

    /**
     * @param text the value
     * @return a text value typed {@code xsi:type="xs:string"}, as in the ANS VIHF samples
     */
    public static SamlAttributeValue typedString(String text) {
        return new SamlAttributeValue(Objects.requireNonNull(text, "text"), true, null);
    }

    /**
     * @param element the element to carry as the value's only child (copied; the original may come from any
     *                document and may change afterwards without effect)
     * @return an element value
     */
    public static SamlAttributeValue element(Element element) {
        Objects.requireNonNull(element, "element");
        return new SamlAttributeValue(null, false, (Element) element.cloneNode(true));
    }

    /** @return whether this value is an element rather than text */
    public boolean isElement() {
        return element != null;
    }

    /** @return the text, for a text value */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return whether a text value is typed {@code xsi:type="xs:string"} */
    public boolean isTypedString() {
        return typedString;
    }

    /** @return a copy of the element, for an element value */
    public Optional<Element> element() {
        return element == null ? Optional.empty() : Optional.of((Element) element.cloneNode(true));
    }

    /** The element itself, for the builder, which imports it and never changes it. */
    Element elementForImport() {
        return element;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SamlAttributeValue)) {
            return false;
        }
        SamlAttributeValue other = (SamlAttributeValue) o;
        if (element != null || other.element != null) {
            return element != null && other.element != null && element.isEqualNode(other.element);
        }
        return text.equals(other.text) && typedString == other.typedString;
    }

    @Override
    public int hashCode() {
        return element != null
                ? Objects.hash(element.getNamespaceURI(), element.getLocalName())
                : Objects.hash(text, typedString);
    }

    @Override
    public String toString() {
        return element != null ? "<" + element.getNodeName() + ">" : "\"" + text + "\"";
    }
}
