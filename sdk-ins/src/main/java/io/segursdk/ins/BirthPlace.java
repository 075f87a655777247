package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A birth place as the INS carries it: the 5-character INSEE COG code of the commune of birth ({@code 2A}/{@code 2B}
 * for Corsica), or {@code 99} followed by the 3-digit INSEE country code for people born abroad ({@code 99999} when
 * the place is unknown). Patient data: {@link #toString()} masks it.
 *
 * <p>Only the shape is checked; whether the code exists in the COG at the date of birth is not (the SDK ships no COG
 * table).
 */
public final class BirthPlace {

    private static final Pattern SHAPE = Pattern.compile("(?:\\d{2}|2[AB])\\d{3}");

    private final String code;

    private BirthPlace(String code) {
        this.code = code;
    }

    /**
     * Parses a COG code.
     *
     * @param code 5 characters; a lower-case {@code 2a}/{@code 2b} is accepted
     * @return the birth place
     * @throws InvalidRequestException naming the field {@code birthPlace} and the rule
     */
    public static BirthPlace of(String code) {
        Violations v = new Violations();
        BirthPlace p = check(code, "birthPlace", v);
        v.throwIfAny();
        return p;
    }

    static BirthPlace check(String code, String field, Violations v) {
        if (code == null || code.isBlank()) {
            v.add(field, "is required");
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(upper).matches()) {
            v.add(field, "must be a 5-character INSEE COG code: 5 digits, or 2A/2B followed by 3 digits for Corsica, "
                    + "or 99 followed by the country code for a birth abroad");
            return null;
        }
        return new BirthPlace(upper);
    }

    /** @return the 5-character code (patient data: do not log) */
    public String code() {
        return code;
    }

    /** @return whether the person was born abroad (code {@code 99xxx}) */
    public boolean isAbroad() {
        return code.startsWith("99");
    }

    /** @return whether the place is unknown (code {@code 99999}) */
    public boolean isUnknown() {
        return code.equals("99999");
    }

    /** @return whether the commune is in Corsica (code {@code 2A...} or {@code 2B...}) */
    public boolean isCorsica() {
        return code.startsWith("2A") || code.startsWith("2B");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BirthPlace p && p.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    /** @return a masked form: never the code */
    @Override
    public String toString() {
        return "BirthPlace{*****}";
    }
}
