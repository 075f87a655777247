package io.segursdk.testkit.dmp;

/**
 * Who called the simulator, as its verified VIHF says.
 *
 * @param nationalId      the professional's national id (NameID)
 * @param structureId     Identifiant_Structure
 * @param mode            Authentification_mode ({@code DIRECTE}, {@code INDIRECTE}, {@code INDIRECTE_RENFORCEE})
 * @param professionCode  the first role's code (TRE_G15)
 * @param specialtyCode   the second role's code, or {@code null}
 * @param purposeOfUse    {@code normal}, {@code bris_de_glace} or {@code centre_15}
 * @param patientCx       the resource-id (INS in CX form), or {@code null}
 * @param secretConnection whether the VIHF carried the minor's secret connection code
 * @param vihfVersion     VIHF_Version
 * @param signatureAlgorithm the VIHF's SignatureMethod URI
 * @param homologationId  LPS_ID_HOMOLOGATION_DMP
 */
public record DmpCaller(String nationalId, String structureId, String mode, String professionCode,
                        String specialtyCode, String purposeOfUse, String patientCx, boolean secretConnection,
                        String vihfVersion, String signatureAlgorithm, String homologationId) {

    /** @return whether the professional authenticated with their own card */
    public boolean direct() {
        return "DIRECTE".equals(mode);
    }

    /** @return whether the call is an emergency access (bris de glace or centre 15) */
    public boolean emergency() {
        return "bris_de_glace".equals(purposeOfUse) || "centre_15".equals(purposeOfUse);
    }
}
