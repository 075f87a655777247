package io.segursdk.testkit.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which structure an organisation (IGC-Santé "ORG"-type) test certificate is issued to, and for what. Immutable;
 * start from a convenience such as {@link #insiAuto(String)} or build one with {@link #builder()}.
 *
 * <p>The subject mirrors IGC-Santé organisation certificates: {@code CN=<certificate name>, OU=<structure id>,
 * O=<structure name>, ST=<state>, C=FR}, e.g. {@code CN=INSI-AUTO,OU=10B0152872,O=STRUCTURE TEST 10B0152872,
 * ST=Paris (75),C=FR}. Services read the structure id from the OU (INSi {@code Emetteur}, DMP
 * {@code Identifiant_Structure}).
 */
public final class OrganisationProfile {

    /** Default validity of an organisation certificate when none is given: three years. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3 * 365);

    /** Default state (ST attribute) of the conveniences. */
    public static final String DEFAULT_STATE = "Paris (75)";

    private final String commonName;
    private final String structureId;
    private final String structureName;
    private final String state;
    private final OrganisationUsage usage;
    private final Instant notBefore;
    private final Instant notAfter;

    private OrganisationProfile(Builder b) {
        this.commonName = requireText(b.commonName, "commonName");
        this.structureId = requireText(b.structureId, "structureId");
        this.structureName = b.structureName != null ? b.structureName : "STRUCTURE TEST " + b.structureId;
        this.state = b.state;
        this.usage = Objects.requireNonNull(b.usage, "usage");
        this.notBefore = b.notBefore;
        this.notAfter = b.notAfter;
        if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity: notAfter must be after notBefore");
        }
    }

    /**
     * INSi software certificate for unattended calls: {@code CN=INSI-AUTO}, TLS client authentication.
     *
     * @param structureId the structure id written as OU (becomes the INSi {@code Emetteur})
     * @return a profile ready to issue
     */
    public static OrganisationProfile insiAuto(String structureId) {
        return builder().commonName("INSI-AUTO").structureId(structureId).usage(OrganisationUsage.TLS_CLIENT).build();
    }

    /**
     * INSi software certificate for calls made by a user: {@code CN=INSI-MANU}, TLS client authentication.
     *
     * @param structureId the structure id written as OU (becomes the INSi {@code Emetteur})
     * @return a profile ready to issue
     */
    public static OrganisationProfile insiManu(String structureId) {
        return builder().commonName("INSI-MANU").structureId(structureId).usage(OrganisationUsage.TLS_CLIENT).build();
    }

    /**
     * DMP TLS client certificate of a structure (IGC-Santé "ORG AUTH_CLI"), for indirect authentication.
     *
     * @param structureId the structure id written as OU (becomes the VIHF {@code Identifiant_Structure})
     * @return a profile ready to issue
     */
    public static OrganisationProfile dmpAuthentication(String structureId) {
        return builder().commonName("DMP AUTH_CLI TEST").structureId(structureId)
                .usage(OrganisationUsage.TLS_CLIENT).build();
    }

    /**
     * DMP signature certificate of a structure (IGC-Santé "ORG SIGN"), to sign the VIHF token and XAdES
     * submissions in indirect mode.
     *
     * @param structureId the structure id written as OU
     * @return a profile ready to issue
     */
    public static OrganisationProfile dmpSignature(String structureId) {
        return builder().commonName("DMP SIGN TEST").structureId(structureId)
                .usage(OrganisationUsage.SIGNATURE).build();
    }

    /**
     * Starts an empty builder. Common name and structure id are required; the structure name defaults to
     * {@code "STRUCTURE TEST " + structureId}, the state to {@link #DEFAULT_STATE}, the usage to
     * {@link OrganisationUsage#TLS_CLIENT}, the validity to {@link #DEFAULT_VALIDITY} from issuance.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this profile's values, to derive a variant (another usage, an expired validity...).
     *
     * @return a new builder initialised from this profile
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.commonName = commonName;
        b.structureId = structureId;
        b.structureName = structureName;
        b.state = state;
        b.usage = usage;
        b.notBefore = notBefore;
        b.notAfter = notAfter;
        return b;
    }

    /**
     * The certificate CN, e.g. {@code "INSI-AUTO"}.
     *
     * @return the common name
     */
    public String commonName() {
        return commonName;
    }

    /**
     * The structure id written as OU.
     *
     * @return the structure id
     */
    public String structureId() {
        return structureId;
    }

    /**
     * The structure name written as O.
     *
     * @return the structure name
     */
    public String structureName() {
        return structureName;
    }

    /**
     * The ST attribute, when set.
     *
     * @return the state, or empty
     */
    public Optional<String> state() {
        return Optional.ofNullable(state);
    }

    /**
     * What the certificate is for.
     *
     * @return the usage
     */
    public OrganisationUsage usage() {
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

    @Override
    public String toString() {
        return "OrganisationProfile[CN=" + commonName + ", OU=" + structureId + ", " + usage + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Mutable builder of {@link OrganisationProfile}; not thread-safe. */
    public static final class Builder {
        private String commonName;
        private String structureId;
        private String structureName;
        private String state = DEFAULT_STATE;
        private OrganisationUsage usage = OrganisationUsage.TLS_CLIENT;
        private Instant notBefore;
        private Instant notAfter;

        private Builder() {
        }

        /**
         * Sets the certificate CN.
         *
         * @param commonName e.g. {@code "INSI-AUTO"}
         * @return this builder
         */
        public Builder commonName(String commonName) {
            this.commonName = commonName;
            return this;
        }

        /**
         * Sets the structure id (OU).
         *
         * @param structureId e.g. a FINESS-based id such as {@code "10B0152872"}
         * @return this builder
         */
        public Builder structureId(String structureId) {
            this.structureId = structureId;
            return this;
        }

        /**
         * Sets the structure name (O).
         *
         * @param structureName the name, or {@code null} for the default
         * @return this builder
         */
        public Builder structureName(String structureName) {
            this.structureName = structureName;
            return this;
        }

        /**
         * Sets the ST attribute.
         *
         * @param state e.g. {@code "Rhône (69)"}, or {@code null} for none
         * @return this builder
         */
        public Builder state(String state) {
            this.state = state;
            return this;
        }

        /**
         * Sets the usage.
         *
         * @param usage TLS client, signature, or both
         * @return this builder
         */
        public Builder usage(OrganisationUsage usage) {
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
         * Builds the profile.
         *
         * @return the immutable profile
         * @throws IllegalArgumentException if a required value is missing or the validity is inverted
         */
        public OrganisationProfile build() {
            return new OrganisationProfile(this);
        }
    }
}
