package io.segursdk.ins;

import java.util.Optional;

/**
 * Documents shown to check an identity, with their trust level.
 *
 * <p>Chosen reading of the RNIV (to check against its current volet 1): high-trust devices are the passport, the
 * national identity card (for nationals of the EU, EEA, Switzerland and the microstates the RNIV lists), the permanent
 * residence permit, the travel document for foreign minors and an eIDAS electronic identification of level
 * "substantial" or "high"; the birth certificate extract and the family record book count only in
 * {@link RnivSpecialCase special cases}; the driving licence, the military card, a trusted third party and the Carte
 * Vitale (which is not an identity document) do not count. The FR Core codes are given where FR Core defines one.
 */
public enum IdentityDocumentType {
    /** Passeport. */
    PASSPORT("PA", TrustLevel.HIGH),
    /** Carte nationale d'identité. */
    NATIONAL_IDENTITY_CARD("CN", TrustLevel.HIGH),
    /** Titre de séjour permanent. */
    RESIDENCE_PERMIT("CS", TrustLevel.HIGH),
    /** Document de circulation pour étranger mineur, with a photo. */
    FOREIGN_MINOR_TRAVEL_DOCUMENT("DC", TrustLevel.HIGH),
    /** Identification électronique eIDAS, level substantial or high. */
    EIDAS_ELECTRONIC_IDENTIFICATION("IE", TrustLevel.HIGH),
    /** Extrait d'acte de naissance. */
    BIRTH_CERTIFICATE_EXTRACT("AN", TrustLevel.HIGH_IN_SPECIAL_CASES),
    /** Livret de famille. */
    FAMILY_RECORD_BOOK("LE", TrustLevel.HIGH_IN_SPECIAL_CASES),
    /** Acte de naissance with a Carte Vitale bearing a photo. */
    BIRTH_CERTIFICATE_WITH_PHOTO_VITALE("AC", TrustLevel.HIGH_IN_SPECIAL_CASES),
    /** Permis de conduire. */
    DRIVING_LICENCE("PC", TrustLevel.NOT_HIGH),
    /** Carte militaire. */
    MILITARY_CARD("CM", TrustLevel.NOT_HIGH),
    /** Tiers de confiance: someone vouching for the patient. */
    TRUSTED_THIRD_PARTY("TC", TrustLevel.NOT_HIGH),
    /** Carte Vitale: a health insurance card, not an identity document. */
    CARTE_VITALE(null, TrustLevel.NOT_HIGH);

    private final String frCoreCode;
    private final TrustLevel trustLevel;

    IdentityDocumentType(String frCoreCode, TrustLevel trustLevel) {
        this.frCoreCode = frCoreCode;
        this.trustLevel = trustLevel;
    }

    /** @return the FR Core identity-validation code, when FR Core defines one */
    public Optional<String> frCoreCode() {
        return Optional.ofNullable(frCoreCode);
    }

    /** @return the trust level */
    public TrustLevel trustLevel() {
        return trustLevel;
    }
}
