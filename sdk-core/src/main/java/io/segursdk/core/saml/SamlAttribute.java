package io.segursdk.core.saml;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAML {@code Attribute}: a name, optional {@code NameFormat} and {@code FriendlyName}, and one or more values.
 *
 * <pre>{@code
 * SamlAttribute.of("Secteur_Activite", SamlAttributeValue.typedString("SA07^1.2.250.1.71.4.2.4"));
 * SamlAttribute.of("urn:oasis:names:tc:xacml:2.0:subject:role", SamlAttributeValue.element(hl7Role));
 * }</pre>
 *
 * @param name         the {@code Name}
 * @param nameFormat   the {@code NameFormat}, or {@code null}
 * @param friendlyName the {@code FriendlyName}, or {@code null}
 * @param values       the values, at least one
 */
public record SamlAttribute(String name, String nameFormat, String friendlyName, List<SamlAttributeValue> values) {

    /** Checks the name and values and freezes the list. */
    public SamlAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("attribute " + name + " needs at least one value");
        }
    }

    /**
     * @param name   the name
     * @param values the values, at least one
     * @return the attribute, without name format or friendly name
     */
    public static SamlAttribute of(String name, SamlAttributeValue... values) {
        return new SamlAttribute(name, null, null, Arrays.asList(values));
    }

    /**
     * @param name   the name
     * @param values plain text values, at least one
     * @return the attribute
     */
    public static SamlAttribute ofText(String name, String... values) {
        return new SamlAttribute(name, null, null, Arrays.stream(values).map(SamlAttributeValue::text).toList());
    }

    /**
     * @param newNameFormat the {@code NameFormat}
     * @return a copy with it
     */
    public SamlAttribute withNameFormat(String newNameFormat) {
        return new SamlAttribute(name, newNameFormat, friendlyName, values);
    }

    /**
     * @param newFriendlyName the {@code FriendlyName}
     * @return a copy with it
     */
    public SamlAttribute withFriendlyName(String newFriendlyName) {
        return new SamlAttribute(name, nameFormat, newFriendlyName, values);
    }

    /** @return the text of the first value, when it is a text value */
    public Optional<String> firstText() {
        return values.get(0).text();
    }
}
