package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.util.Set;

/**
 * The patient's national health identifier (INS) as the DMP needs it: the matricule (NIR or NIA) and the OID of its
 * assigning authority. It becomes the XDS {@code patientId} in CX form
 * ({@code <matricule>^^^&<oid>&ISO^NH}).
 *
 * <p>Only an INS qualified through the INSi service may be sent to the DMP: build it with
 * {@link #of(io.segursdk.ins.PatientIdentity)}, which refuses an identity that is not qualified.
 * {@link #ofIns(String, String)} is for values the software already holds as qualified (and for tests).
 * Its {@link #toString()} never shows the matricule.
 */
public final class PatientId {

    /** INS-NIR, production. */
    public static final String OID_INS_NIR = "1.2.250.1.213.1.4.8";
    /** INS-NIA (temporary identifier). */
    public static final String OID_INS_NIA = "1.2.250.1.213.1.4.9";
    /** INS-NIR of test patients. */
    public static final String OID_INS_NIR_TEST = "1.2.250.1.213.1.4.10";
    /** INS-NIR of demonstration patients. */
    public static final String OID_INS_NIR_DEMO = "1.2.250.1.213.1.4.11";

    private static final Set<String> INS_OIDS = Set.of(OID_INS_NIR, OID_INS_NIA, OID_INS_NIR_TEST, OID_INS_NIR_DEMO);

    private final String matricule;
    private final String oid;

    private PatientId(String matricule, String oid) {
        this.matricule = matricule;
        this.oid = oid;
    }

    /**
     * An INS from its matricule and assigning-authority OID.
     *
     * @param matricule the 15-character NIR or NIA (13 characters and a 2-digit key)
     * @param oid       one of the INS OIDs of this class
     * @return the identifier
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public static PatientId ofIns(String matricule, String oid) {
        Violations v = new Violations();
        validate(v, "patientId", matricule, oid);
        v.throwIfAny();
        return new PatientId(matricule, oid);
    }

    /**
     * The DMP identifier of a patient whose identity is qualified (INS retrieved from INSi and identity checked):
     * the only identities whose INS may be sent to the DMP.
     *
     * @param identity the patient's identity
     * @return the identifier
     * @throws io.segursdk.ins.IdentityRuleException (an {@link io.segursdk.core.error.InvalidRequestException}) when
     *                                                the identity is not qualified
     */
    public static PatientId of(io.segursdk.ins.PatientIdentity identity) {
        if (identity == null) {
            throw io.segursdk.core.error.InvalidRequestException.of("patient", "is required");
        }
        io.segursdk.ins.Ins ins = identity.requireQualifiedIns();
        return ofIns(ins.matricule(), ins.oid());
    }

    /**
     * @param oid an assigning authority's OID
     * @return whether it is one of the INS OIDs of this class
     */
    public static boolean isInsOid(String oid) {
        return oid != null && INS_OIDS.contains(oid);
    }

    static void validate(Violations v, String field, String matricule, String oid) {
        v.require(matricule != null && matricule.matches("[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}"),
                field + ".matricule", "must be a 15-character NIR or NIA");
        v.require(oid != null && INS_OIDS.contains(oid), field + ".oid",
                "must be an INS assigning-authority OID (1.2.250.1.213.1.4.8, .9, .10 or .11)");
    }

    /** @return the matricule (patient data: do not log) */
    public String matricule() {
        return matricule;
    }

    /** @return the assigning authority's OID */
    public String oid() {
        return oid;
    }

    /** @return the identifier in HL7 v2 CX form, as the DMP expects it (patient data: do not log) */
    public String toCx() {
        return matricule + "^^^&" + oid + "&ISO^NH";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientId p && p.matricule.equals(matricule) && p.oid.equals(oid);
    }

    @Override
    public int hashCode() {
        return matricule.hashCode() * 31 + oid.hashCode();
    }

    /** @return a description without the matricule */
    @Override
    public String toString() {
        return "PatientId[oid=" + oid + ", matricule=***]";
    }
}
