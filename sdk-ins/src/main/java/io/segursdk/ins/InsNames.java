package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.ins.internal.InsText;

/**
 * Normalises names to the INS alphabet, as {@link IdentityTraits} does for every name it holds.
 *
 * <p>Rules applied, in order: typographic apostrophes ({@code ’ ‘ ʼ ´ `}) become {@code '}; typographic hyphens and
 * dashes ({@code ‐ ‑ ‒ –} and the minus sign) become {@code -}; every kind of white space becomes a space; {@code Æ}
 * and {@code Œ} become {@code AE} and {@code OE}; letters are upper-cased and their accents and other diacritics
 * removed; runs of spaces collapse into one and the ends are trimmed. The result must then use only A-Z, space,
 * apostrophe and hyphen, start and end with a letter, and have each separator (or a double hyphen, used between
 * the two parts of a double name) between two letters. Anything else (digits, punctuation, letters without an A-Z
 * base such as {@code Ø}) is refused: the SDK does not guess.
 *
 * <p>Chosen reading (to check against the ANS INS implementation guide): which typographic variants are mapped,
 * and whether a double hyphen is allowed in first names as in names.
 */
public final class InsNames {

    private InsNames() {
    }

    /**
     * Normalises a birth name or a used name (spaces allowed).
     *
     * @param field the field name to report in a violation, for example {@code "birthName"}
     * @param value what was typed or received
     * @return the normalised name
     * @throws InvalidRequestException naming the field and the rule, never the value
     */
    public static String normalizeName(String field, String value) {
        return unwrap(field, InsText.normalize(value, true));
    }

    /**
     * Normalises one first name (no spaces: a list of first names is given name by name).
     *
     * @param field the field name to report in a violation, for example {@code "birthFirstNames[0]"}
     * @param value what was typed or received
     * @return the normalised first name
     * @throws InvalidRequestException naming the field and the rule, never the value
     */
    public static String normalizeFirstName(String field, String value) {
        return unwrap(field, InsText.normalize(value, false));
    }

    private static String unwrap(String field, InsText.Outcome o) {
        if (!o.ok()) {
            throw InvalidRequestException.of(field, o.rule());
        }
        return o.value();
    }
}
