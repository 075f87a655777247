package io.segursdk.core.saml;

import io.segursdk.core.xml.VerifiedSignature;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAML assertion that {@link SamlAssertionVerifier} accepted, with what it says.
 *
 * @param id                   the assertion's {@code ID}
 * @param issueInstant         its {@code IssueInstant}
 * @param issuer               its {@code Issuer}
 * @param subject              its {@code Subject/NameID}, or {@code null}
 * @param confirmationMethods  the {@code SubjectConfirmation} methods, possibly none
 * @param notBefore            {@code Conditions/@NotBefore}, or {@code null}
 * @param notOnOrAfter         {@code Conditions/@NotOnOrAfter}, or {@code null}
 * @param audiences            the {@code AudienceRestriction} audiences, possibly none
 * @param authnContextClassRef the {@code AuthnContextClassRef}, or {@code null}
 * @param attributes           the attributes, in document order
 * @param signature            the verified signature, or {@code null} for an unsigned assertion the verifier was
 *                             told to accept
 */
public record VerifiedAssertion(String id, Instant issueInstant, SamlName issuer, SamlName subject,
                                List<String> confirmationMethods, Instant notBefore, Instant notOnOrAfter,
                                List<String> audiences, String authnContextClassRef, List<SamlAttribute> attributes,
                                VerifiedSignature signature) {

    /** Checks the required parts and freezes the lists. */
    public VerifiedAssertion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issueInstant, "issueInstant");
        Objects.requireNonNull(issuer, "issuer");
        confirmationMethods = List.copyOf(confirmationMethods);
        audiences = List.copyOf(audiences);
        attributes = List.copyOf(attributes);
    }

    /** @return the subject's NameID, when present */
    public Optional<SamlName> nameId() {
        return Optional.ofNullable(subject);
    }

    /** @return the verified signature, when the assertion was signed */
    public Optional<VerifiedSignature> verifiedSignature() {
        return Optional.ofNullable(signature);
    }

    /**
     * @param name an attribute name
     * @return the first attribute with that name
     */
    public Optional<SamlAttribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * @param name an attribute name
     * @return the text of its first value, when the attribute exists and its first value is text
     */
    public Optional<String> attributeText(String name) {
        return attribute(name).flatMap(SamlAttribute::firstText);
    }
}
