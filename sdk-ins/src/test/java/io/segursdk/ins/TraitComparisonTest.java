package io.segursdk.ins;

import io.segursdk.ins.TraitComparison.Difference;
import io.segursdk.ins.TraitComparison.Kind;
import io.segursdk.ins.TraitComparison.Trait;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraitComparisonTest {

    private static IdentityTraits.Builder reference() {
        return IdentityTraits.builder().birthName("DE LA TOURVAINE").birthFirstNames("JEAN-BAPTISTE", "LOUIS")
                .sex(Sex.M).birthDate("2001-06-09").birthPlace("2B033");
    }

    @Test
    void identical() {
        TraitComparison c = TraitComparison.compare(reference().build(), reference().build());
        assertThat(c.identical()).isTrue();
        assertThat(c.matches()).isTrue();
    }

    @Test
    void explainsEachDifferenceWithoutValues() {
        IdentityTraits local = reference().birthName("DELA TOURVAINE").birthFirstNames("JEAN", "BAPTISTE", "LOUIS")
                .sex(Sex.F).birthDate("2001-06-10").birthPlace("2A004").build();

        TraitComparison c = TraitComparison.compare(local, reference().build());

        assertThat(c.matches()).isFalse();
        assertThat(c.differences()).containsExactly(
                new Difference(Trait.BIRTH_NAME, Kind.DIFFERS_ONLY_IN_SEPARATORS),
                new Difference(Trait.FIRST_BIRTH_FIRST_NAME, Kind.DIFFERENT),
                new Difference(Trait.BIRTH_FIRST_NAMES, Kind.DIFFERS_ONLY_IN_SEPARATORS),
                new Difference(Trait.SEX, Kind.DIFFERENT),
                new Difference(Trait.BIRTH_DATE, Kind.DIFFERENT),
                new Difference(Trait.BIRTH_PLACE, Kind.DIFFERENT));
        assertThat(c.toString()).doesNotContain("TOURVAINE").doesNotContain("2001").doesNotContain("2B033");
    }

    @Test
    void toleratesAnIncompleteLocalFirstNameListAndAMissingBirthPlace() {
        IdentityTraits local = reference().birthFirstNames("JEAN-BAPTISTE").birthPlace((String) null).build();
        IdentityTraits insiWithoutPlace = reference().birthPlace((String) null).build();

        TraitComparison c = TraitComparison.compare(local, reference().build());
        assertThat(c.matches()).isTrue();
        assertThat(c.differences()).containsExactly(
                new Difference(Trait.BIRTH_FIRST_NAMES, Kind.INCOMPLETE_LOCALLY),
                new Difference(Trait.BIRTH_PLACE, Kind.ABSENT_LOCALLY));

        assertThat(TraitComparison.compare(reference().build(), insiWithoutPlace).differences())
                .containsExactly(new Difference(Trait.BIRTH_PLACE, Kind.ABSENT_IN_REFERENCE));
    }

    @Test
    void otherFirstNameOrderIsBlocking() {
        IdentityTraits local = reference().birthFirstNames("LOUIS", "JEAN-BAPTISTE").build();

        TraitComparison c = TraitComparison.compare(local, reference().build());

        assertThat(c.matches()).isFalse();
        assertThat(c.blockingDifferences()).extracting(Difference::trait)
                .containsExactly(Trait.FIRST_BIRTH_FIRST_NAME, Trait.BIRTH_FIRST_NAMES);
    }
}
