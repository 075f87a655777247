package io.segursdk.testkit.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a personal (CPS-like) test certificate is issued to, and for what. Immutable; build one with
 * {@link #builder()}, start from a convenience such as {@link #physician(String)}, or derive a variant with
 * {@link #toBuilder()}.
 *
 * <p>The certificate subject mirrors IGC-Santé personal certificates: a multi-valued first RDN
 * {@code CN=<national id>+SURNAME=<surname>+GIVENNAME=<given name>}, then {@code T=<profession label>} (when set),
 * the optional {@code OU} (structure id, for CPE/CPA cards) and {@code O}, and {@code C=FR}. In RFC 2253 form:
 * {@code CN=810001234567+SURNAME=TESTMEDECIN+GIVENNAME=CAMILLE,T=Médecin,C=FR}.
 *
 * <p>The profession code and the card type are not written into the certificate (real CPS certificates do not carry
 * them either: they are read from the card); they are kept here for the tests that build tokens from a profile.
 *
 * <pre>{@code
 * CpsProfile doctor = CpsProfile.physician("10001234567");                 // national id 810001234567
 * CpsProfile signer = doctor.toBuilder().usage(CpsUsage.SIGNATURE).build();
 * CpsProfile expired = doctor.toBuilder()
 *         .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))
 *         .build();
 * }</pre>
 */
public final class CpsProfile {

    /** Default validity of a personal certificate when none is given: three years, like a CPS card. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3 * 365);

    private static final Pattern RPPS = Pattern.compile("\\d{11}");

    private final String nationalId;
    private final String surname;
    private final String givenName;
    private final String professionLabel;
    private final String professionCode;
    private final CardType cardType;
    private final CpsUsage usage;
    private final Instant notBefore;
    private final Instant notAfter;
    private final String organisation;
    private final String organisationalUnit;

    private CpsProfile(Builder b) {
        this.nationalId = requireText(b.nationalId, "nationalId");
        this.surname = requireText(b.surname, "surname");
        this.givenName = requireText(b.givenName, "givenName");
        this.professionLabel = b.professionLabel;
        this.professionCode = b.professionCode;
        this.cardType = Objects.requireNonNull(b.cardType, "cardType");
        this.usage = Objects.requireNonNull(b.usage, "usage");
        this.notBefore = b.notBefore;
        this.notAfter = b.notAfter;
        if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity: notAfter must be after notBefore");
        }
        this.organisation = b.organisation;
        this.organisationalUnit = b.organisationalUnit;
    }

    /**
     * A physician ("Médecin", profession code 10) identified by RPPS number, with a CPS authentication certificate.
     *
     * @param rpps the 11-digit RPPS number; the national id becomes {@code "8" + rpps}
     * @return a profile ready to issue
     * @throws IllegalArgumentException if {@code rpps} is not 11 digits
     */
    public static CpsProfile physician(String rpps) {
        return professional(rpps, "TESTMEDECIN", "CAMILLE", "Médecin", "10");
    }

    /**
     * A pharmacist ("Pharmacien", profession code 21) identified by RPPS number, with a CPS authentication
     * certificate.
     *
     * @param rpps the 11-digit RPPS number; the national id becomes {@code "8" + rpps}
     * @return a profile ready to issue
     * @throws IllegalArgumentException if {@code rpps} is not 11 digits
     */
    public static CpsProfile pharmacist(String rpps) {
        return professional(rpps, "TESTPHARMACIEN", "CAROLE", "Pharmacien", "21");
    }

    /**
     * A nurse ("Infirmier", profession code 60) identified by RPPS number, with a CPS authentication certificate.
     *
     * @param rpps the 11-digit RPPS number; the national id becomes {@code "8" + rpps}
     * @return a profile ready to issue
     * @throws IllegalArgumentException if {@code rpps} is not 11 digits
     */
    public static CpsProfile nurse(String rpps) {
        return professional(rpps, "TESTINFIRMIER", "OLIVIER", "Infirmier", "60");
    }

    /**
     * A staff member of a structure holding a CPE card (no profession), with an authentication certificate whose
     * {@code OU} is the structure id.
     *
     * @param nationalId the staff member's national id as written in the certificate CN
     * @param structureId the structure's national id (e.g. {@code "10B0152872"})
     * @return a profile ready to issue
     */
    public static CpsProfile staff(String nationalId, String structureId) {
        return builder()
                .nationalId(nationalId)
                .surname("TESTSECRETAIRE")
                .givenName("PATRICE")
                .cardType(CardType.CPE)
                .organisationalUnit(structureId)
                .organisation("STRUCTURE TEST " + structureId)
                .build();
    }

    private static CpsProfile professional(String rpps, String surname, String givenName, String label, String code) {
        if (rpps == null || !RPPS.matcher(rpps).matches()) {
            throw new IllegalArgumentException("an RPPS number has 11 digits");
        }
        return builder()
                .nationalId("8" + rpps)
                .surname(surname)
                .givenName(givenName)
                .profession(label, code)
                .build();
    }

