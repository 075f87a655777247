package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The project's own fixture numbers; their keys were computed independently of the SDK (97 - n mod 97, 2A=19,
 * 2B=18).
 */
class InsTest {

    private static final String NIR_OID = "1.2.250.1.213.1.4.8";
    private static final String NIA_OID = "1.2.250.1.213.1.4.9";

    @Test
    void parsesANirWithItsOid() {
        Ins ins = Ins.of("184127505612355", "1.2.250.1.213.1.4.8");

        assertThat(ins.number()).isEqualTo("1841275056123");
        assertThat(ins.key()).isEqualTo("55");
        assertThat(ins.authority()).isEqualTo(InsAuthority.NIR);
        assertThat(ins.isNir()).isTrue();
        assertThat(ins.isNia()).isFalse();
        assertThat(ins.isTest()).isFalse();
        assertThat(ins.environment()).isEqualTo(InsEnvironment.PRODUCTION);
        assertThat(ins.hasValidKey()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "1841275056123, 55",
            "2930169123045, 43",
            "1990799123456, 32",
            "2851175000085, 09", // key below 10 keeps its leading zero
            "177052A004321, 56", // Corsica, 2A read as 19
            "202102B033017, 21", // Corsica, 2B read as 18
    })
    void computesTheKey(String number, String key) {
        assertThat(Ins.computeKey(number)).isEqualTo(key);
        assertThat(Ins.of(number + key, NIR_OID).key()).isEqualTo(key);
    }

    @Test
    void corsicanNumbersAreNotReadAsZero() {
        // Reading A or B as 0 would give another key: the 2A/2B rule matters.
        assertThat(Ins.computeKey("177052A004321")).isNotEqualTo(Ins.computeKey("1770520004321"));
        assertThat(Ins.of("177052a00432156", NIR_OID).matricule()).isEqualTo("177052A00432156");
    }

    @Test
    void niaIsDecidedByTheOidNotByTheDigits() {
        Ins nia = Ins.of("199079912345632", NIA_OID);
        Ins nir = Ins.of("199079912345632", NIR_OID);

        assertThat(nia.isNia()).isTrue();
        assertThat(nia.authority().label()).isEqualTo("INS-NIA");
        assertThat(nir.isNia()).isFalse();
        assertThat(nia).isNotEqualTo(nir);
    }

    @Test
    void testAndDemonstrationOids() {
        Ins test = Ins.of("293016912304543", "1.2.250.1.213.1.4.10");
        Ins demo = Ins.of("293016912304543", "urn:oid:1.2.250.1.213.1.4.11");

        assertThat(test.environment()).isEqualTo(InsEnvironment.TEST);
        assertThat(test.isTest()).isTrue();
        assertThat(test.isNir()).isTrue();
        assertThat(demo.environment()).isEqualTo(InsEnvironment.DEMONSTRATION);
        assertThat(demo.isTest()).isTrue();
        assertThat(demo.oid()).isEqualTo("1.2.250.1.213.1.4.11");
    }

    @Test
    void cxFormForTheDmp() {
        Ins ins = Ins.of("293016912304543", "1.2.250.1.213.1.4.10");

        assertThat(ins.toCx()).isEqualTo("293016912304543^^^&1.2.250.1.213.1.4.10&ISO^NH");
    }

    @Test
    void equalityOnMatriculeAndAuthority() {
        assertThat(Ins.of("184127505612355", NIR_OID)).isEqualTo(Ins.of("184127505612355", InsAuthority.NIR))
                .hasSameHashCodeAs(Ins.of("184127505612355", InsAuthority.NIR));
    }

    @Test
    void toStringMasksTheMatricule() {
        Ins ins = Ins.of("184127505612355", NIR_OID);

        assertThat(ins.toString()).contains("INS-NIR").doesNotContain("1841").doesNotContain("55")
                .doesNotContain("056123");
    }

    @Test
    void wrongLength() {
        assertThat(violations("18412750561235", NIR_OID)).containsExactly(new Violation("ins.matricule",
                "must be 15 characters: a 13-character number followed by a 2-digit key"));
        assertThat(violations("1841275056123550", NIR_OID)).hasSize(1);
    }

    @Test
    void lettersOutsideTheCorsicanPositions() {
        assertThat(violations("18412750X612355", NIR_OID)).containsExactly(new Violation("ins.matricule",
                "the number (first 13 characters) must be digits, except 2A or 2B (Corsica) at positions 6-7"));
        // 2C is not a department
        assertThat(violations("177052C00432156", NIR_OID)).hasSize(1);
        // A without the 2 before it
        assertThat(violations("177053A00432156", NIR_OID)).hasSize(1);
    }

    @Test
    void nonDigitKey() {
        assertThat(violations("18412750561235X", NIR_OID)).containsExactly(
                new Violation("ins.matricule", "the key (last 2 characters) must be 2 digits"));
    }

    @Test
    void badKey() {
        assertThat(violations("184127505612356", NIR_OID)).containsExactly(new Violation("ins.matricule",
                "the key does not match the number (97 minus the number modulo 97, 2A read as 19, 2B as 18)"));
    }

    @Test
    void badKeyAcceptedOnlyWhenLenient() {
        Ins ins = Ins.of("184127505612356", NIR_OID, KeyCheck.LENIENT);

        assertThat(ins.hasValidKey()).isFalse();
        assertThat(Ins.of("184127505612355", NIR_OID, KeyCheck.LENIENT).hasValidKey()).isTrue();
        // lenient about the key, never about the shape
        assertThat(catchThrowableOfType(() -> Ins.of("18412750561235X", NIR_OID, KeyCheck.LENIENT),
                InvalidRequestException.class)).isNotNull();
    }

    @Test
    void everyViolationReportedAtOnceWithoutTheValue() {
        InvalidRequestException e = catchThrowableOfType(() -> Ins.of("18412750X61235Y", "1.2.3"),
                InvalidRequestException.class);

        assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("ins.oid", "ins.matricule", "ins.matricule");
        assertThat(e.getMessage()).doesNotContain("18412750").doesNotContain("1.2.3");
    }

    @Test
    void missingValues() {
        assertThat(violations(null, null)).containsExactlyInAnyOrder(
                new Violation("ins.matricule", "is required"), new Violation("ins.oid", "is required"));
    }

    @Test
    void computeKeyRejectsAMalformedNumber() {
        InvalidRequestException e = catchThrowableOfType(() -> Ins.computeKey("12345"),
                InvalidRequestException.class);
        assertThat(e.violations()).extracting(Violation::field).containsExactly("ins.number");
    }

    private static java.util.List<Violation> violations(String matricule, String oid) {
        InvalidRequestException e = catchThrowableOfType(() -> Ins.of(matricule, oid), InvalidRequestException.class);
        assertThat(e).as("expected a violation").isNotNull();
        return e.violations();
    }
}
