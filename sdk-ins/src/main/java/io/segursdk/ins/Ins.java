package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;
import io.segursdk.ins.internal.InsKeys;

import java.util.Locale;
import java.util.Objects;

/**
 * A national health identifier (INS): the 15-character matricule (a 13-character number followed by a 2-digit key)
 * and the OID of the authority that assigned it.
 *
 * <p>Immutable and thread-safe. The matricule is patient data: {@link #toString()} masks it; never log
 * {@link #matricule()} or {@link #toCx()}.
 *
 * <p>Validation: the number is made of digits, except {@code 2A} or {@code 2B} at positions 6-7 (people born in
 * Corsica); the key is 97 minus the number modulo 97, with {@code 2A} read as 19 and {@code 2B} as 18. Whether the INS
 * is a NIR or a NIA is decided by the OID only. Every violation is reported at once, naming the field and the rule,
 * never the value.
 *
 * <p>Example: {@code InsTest#parsesANirWithItsOid} in the module's tests.
 */
public final class Ins {

    private static final String FIELD_MATRICULE = "ins.matricule";
    private static final String FIELD_OID = "ins.oid";

    private final String matricule;
    private final InsAuthority authority;
    private final boolean validKey;

    private Ins(String matricule, InsAuthority authority, boolean validKey) {
        this.matricule = matricule;
        this.authority = authority;
        this.validKey = validKey;
    }

    /**
     * Parses an INS, checking its key.
     *
     * @param matricule the 15 characters (number and key, no spaces); a lower-case {@code 2a}/{@code 2b} is accepted
     * @param oid       the OID of the assigning authority (see {@link InsAuthority}); {@code urn:oid:} is accepted
     * @return the INS
     * @throws InvalidRequestException listing every violation
     */
    public static Ins of(String matricule, String oid) {
        return of(matricule, oid, KeyCheck.STRICT);
    }

    /**
     * Parses an INS.
     *
     * @param matricule the 15 characters (number and key, no spaces)
     * @param oid       the OID of the assigning authority
     * @param keyCheck  whether a key that does not match the number is a violation
     * @return the INS
     * @throws InvalidRequestException listing every violation
     */
    public static Ins of(String matricule, String oid, KeyCheck keyCheck) {
        Objects.requireNonNull(keyCheck, "keyCheck");
        Violations v = new Violations();
        InsAuthority authority = null;
        if (oid == null || oid.isBlank()) {
            v.add(FIELD_OID, "is required");
        } else {
            authority = InsAuthority.fromOid(oid).orElse(null);
            v.require(authority != null, FIELD_OID, "is not the OID of an INS assigning authority "
                    + "(INS-NIR 1.2.250.1.213.1.4.8, INS-NIA .9, test .10, demonstration .11)");
        }
        String value = checkMatricule(matricule, keyCheck, v);
        v.throwIfAny();
        return new Ins(value, authority, InsKeys.compute(value.substring(0, 13)).equals(value.substring(13)));
    }

    /**
     * Parses an INS of a known authority, checking its key.
     *
     * @param matricule the 15 characters
     * @param authority the assigning authority
     * @return the INS
     * @throws InvalidRequestException listing every violation
     */
    public static Ins of(String matricule, InsAuthority authority) {
        Objects.requireNonNull(authority, "authority");
        return of(matricule, authority.oid(), KeyCheck.STRICT);
    }

    /**
     * Computes the key of a 13-character INS number.
     *
     * @param number the 13 characters before the key (digits, with {@code 2A}/{@code 2B} allowed at positions 6-7)
     * @return the 2-digit key
     * @throws InvalidRequestException if the number is malformed
     */
    public static String computeKey(String number) {
        String upper = number == null ? null : number.toUpperCase(Locale.ROOT);
        if (!InsKeys.isWellFormedNumber(upper)) {
            throw InvalidRequestException.of("ins.number",
                    "must be 13 characters, digits except 2A or 2B (Corsica) at positions 6-7");
        }
        return InsKeys.compute(upper);
    }

    private static String checkMatricule(String matricule, KeyCheck keyCheck, Violations v) {
        if (matricule == null || matricule.isBlank()) {
            v.add(FIELD_MATRICULE, "is required");
            return null;
        }
        if (matricule.length() != 15) {
            v.add(FIELD_MATRICULE, "must be 15 characters: a 13-character number followed by a 2-digit key");
            return null;
        }
        String upper = matricule.toUpperCase(Locale.ROOT);
        String number = upper.substring(0, 13);
        String key = upper.substring(13);
        boolean numberOk = InsKeys.isWellFormedNumber(number);
        boolean keyOk = key.chars().allMatch(c -> c >= '0' && c <= '9');
        v.require(numberOk, FIELD_MATRICULE,
                "the number (first 13 characters) must be digits, except 2A or 2B (Corsica) at positions 6-7");
        v.require(keyOk, FIELD_MATRICULE, "the key (last 2 characters) must be 2 digits");
        if (numberOk && keyOk && keyCheck == KeyCheck.STRICT) {
            v.require(InsKeys.compute(number).equals(key), FIELD_MATRICULE,
                    "the key does not match the number (97 minus the number modulo 97, 2A read as 19, 2B as 18)");
        }
        return upper;
    }

    /** @return the 15-character matricule (patient data: do not log) */
    public String matricule() {
        return matricule;
    }

    /** @return the 13-character number, without the key, as INSi carries it in {@code NumIdentifiant} */
    public String number() {
        return matricule.substring(0, 13);
    }

    /** @return the 2-digit key, as INSi carries it in {@code Cle} */
    public String key() {
        return matricule.substring(13);
    }

    /** @return the assigning authority */
    public InsAuthority authority() {
        return authority;
    }

    /** @return the OID of the assigning authority */
    public String oid() {
        return authority.oid();
    }

    /** @return whether this is a NIA (decided by the OID) */
    public boolean isNia() {
        return authority.isNia();
    }

    /** @return whether this is a NIR, production, test or demonstration (decided by the OID) */
    public boolean isNir() {
        return !authority.isNia();
    }

    /** @return whether the INS stands for a real, test or demonstration patient (decided by the OID) */
    public InsEnvironment environment() {
        return authority.environment();
    }

    /** @return whether the INS is a test or demonstration one, that is not a real patient's */
    public boolean isTest() {
        return authority.environment() != InsEnvironment.PRODUCTION;
    }

    /**
     * @return whether the key matches the number; always {@code true} unless parsed with {@link KeyCheck#LENIENT}
     */
    public boolean hasValidKey() {
        return validKey;
    }

    /**
     * The HL7 v2 CX form used as patient id by the DMP (XDS {@code patientId}, VIHF {@code resource-id}):
     * {@code <matricule>^^^&<oid>&ISO^NH}. Patient data: do not log.
     *
     * @return the CX value, unescaped (XML-escape the ampersands when writing it into XML text)
     */
    public String toCx() {
        return matricule + "^^^&" + authority.oid() + "&ISO^NH";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ins other && other.matricule.equals(matricule) && other.authority == authority;
    }

    @Override
    public int hashCode() {
        return Objects.hash(matricule, authority);
    }

    /** @return the authority and a masked matricule: never the digits */
    @Override
    public String toString() {
        return "Ins{" + authority.label() + ", matricule=***************}";
    }
}