    /**
     * Starts an empty builder. National id, surname and given name are required; card type defaults to
     * {@link CardType#CPS}, usage to {@link CpsUsage#AUTHENTICATION}, validity to {@link #DEFAULT_VALIDITY} from the
     * moment of issuance (backdated one hour to tolerate clock skew).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this profile's values, to derive a variant.
     *
     * @return a new builder initialised from this profile
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nationalId = nationalId;
        b.surname = surname;
        b.givenName = givenName;
        b.professionLabel = professionLabel;
        b.professionCode = professionCode;
        b.cardType = cardType;
        b.usage = usage;
        b.notBefore = notBefore;
        b.notAfter = notAfter;
        b.organisation = organisation;
        b.organisationalUnit = organisationalUnit;
        return b;
    }

    /**
     * The national id written as the certificate CN, e.g. {@code "810001234567"} ("8" + RPPS).
     *
     * @return the national id
     */
    public String nationalId() {
        return nationalId;
    }

    /**
     * The holder's surname (SURNAME attribute).
     *
     * @return the surname
     */
    public String surname() {
        return surname;
    }

    /**
     * The holder's given name (GIVENNAME attribute).
     *
     * @return the given name
     */
    public String givenName() {
        return givenName;
    }

    /**
     * The profession label written as the certificate's title (T attribute), e.g. {@code "Médecin"}.
     *
     * @return the label, or empty for holders without a health profession (CPE)
     */
    public Optional<String> professionLabel() {
        return Optional.ofNullable(professionLabel);
    }

    /**
     * The profession code (e.g. {@code "10"} for a physician); not written into the certificate.
     *
     * @return the code, or empty
     */
    public Optional<String> professionCode() {
        return Optional.ofNullable(professionCode);
    }

    /**
     * The card family this certificate stands for.
     *
     * @return the card type
     */
    public CardType cardType() {
        return cardType;
    }

    /**
     * Authentication or signature.
     *
     * @return the usage
     */
    public CpsUsage usage() {
        return usage;
    }

    /**
     * Start of validity, when set explicitly.
     *
     * @return the start, or empty to mean "at issuance, minus one hour"
     */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /**
     * End of validity, when set explicitly.
     *
     * @return the end, or empty to mean "start plus {@link #DEFAULT_VALIDITY}"
     */
    public Optional<Instant> notAfter() {
        return Optional.ofNullable(notAfter);
    }

    /**
     * The O attribute, when set.
     *
     * @return the organisation name, or empty
     */
    public Optional<String> organisation() {
        return Optional.ofNullable(organisation);
    }

    /**
     * The OU attribute (structure id of CPE/CPA holders), when set.
     *
     * @return the organisational unit, or empty
     */
    public Optional<String> organisationalUnit() {
        return Optional.ofNullable(organisationalUnit);
    }

    @Override
    public String toString() {
        return "CpsProfile[" + cardType + ", " + usage + ", " + professionLabel + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Mutable builder of {@link CpsProfile}; not thread-safe. */
    public static final class Builder {
        private String nationalId;
        private String surname;
        private String givenName;
        private String professionLabel;
        private String professionCode;
        private CardType cardType = CardType.CPS;
        private CpsUsage usage = CpsUsage.AUTHENTICATION;
        private Instant notBefore;
        private Instant notAfter;
        private String organisation;
        private String organisationalUnit;

        private Builder() {
        }

        /**
         * Sets the national id (certificate CN), e.g. {@code "810001234567"}.
         *
         * @param nationalId the national id
         * @return this builder
         */
        public Builder nationalId(String nationalId) {
            this.nationalId = nationalId;
            return this;
        }

        /**
         * Sets the surname.
         *
         * @param surname the surname
         * @return this builder
         */
        public Builder surname(String surname) {
            this.surname = surname;
            return this;
        }

        /**
         * Sets the given name.
         *
         * @param givenName the given name
         * @return this builder
         */
        public Builder givenName(String givenName) {
            this.givenName = givenName;
            return this;
        }

        /**
         * Sets the profession.
         *
         * @param label the label written as the certificate title, e.g. {@code "Médecin"}; {@code null} for none
         * @param code the profession code, e.g. {@code "10"}; {@code null} for none
         * @return this builder
         */
        public Builder profession(String label, String code) {
            this.professionLabel = label;
            this.professionCode = code;
            return this;
        }

        /**
         * Sets the card type.
         *
         * @param cardType the card type
         * @return this builder
         */
        public Builder cardType(CardType cardType) {
            this.cardType = cardType;
            return this;
        }

        /**
         * Sets the usage (authentication or signature key pair).
         *
         * @param usage the usage
         * @return this builder
         */
        public Builder usage(CpsUsage usage) {
            this.usage = usage;
            return this;
        }

        /**
         * Sets an explicit validity period, e.g. in the past to issue an expired certificate.
         *
         * @param notBefore start of validity
         * @param notAfter end of validity, after {@code notBefore}
         * @return this builder
         */
        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
            this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
            return this;
        }

        /**
         * Sets the O attribute.
         *
         * @param organisation the organisation name, or {@code null} for none
         * @return this builder
         */
        public Builder organisation(String organisation) {
            this.organisation = organisation;
            return this;
        }

        /**
         * Sets the OU attribute (structure id for CPE/CPA holders).
         *
         * @param organisationalUnit the organisational unit, or {@code null} for none
         * @return this builder
         */
        public Builder organisationalUnit(String organisationalUnit) {
            this.organisationalUnit = organisationalUnit;
            return this;
        }

        /**
         * Builds the profile.
         *
         * @return the immutable profile
         * @throws IllegalArgumentException if a required value is missing or the validity is inverted
         */
        public CpsProfile build() {
            return new CpsProfile(this);
        }
    }
}
