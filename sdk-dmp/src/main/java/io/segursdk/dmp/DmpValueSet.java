package io.segursdk.dmp;

/**
 * The DMP value sets ("jeux de valeurs", JDV) that bind the coded fields of a feed, as {@link DmpValueSets} checks
 * them.
 */
public enum DmpValueSet {

    /** JDV_J57 ClassCode-DMP: the document entry's {@code classCode}. */
    CLASS_CODE("JDV_J57 ClassCode-DMP"),
    /** JDV_J66 TypeCode-DMP: the document entry's {@code typeCode}. */
    TYPE_CODE("JDV_J66 TypeCode-DMP"),
    /** JDV_J60 FormatCode-DMP: the document entry's {@code formatCode}. */
    FORMAT_CODE("JDV_J60 FormatCode-DMP"),
    /** JDV_J61 HealthcareFacilityTypeCode-DMP: the document entry's {@code healthcareFacilityTypeCode}. */
    HEALTHCARE_FACILITY_TYPE("JDV_J61 HealthcareFacilityTypeCode-DMP"),
    /** JDV_J62 PracticeSettingCode-DMP: the document entry's {@code practiceSettingCode}. */
    PRACTICE_SETTING("JDV_J62 PracticeSettingCode-DMP"),
    /** JDV_J58 ConfidentialityCode-DMP: the document entry's {@code confidentialityCode}s. */
    CONFIDENTIALITY("JDV_J58 ConfidentialityCode-DMP"),
    /** JDV_J59 ContentTypeCode-DMP: the submission set's {@code contentTypeCode}. */
    CONTENT_TYPE("JDV_J59 ContentTypeCode-DMP"),
    /** The author's combined profession/specialty ({@code authorSpecialty}, 1.2.250.1.213.1.1.4.5). */
    AUTHOR_SPECIALTY("authorSpecialty (TRE_G15/TRE_R01, 1.2.250.1.213.1.1.4.5)");

    private final String label;

    DmpValueSet(String label) {
        this.label = label;
    }

    /** @return the ANS name of the value set, for messages */
    public String label() {
        return label;
    }
}
