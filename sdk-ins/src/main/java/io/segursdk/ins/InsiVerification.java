package io.segursdk.ins;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link InsiClient#verify(Ins, IdentityTraits)}: whether an INS received from elsewhere (a
 * document, a message, another system) belongs to the person with these traits, and, when it does not, why.
 *
 * <p>How it is obtained: the INSi WSDL 1.5.0 has no verification operation, so the client searches by the traits
 * and compares INSi's answer with the INS and the five strict traits given (see {@code docs/insi.md}).
 *
 * @param outcome    the verdict
 * @param search     the search made, with its attempts and the identity INSi returned
 * @param comparison the comparison of the given traits with INSi's, when INSi found an identity, else {@code null}
 */
public record InsiVerification(Outcome outcome, InsiResult search, TraitComparison comparison) {

    /** The verdict of a verification. */
    public enum Outcome {
        /** INSi returns this very INS as the active one and the traits match. */
        VERIFIED,
        /** INSi returns the traits' identity, but its active INS is another one. */
        INS_DIFFERENT,
        /** The INS given is a former INS of this person ({@code INSHISTO}): record the active one instead. */
        INS_REPLACED,
        /** The INS is the active one, but the traits given differ from INSi's (see {@link #comparison()}). */
        TRAITS_DIFFERENT,
        /** INSi finds nobody with these traits. */
        NOT_FOUND,
        /** INSi finds several people with these traits: add the birth place. */
        SEVERAL_FOUND
    }

    /** Checks the components are present. */
    public InsiVerification {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(search, "search");
    }

    /** @return whether the INS is verified */
    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }

    /** @return the trait comparison, when INSi returned an identity */
    public Optional<TraitComparison> traitComparison() {
        return Optional.ofNullable(comparison);
    }
}
