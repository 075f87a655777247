package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdentityTraitsTest {

    @Test
    void buildsNormalisedTraits() {
        IdentityTraits traits = IdentityTraits.builder()
                .birthName("Dufresnoy-Lacombe")
                .birthFirstNames("Anne-Sophie", "Éléonore")
                .sex(Sex.F)
                .birthDate("1984-12-03")
                .birthPlace("2a004")
                .usedName("Martinvaux")
                .usedFirstName("Sophie")
                .build();

        assertThat(traits.birthName()).isEqualTo("DUFRESNOY-LACOMBE");
        assertThat(traits.birthFirstNames()).containsExactly("ANNE-SOPHIE", "ELEONORE");
        assertThat(traits.firstBirthFirstName()).isEqualTo("ANNE-SOPHIE");
        assertThat(traits.birthFirstNamesList()).isEqualTo("ANNE-SOPHIE ELEONORE");
        assertThat(traits.sex()).isEqualTo(Sex.F);
        assertThat(traits.birthDate().value()).isEqualTo("1984-12-03");
        assertThat(traits.birthPlace()).map(BirthPlace::code).contains("2A004");
        assertThat(traits.usedName()).contains("MARTINVAUX");
        assertThat(traits.usedFirstName()).contains("SOPHIE");
    }

    @Test
    void firstNamesFromASpaceSeparatedList() {
        IdentityTraits traits = minimal().birthFirstNamesList("  PIERRE-YVES   gaspard ").build();

        assertThat(traits.birthFirstNames()).containsExactly("PIERRE-YVES", "GASPARD");
    }

    @Test
    void usedNameIsKeptApartFromTheBirthName() {
        IdentityTraits a = minimal().usedName("VAUX").build();
        IdentityTraits b = minimal().build();

        assertThat(a.birthName()).isEqualTo(b.birthName());
        assertThat(a.sameStrictTraits(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(b.usedName()).isEmpty();
    }

    @Test
    void birthPlaceIsOptional() {
        assertThat(minimal().birthPlace((String) null).build().birthPlace()).isEmpty();
    }

    @Test
    void reportsEveryViolationAtOnce() {
        InvalidRequestException e = catchThrowableOfType(() -> IdentityTraits.builder()
                .birthName("MART1N")
                .birthFirstNames("JEAN", "")
                .sex("X")
                .birthDate("1984-13-03")
                .birthPlace("7501")
                .usedName("VAUX!")
                .build(), InvalidRequestException.class);

        assertThat(e.violations()).extracting(Violation::field).containsExactly(
                "birthName", "birthFirstNames[1]", "sex", "birthDate", "birthPlace", "usedName");
        assertThat(e.getMessage()).doesNotContain("MART1N").doesNotContain("7501").doesNotContain("VAUX");
    }

    @Test
    void requiredTraits() {
        InvalidRequestException e = catchThrowableOfType(() -> IdentityTraits.builder().build(),
                InvalidRequestException.class);

        assertThat(e.violations()).containsExactly(
                new Violation("birthName", "is required"),
                new Violation("birthFirstNames", "at least one birth first name is required"),
                new Violation("sex", "is required"),
                new Violation("birthDate", "is required"));
    }

    @Test
    void sexCodes() {
        assertThat(minimal().sex("m").build().sex()).isEqualTo(Sex.M);
        assertThat(minimal().sex("I").build().sex()).isEqualTo(Sex.UNDETERMINED);
        assertThat(Sex.UNDETERMINED.code()).isEqualTo("I");
        assertThat(Sex.UNDETERMINED.isInsiSearchable()).isFalse();
        assertThat(Sex.F.isInsiSearchable()).isTrue();
    }

    @Test
    void toStringMasksEveryTrait() {
        IdentityTraits traits = minimal().birthPlace("63113").usedName("VAUX").build();

        assertThat(traits.toString()).doesNotContain("LACOMBE").doesNotContain("ODILE").doesNotContain("1984")
                .doesNotContain("63113").doesNotContain("VAUX").contains("1 masked");
    }

    @Test
    void toBuilderChangesOneTrait() {
        IdentityTraits traits = minimal().build();
        IdentityTraits changed = traits.toBuilder().birthDate("1984-12-04").build();

        assertThat(changed.sameStrictTraits(traits)).isFalse();
        assertThat(changed.birthName()).isEqualTo(traits.birthName());
    }

    static IdentityTraits.Builder minimal() {
        return IdentityTraits.builder().birthName("LACOMBE").birthFirstNames("ODILE").sex(Sex.F)
                .birthDate("1984-12-03");
    }
}
