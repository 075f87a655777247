package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;

import java.util.List;

/**
 * The CDA document is not about the patient it is fed for: its {@code recordTarget} carries no INS, or another INS
 * than the patient's qualified one. Raised before any network call; the message holds no patient data.
 */
public class CdaPatientMismatchException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** @param rule what is wrong with the document's patient */
    public CdaPatientMismatchException(String rule) {
        super(List.of(new Violation("cda.recordTarget.patientRole.id", rule)));
    }
}
