package io.segursdk.ins;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.Violations;

import java.util.Optional;

/**
 * The health professional calling INSi in card mode ("mode CPx"): the card's <em>signature</em> credential that signs
 * the assertion PS, the professional's national id (the assertion's {@code NameID NameQualifier="CPS"}, and the
 * {@code Emetteur} of the INSi context headers), and the assertion's two attributes {@code identifiantFacturation}
 * (billing id) and {@code secteurActivite} (activity sector, e.g. {@code SA07}). Immutable.
 *
 * <pre>{@code
 * InsiProfessional ps = InsiProfessional.builder()
 *         .signatureCredential(cpsSignatureCredential)
 *         .nationalId("810012345678")
 *         .billingId("123456789")
 *         .activitySector("SA07")
 *         .build();
 * }</pre>
 */
public final class InsiProfessional {

    private final SigningCredential signatureCredential;
    private final String nationalId;
    private final String billingId;
    private final String activitySector;
    private final SignatureAlgorithm algorithm;

    private InsiProfessional(Builder b) {
        this.signatureCredential = b.signatureCredential;
        this.nationalId = b.nationalId;
        this.billingId = b.billingId;
        this.activitySector = b.activitySector;
        this.algorithm = b.algorithm;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the card's signature credential */
    public SigningCredential signatureCredential() {
        return signatureCredential;
    }

    /** @return the professional's national id (for example {@code 8} followed by the RPPS number) */
    public String nationalId() {
        return nationalId;
    }

    /** @return the billing id, when given */
    public Optional<String> billingId() {
        return Optional.ofNullable(billingId);
    }

    /** @return the activity sector code, when given */
    public Optional<String> activitySector() {
        return Optional.ofNullable(activitySector);
    }

    /** @return the signature algorithm of the assertion (RSA-SHA256 unless set) */
    public SignatureAlgorithm signatureAlgorithm() {
        return algorithm;
    }

    @Override
    public String toString() {
        return "InsiProfessional[" + nationalId + "]";
    }

    /** Builds {@link InsiProfessional}. */
    public static final class Builder {
        private SigningCredential signatureCredential;
        private String nationalId;
        private String billingId;
        private String activitySector;
        private SignatureAlgorithm algorithm = SignatureAlgorithm.RSA_SHA256;

        private Builder() {
        }

        /**
         * @param credential the card's signature credential (not the authentication one)
         * @return this builder
         */
        public Builder signatureCredential(SigningCredential credential) {
            this.signatureCredential = credential;
            return this;
        }

        /**
         * @param id the professional's national id, as on the card
         * @return this builder
         */
        public Builder nationalId(String id) {
            this.nationalId = id;
            return this;
        }

        /**
         * @param id the billing id (identifiantFacturation), if the professional has one
         * @return this builder
         */
        public Builder billingId(String id) {
            this.billingId = id;
            return this;
        }

        /**
         * @param code the activity sector (secteurActivite), for example {@code SA07}
         * @return this builder
         */
        public Builder activitySector(String code) {
            this.activitySector = code;
            return this;
        }

        /**
         * @param signatureAlgorithm the assertion's signature algorithm
         * @return this builder
         */
        public Builder signatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
            this.algorithm = signatureAlgorithm;
            return this;
        }

        /**
         * @return the professional
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem found
         */
        public InsiProfessional build() {
            Violations v = new Violations();
            v.require(signatureCredential != null, "professional.signatureCredential",
                    "is required (the card's signature credential signs the assertion PS)");
            v.require(nationalId != null && nationalId.matches("[A-Za-z0-9]{1,32}"), "professional.nationalId",
                    "is required: 1 to 32 letters or digits");
            v.require(billingId == null || !billingId.isBlank(), "professional.billingId", "must not be blank");
            v.require(activitySector == null || !activitySector.isBlank(), "professional.activitySector",
                    "must not be blank");
            v.require(algorithm != null, "professional.signatureAlgorithm", "is required");
            v.throwIfAny();
            return new InsiProfessional(this);
        }
    }
}
