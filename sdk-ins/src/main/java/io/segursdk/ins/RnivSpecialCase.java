package io.segursdk.ins;

/**
 * The RNIV's special cases where a document that is not high-trust on its own may check an identity (RNIV 2024,
 * volet 1 §3.3.3, as summarised in the project's notes; the exact conditions are the checker's responsibility and
 * are recorded, not verified, by the SDK).
 */
public enum RnivSpecialCase {
    /** A minor: birth certificate extract or family record book, with a parent's or guardian's high-trust document. */
    MINOR_WITH_GUARDIAN_DOCUMENT,
    /** A minor in the care of the child welfare service (ASE): birth certificate extract with a photo Carte Vitale. */
    MINOR_IN_CHILD_WELFARE,
    /** A resident admitted directly to a care home (EHPAD): birth certificate or family record book with a photo Carte Vitale. */
    CARE_HOME_RESIDENT,
    /** An adult who cannot obtain an official identity document: birth certificate extract with a photo Carte Vitale. */
    ADULT_WITHOUT_IDENTITY_DOCUMENT
}
