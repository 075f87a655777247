package io.segursdk.ins.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises names to the INS alphabet: upper-case letters A-Z, space, apostrophe, hyphen (a double hyphen is kept,
 * as civil status uses it between the two parts of a double name). Internal; vendors use {@code InsNames}.
 */
public final class InsText {

    /** Rule text when the value is missing or empty after normalisation. */
    public static final String RULE_REQUIRED = "is required";
    /** Rule text for characters that cannot be brought into the INS alphabet. */
    public static final String RULE_ALPHABET = "contains a character outside the INS alphabet that cannot be normalised "
            + "(allowed: letters A-Z, accents are removed and \u00c6/\u0152 expanded, space, apostrophe, hyphen)";
    /** Rule text for misplaced separators. */
    public static final String RULE_SEPARATORS = "must start and end with a letter, and each space, apostrophe, hyphen "
            + "or double hyphen must stand between two letters";
    /** Rule text for a first name holding a space. */
    public static final String RULE_NO_SPACE = "a single first name must not contain a space: give each first name "
            + "separately";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern ALPHABET = Pattern.compile("[A-Z '\\-]*");
    private static final Pattern NAME_SHAPE = Pattern.compile("[A-Z]+(?:(?:--?|'| )[A-Z]+)*");

    private InsText() {
    }

    /**
     * The outcome of a normalisation: either a value or the rule that was broken.
     *
     * @param value the normalised value, or {@code null}
     * @param rule  the broken rule, or {@code null}
     */
    public record Outcome(String value, String rule) {
        /** @return whether normalisation succeeded */
        public boolean ok() {
            return rule == null;
        }
    }

    /**
     * Normalises a name.
     *
     * @param raw         what was typed or received, may be {@code null}
     * @param allowSpaces {@code false} for a single first name
     * @return the normalised value or the broken rule
     */
    public static Outcome normalize(String raw, boolean allowSpaces) {
        if (raw == null) {
            return new Outcome(null, RULE_REQUIRED);
        }
        StringBuilder mapped = new StringBuilder(raw.length() + 4);
        raw.codePoints().forEach(cp -> mapped.append(map(cp)));
        String upper = mapped.toString().toUpperCase(Locale.ROOT);
        String bare = MARKS.matcher(Normalizer.normalize(upper, Normalizer.Form.NFD)).replaceAll("");
        String collapsed = SPACES.matcher(bare).replaceAll(" ").trim();
        if (collapsed.isEmpty()) {
            return new Outcome(null, RULE_REQUIRED);
        }
        if (!ALPHABET.matcher(collapsed).matches()) {
            return new Outcome(null, RULE_ALPHABET);
        }
        if (!allowSpaces && collapsed.indexOf(' ') >= 0) {
            return new Outcome(null, RULE_NO_SPACE);
        }
        if (!NAME_SHAPE.matcher(collapsed).matches()) {
            return new Outcome(null, RULE_SEPARATORS);
        }
        return new Outcome(collapsed, null);
    }

    private static String map(int cp) {
        switch (cp) {
            case '\u00c6':
            case '\u00e6':
                return "AE";
            case '\u0152':
            case '\u0153':
                return "OE";
            case '\u2018': // left single quotation mark
            case '\u2019': // right single quotation mark (typographic apostrophe)
            case '\u02bc': // modifier letter apostrophe
            case '\u00b4': // acute accent typed as an apostrophe
            case '`':
            case '\u2032': // prime
                return "'";
            case '\u2010': // hyphen
            case '\u2011': // non-breaking hyphen
            case '\u2012': // figure dash
            case '\u2013': // en dash
            case '\u2212': // minus sign
                return "-";
            default:
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    return " ";
                }
                return new String(Character.toChars(cp));
        }
    }
}
