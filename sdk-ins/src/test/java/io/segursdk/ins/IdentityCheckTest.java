package io.segursdk.ins;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdentityCheckTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Operator SECRETARY = new Operator(OperatorRole.DELEGATED_STAFF, "cpe-0042");

    @ParameterizedTest
    @EnumSource(value = IdentityDocumentType.class, names = {"PASSPORT", "NATIONAL_IDENTITY_CARD",
            "RESIDENCE_PERMIT", "FOREIGN_MINOR_TRAVEL_DOCUMENT", "EIDAS_ELECTRONIC_IDENTIFICATION"})
    void highTrustDocumentsCheckAnIdentity(IdentityDocumentType type) {
        assertThat(IdentityCheck.document(type, SECRETARY, AT).documentType()).contains(type);
    }

    @ParameterizedTest
    @EnumSource(value = IdentityDocumentType.class, names = {"CARTE_VITALE", "DRIVING_LICENCE", "MILITARY_CARD",
            "TRUSTED_THIRD_PARTY"})
    void otherDocumentsAreRefused(IdentityDocumentType type) {
        IdentityRuleException e = catchThrowableOfType(() -> IdentityCheck.document(type, SECRETARY, AT),
                IdentityRuleException.class);
        assertThat(e.identityRule()).isEqualTo(IdentityRule.DOCUMENT_NOT_HIGH_TRUST);
        assertThat(catchThrowableOfType(() -> IdentityCheck.documentInSpecialCase(type,
                RnivSpecialCase.CARE_HOME_RESIDENT, SECRETARY, AT), IdentityRuleException.class)).isNotNull();
    }

    @Test
    void birthCertificateNeedsASpecialCase() {
        assertThat(catchThrowableOfType(() -> IdentityCheck.document(IdentityDocumentType.BIRTH_CERTIFICATE_EXTRACT,
                SECRETARY, AT), IdentityRuleException.class).identityRule())
                .isEqualTo(IdentityRule.SPECIAL_CASE_REQUIRED);

        IdentityCheck c = IdentityCheck.documentInSpecialCase(IdentityDocumentType.BIRTH_CERTIFICATE_EXTRACT,
                RnivSpecialCase.MINOR_WITH_GUARDIAN_DOCUMENT, SECRETARY, AT);
        assertThat(c.specialCase()).contains(RnivSpecialCase.MINOR_WITH_GUARDIAN_DOCUMENT);
    }

    @Test
    void exceptionProcedureIsForPhysiciansOnly() {
        for (OperatorRole role : OperatorRole.values()) {
            Operator op = new Operator(role, "op-1");
            if (role == OperatorRole.PHYSICIAN) {
                assertThat(IdentityCheck.physicianException(op, AT).method())
                        .isEqualTo(IdentityCheck.Method.PHYSICIAN_EXCEPTION);
            } else {
                assertThat(catchThrowableOfType(() -> IdentityCheck.physicianException(op, AT),
                        IdentityRuleException.class).identityRule())
                        .isEqualTo(IdentityRule.EXCEPTION_PROCEDURE_PHYSICIAN_ONLY);
            }
        }
    }

    @Test
    void frCoreCodes() {
        assertThat(IdentityDocumentType.PASSPORT.frCoreCode()).contains("PA");
        assertThat(IdentityDocumentType.CARTE_VITALE.frCoreCode()).isEmpty();
    }
}
