package io.segursdk.mssante;

import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;

import java.util.Set;

/** Patient identities for the tests (fictitious people, INS with valid keys). */
final class Patients {

    private Patients() {
    }

    static IdentityTraits traits() {
        return IdentityTraits.builder().birthName("Lacombe").birthFirstNames("Odile").sex(Sex.F)
                .birthDate("1993-01-16").build();
    }

    static Ins ins(String number13, InsAuthority authority) {
        return Ins.of(number13 + Ins.computeKey(number13), authority);
    }

    /** A qualified identity with a production INS-NIR. */
    static PatientIdentity qualified(String number13) {
        return PatientIdentity.restore(traits(), IdentityStatus.QUALIFIED, ins(number13, InsAuthority.NIR), Set.of());
    }

    /** A qualified identity with a test INS. */
    static PatientIdentity qualifiedTest(String number13) {
        return PatientIdentity.restore(traits(), IdentityStatus.QUALIFIED, ins(number13, InsAuthority.NIR_TEST),
                Set.of());
    }

    /** An identity whose INS was retrieved but not validated against a document: not qualified. */
    static PatientIdentity retrievedOnly(String number13) {
        return PatientIdentity.restore(traits(), IdentityStatus.RETRIEVED, ins(number13, InsAuthority.NIR), Set.of());
    }
}
