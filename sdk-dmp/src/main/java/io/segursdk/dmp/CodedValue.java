package io.segursdk.dmp;

import java.util.Objects;

/**
 * A code from a terminology, as the DMP's metadata carries it: the code, the OID (or name) of its code system, and a
 * display name.
 *
 * <p>Holds no patient data; safe to log.
 *
 * @param code        the code, for example {@code "10"}
 * @param codeSystem  the code system's OID (for example {@code "1.2.250.1.213.1.1.4.1"}) or, for a few IHE codes, a
 *                    scheme name such as {@code "URN"}
 * @param displayName the display name, in French as the DMP shows it
 */
public record CodedValue(String code, String codeSystem, String displayName) {

    /** TRE_A03 ClasseDocument, the code system of the DMP's classCode (JDV_J57). */
    public static final String CLASS_CODE_SYSTEM = "1.2.250.1.213.1.1.4.1";
    /** LOINC, the code system of most of the DMP's typeCodes (JDV_J66). */
    public static final String LOINC = "2.16.840.1.113883.6.1";
    /** TRE_R02 SecteurActivite, the code system of healthcareFacilityTypeCode (JDV_J61). */
    public static final String FACILITY_TYPE_SYSTEM = "1.2.250.1.71.4.2.4";
    /** TRE_A01 CadreExercice, the code system of practiceSettingCode (JDV_J62). */
    public static final String PRACTICE_SETTING_SYSTEM = "1.2.250.1.213.1.1.4.9";
    /** The code system of the submission set's contentTypeCode (JDV_J59). */
    public static final String CONTENT_TYPE_SYSTEM = "1.2.250.1.213.2.2";
    /** The code system of the author's combined profession/specialty (for example {@code G15_10/SM26}). */
    public static final String AUTHOR_SPECIALTY_SYSTEM = "1.2.250.1.213.1.1.4.5";
    /** The code system of IHE format codes for unstructured documents ({@code urn:ihe:iti:xds-sd:*}). */
    public static final String IHE_FORMAT_SYSTEM = "1.3.6.1.4.1.19376.1.2.3";

    /** A PDF document (IHE XDS-SD). */
    public static final CodedValue FORMAT_PDF =
            new CodedValue("urn:ihe:iti:xds-sd:pdf:2008", IHE_FORMAT_SYSTEM, "Document à corps non structuré en Pdf/A-1");
    /** A plain-text document (IHE XDS-SD). */
    public static final CodedValue FORMAT_TEXT =
            new CodedValue("urn:ihe:iti:xds-sd:text:2008", IHE_FORMAT_SYSTEM, "Document à corps non structuré en texte brut");

    /**
     * Checks that the parts are present.
     *
     * @throws NullPointerException if a part is {@code null}
     */
    public CodedValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(codeSystem, "codeSystem");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * A classCode from TRE_A03 (JDV_J57 ClassCode-DMP).
     *
     * @param code        the code, for example {@code "10"}
     * @param displayName its display name, for example {@code "Compte rendu"}
     * @return the coded value
     */
    public static CodedValue classCode(String code, String displayName) {
        return new CodedValue(code, CLASS_CODE_SYSTEM, displayName);
    }

    /**
     * A LOINC typeCode (JDV_J66 TypeCode-DMP).
     *
     * @param code        the LOINC code, for example {@code "11490-0"}
     * @param displayName its display name
     * @return the coded value
     */
    public static CodedValue loinc(String code, String displayName) {
        return new CodedValue(code, LOINC, displayName);
    }

    /**
     * A healthcareFacilityTypeCode from TRE_R02 (JDV_J61).
     *
     * @param code        the code, for example {@code "SA07"}
     * @param displayName its display name
     * @return the coded value
     */
    public static CodedValue facilityType(String code, String displayName) {
        return new CodedValue(code, FACILITY_TYPE_SYSTEM, displayName);
    }

    /**
     * A practiceSettingCode from TRE_A01 (JDV_J62).
     *
     * @param code        the code, for example {@code "AMBULATOIRE"}
     * @param displayName its display name
     * @return the coded value
     */
    public static CodedValue practiceSetting(String code, String displayName) {
        return new CodedValue(code, PRACTICE_SETTING_SYSTEM, displayName);
    }

    /**
     * A submission set contentTypeCode (JDV_J59).
     *
     * @param code        the code, for example {@code "04"}
     * @param displayName its display name
     * @return the coded value
     */
    public static CodedValue contentType(String code, String displayName) {
        return new CodedValue(code, CONTENT_TYPE_SYSTEM, displayName);
    }

    /**
     * An author specialty in the DMP's combined form, for example {@code G15_10/SM26}.
     *
     * @param code        the combined code
     * @param displayName its display name
     * @return the coded value
     */
    public static CodedValue authorSpecialty(String code, String displayName) {
        return new CodedValue(code, AUTHOR_SPECIALTY_SYSTEM, displayName);
    }
}
