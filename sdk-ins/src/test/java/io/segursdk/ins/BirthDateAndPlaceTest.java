package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BirthDateAndPlaceTest {

    @Test
    void completeDate() {
        BirthDate d = BirthDate.parse("1984-12-03");

        assertThat(d.isPartial()).isFalse();
        assertThat(d.isCalendarDate()).isTrue();
        assertThat(d.toLocalDate()).contains(LocalDate.of(1984, 12, 3));
        assertThat(BirthDate.of(LocalDate.of(1984, 12, 3))).isEqualTo(d);
    }

    @Test
    void partialDatesWithUnknownDayOrMonth() {
        BirthDate dayUnknown = BirthDate.parse("1951-07-00");
        BirthDate bothUnknown = BirthDate.parse("1951-00-00");

        assertThat(dayUnknown.isPartial()).isTrue();
        assertThat(dayUnknown.month()).isEqualTo(7);
        assertThat(dayUnknown.day()).isZero();
        assertThat(dayUnknown.toLocalDate()).isEmpty();
        assertThat(bothUnknown.value()).isEqualTo("1951-00-00");
    }

    @Test
    void lunarDateOutsideTheCalendar() {
        BirthDate lunar = BirthDate.parse("1951-02-30");

        assertThat(lunar.isPartial()).isFalse();
        assertThat(lunar.isCalendarDate()).isFalse();
        assertThat(lunar.value()).isEqualTo("1951-02-30");
    }

    @Test
    void calendarOnlyRefusesPartialAndLunarDates() {
        assertThat(violation(() -> BirthDate.parseCalendar("1951-02-30"))).isEqualTo(
                new Violation("birthDate", "must be a complete date that exists in the calendar"));
        assertThat(violation(() -> BirthDate.parseCalendar("1951-07-00"))).isEqualTo(
                new Violation("birthDate", "must be a complete date that exists in the calendar"));
        assertThat(BirthDate.parseCalendar("2000-02-29").isCalendarDate()).isTrue();
    }

    @Test
    void impossibleDates() {
        assertThat(violation(() -> BirthDate.parse("1951-13-01"))).isEqualTo(
                new Violation("birthDate", "month must be 01 to 12, or 00 when unknown"));
        assertThat(violation(() -> BirthDate.parse("1951-01-32"))).isEqualTo(
                new Violation("birthDate", "day must be 01 to 31, or 00 when unknown"));
        assertThat(violation(() -> BirthDate.parse("0000-01-01"))).isEqualTo(
                new Violation("birthDate", "year must not be 0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"03/12/1984", "1984-1-3", "19841203", "1984-12-03T00:00"})
    void wrongShape(String value) {
        assertThat(violation(() -> BirthDate.parse(value))).isEqualTo(
                new Violation("birthDate", "must have the form YYYY-MM-DD"));
    }

    @Test
    void birthDateToStringIsMasked() {
        assertThat(BirthDate.parse("1984-12-03").toString()).doesNotContain("1984").doesNotContain("12");
    }

    @Test
    void birthPlaces() {
        assertThat(BirthPlace.of("63113").isAbroad()).isFalse();
        assertThat(BirthPlace.of("2b033").code()).isEqualTo("2B033");
        assertThat(BirthPlace.of("2B033").isCorsica()).isTrue();
        assertThat(BirthPlace.of("2A004").isCorsica()).isTrue();
        assertThat(BirthPlace.of("99134").isAbroad()).isTrue();
        assertThat(BirthPlace.of("99999").isUnknown()).isTrue();
        assertThat(BirthPlace.of("63113").toString()).doesNotContain("63113");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6311", "631130", "2C033", "A2033", "PARIS", "63-13"})
    void malformedBirthPlaces(String value) {
        assertThat(violation(() -> BirthPlace.of(value)).field()).isEqualTo("birthPlace");
    }

    private static Violation violation(Runnable r) {
        InvalidRequestException e = catchThrowableOfType(r::run, InvalidRequestException.class);
        assertThat(e).as("expected a violation").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }
}
