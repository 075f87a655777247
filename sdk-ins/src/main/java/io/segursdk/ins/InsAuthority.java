package io.segursdk.ins;

import java.util.Optional;

/**
 * The authority that assigned an INS, identified by its OID. The OID, not the digits, tells a NIR from a NIA: a NIA
 * may start with 1 or 2 like a NIR.
 *
 * <p>Note: the INSi qualification environment answers with {@link #NIR} ({@code .8}) for its test identities; the test
 * and demonstration OIDs are those that shared documents (DMP, MSSanté) must carry for test and demonstration patients.
 */
public enum InsAuthority {
    /** INS-NIR: the patient's NIR, assigned by the CNAM. */
    NIR("1.2.250.1.213.1.4.8", "INS-NIR", InsEnvironment.PRODUCTION, false),
    /** INS-NIA: a provisional number (numéro identifiant d'attente), for people waiting for a NIR. */
    NIA("1.2.250.1.213.1.4.9", "INS-NIA", InsEnvironment.PRODUCTION, true),
    /** INS-NIR de test. */
    NIR_TEST("1.2.250.1.213.1.4.10", "INS-NIR-TEST", InsEnvironment.TEST, false),
    /** INS-NIR de démonstration. */
    NIR_DEMO("1.2.250.1.213.1.4.11", "INS-NIR-DEMO", InsEnvironment.DEMONSTRATION, false);

    private final String oid;
    private final String label;
    private final InsEnvironment environment;
    private final boolean nia;

    InsAuthority(String oid, String label, InsEnvironment environment, boolean nia) {
        this.oid = oid;
        this.label = label;
        this.environment = environment;
        this.nia = nia;
    }

    /** @return the OID of the assigning authority, for example {@code 1.2.250.1.213.1.4.8} */
    public String oid() {
        return oid;
    }

    /** @return the usual label, for example {@code INS-NIR} */
    public String label() {
        return label;
    }

    /** @return whether this authority stands for real, test or demonstration patients */
    public InsEnvironment environment() {
        return environment;
    }

    /** @return whether the number is a NIA (provisional number) rather than a NIR */
    public boolean isNia() {
        return nia;
    }

    /**
     * Finds the authority of an OID.
     *
     * @param oid the OID, with or without the {@code urn:oid:} prefix; may be {@code null}
     * @return the authority, or empty if the OID is not an INS assigning authority
     */
    public static Optional<InsAuthority> fromOid(String oid) {
        if (oid == null) {
            return Optional.empty();
        }
        String bare = oid.strip();
        if (bare.startsWith("urn:oid:")) {
            bare = bare.substring("urn:oid:".length());
        }
        for (InsAuthority a : values()) {
            if (a.oid.equals(bare)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
