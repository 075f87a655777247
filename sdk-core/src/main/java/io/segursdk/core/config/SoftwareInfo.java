package io.segursdk.core.config;

import io.segursdk.core.error.Violations;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who is calling: the vendor's software, as the national services know it. Immutable; build with
 * {@link #builder()}.
 *
 * <ul>
 *   <li>{@code productName} and {@code productVersion}: the software's name and version (INSi's
 *       {@code urn:lps:<name>:<version>}, the DMP's LPS_Nom / LPS_Version, MSSanté client identification);</li>
 *   <li>{@code installationId}: a UUID generated once when the software is installed at a practice and kept stable
 *       for that installation (INSi's {@code Instance}); support groups requests by it;</li>
 *   <li>{@code insiAuthorisationNumber}: the authorisation number the CNDA / GIE SESAM-Vitale gave the software for
 *       INSi (ContexteLPS {@code IDAM R="4"});</li>
 *   <li>{@code dmpHomologationId}: the DMP homologation id (VIHF {@code LPS_ID_HOMOLOGATION_DMP}).</li>
 * </ul>
 *
 * <p>The service-specific numbers are optional here; the client of each service checks that the one it needs is
 * present.
 */
public final class SoftwareInfo {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,31}");

    private final String productName;
    private final String productVersion;
    private final UUID installationId;
    private final String insiAuthorisationNumber;
    private final String dmpHomologationId;

    private SoftwareInfo(Builder b) {
        this.productName = b.productName;
        this.productVersion = b.productVersion;
        this.installationId = b.installationId;
        this.insiAuthorisationNumber = b.insiAuthorisationNumber;
        this.dmpHomologationId = b.dmpHomologationId;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the software's name */
    public String productName() {
        return productName;
    }

    /** @return the software's version */
    public String productVersion() {
        return productVersion;
    }

    /** @return the installation's stable UUID */
    public UUID installationId() {
        return installationId;
    }

    /** @return the INSi authorisation number, when set */
    public Optional<String> insiAuthorisationNumber() {
        return Optional.ofNullable(insiAuthorisationNumber);
    }

    /** @return the DMP homologation id, when set */
    public Optional<String> dmpHomologationId() {
        return Optional.ofNullable(dmpHomologationId);
    }

    /** @return {@code urn:lps:<productName>:<productVersion>}, the form INSi expects */
    public String lpsUrn() {
        return "urn:lps:" + productName + ":" + productVersion;
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return builder().productName(productName).productVersion(productVersion).installationId(installationId)
                .insiAuthorisationNumber(insiAuthorisationNumber).dmpHomologationId(dmpHomologationId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftwareInfo s && productName.equals(s.productName)
                && productVersion.equals(s.productVersion) && installationId.equals(s.installationId)
                && Objects.equals(insiAuthorisationNumber, s.insiAuthorisationNumber)
                && Objects.equals(dmpHomologationId, s.dmpHomologationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(productName, productVersion, installationId, insiAuthorisationNumber, dmpHomologationId);
    }

    @Override
    public String toString() {
        return "SoftwareInfo[" + productName + " " + productVersion + ", installation " + installationId
                + ", INSi " + insiAuthorisationNumber + ", DMP " + dmpHomologationId + "]";
    }

    /** Builds {@link SoftwareInfo}. */
    public static final class Builder {
        private String productName;
        private String productVersion;
        private UUID installationId;
        private String insiAuthorisationNumber;
        private String dmpHomologationId;

        private Builder() {
        }

        /**
         * @param name the software's name: letters, digits, space, {@code . _ + -}; 64 characters at most
         * @return this builder
         */
        public Builder productName(String name) {
            this.productName = name;
            return this;
        }

        /**
         * @param version the software's version: letters, digits, {@code . _ + -}; 32 characters at most
         * @return this builder
         */
        public Builder productVersion(String version) {
            this.productVersion = version;
            return this;
        }

        /**
         * @param id the installation's UUID, generated once at installation and kept
         * @return this builder
         */
        public Builder installationId(UUID id) {
            this.installationId = id;
            return this;
        }

        /**
         * @param number the INSi authorisation number (for example {@code "LSN17NF23FW0"})
         * @return this builder
         */
        public Builder insiAuthorisationNumber(String number) {
            this.insiAuthorisationNumber = number;
            return this;
        }

        /**
         * @param id the DMP homologation id
         * @return this builder
         */
        public Builder dmpHomologationId(String id) {
            this.dmpHomologationId = id;
            return this;
        }

        /**
         * @return the software information
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem found
         */
        public SoftwareInfo build() {
            Violations v = new Violations();
            v.require(productName != null && NAME.matcher(productName).matches(), "software.productName",
                    "is required: 1 to 64 letters, digits, spaces or . _ + -, starting with a letter or digit");
            v.require(productVersion != null && VERSION.matcher(productVersion).matches(), "software.productVersion",
                    "is required: 1 to 32 letters, digits or . _ + -, starting with a letter or digit");
            v.require(installationId != null, "software.installationId",
                    "is required: a UUID generated once per installation and kept stable");
            v.require(insiAuthorisationNumber == null || insiAuthorisationNumber.matches("[A-Za-z0-9]{1,32}"),
                    "software.insiAuthorisationNumber", "must be 1 to 32 letters or digits");
            v.require(dmpHomologationId == null || !dmpHomologationId.isBlank(), "software.dmpHomologationId",
                    "must not be blank when set");
            v.throwIfAny();
            return new SoftwareInfo(this);
        }
    }
}
