package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A birth date as the INS carries it ({@code YYYY-MM-DD}), including the partial and "lunar" dates the INS and the
 * Carte Vitale allow: month {@code 00} or day {@code 00} when unknown, and day/month pairs that are not in the
 * calendar (for example {@code 1950-02-30}), as long as the month is within 00-12 and the day within 00-31.
 *
 * <p>Chosen reading (to check against the INSi integration guide): the service's {@code DateLunaire} type is
 * {@code \d{4}-\d{2}-\d{2}} with no calendar check. Use {@link #parseCalendar(String)} where only real calendar dates
 * are acceptable. The value is patient data: {@link #toString()} masks it.
 */
public final class BirthDate {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final int year;
    private final int month;
    private final int day;

    private BirthDate(int year, int month, int day) {
        this.year = year;
        this.month = month;
        this.day = day;
    }

    /**
     * Parses a date, accepting partial and lunar forms.
     *
     * @param value {@code YYYY-MM-DD}
     * @return the date
     * @throws InvalidRequestException naming the field {@code birthDate} and the rules broken
     */
    public static BirthDate parse(String value) {
        Violations v = new Violations();
        BirthDate d = check(value, "birthDate", false, v);
        v.throwIfAny();
        return d;
    }

    /**
     * Parses a date that must be a complete calendar date.
     *
     * @param value {@code YYYY-MM-DD}
     * @return the date
     * @throws InvalidRequestException naming the field {@code birthDate} and the rules broken
     */
    public static BirthDate parseCalendar(String value) {
        Violations v = new Violations();
        BirthDate d = check(value, "birthDate", true, v);
        v.throwIfAny();
        return d;
    }

    /**
     * A complete calendar date.
     *
     * @param date the date
     * @return the birth date
     */
    public static BirthDate of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw InvalidRequestException.of("birthDate", "year must have 4 digits");
        }
        return new BirthDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    static BirthDate check(String value, String field, boolean calendarOnly, Violations v) {
        if (value == null || value.isBlank()) {
            v.add(field, "is required");
            return null;
        }
        String s = value.strip();
        if (!SHAPE.matcher(s).matches()) {
            v.add(field, "must have the form YYYY-MM-DD");
            return null;
        }
        int y = Integer.parseInt(s.substring(0, 4));
        int m = Integer.parseInt(s.substring(5, 7));
        int d = Integer.parseInt(s.substring(8, 10));
        int before = v.list().size();
        v.require(y > 0, field, "year must not be 0000");
        v.require(m <= 12, field, "month must be 01 to 12, or 00 when unknown");
        v.require(d <= 31, field, "day must be 01 to 31, or 00 when unknown");
        if (v.list().size() > before) {
            return null;
        }
        BirthDate date = new BirthDate(y, m, d);
        if (calendarOnly && !date.isCalendarDate()) {
            v.add(field, "must be a complete date that exists in the calendar");
            return null;
        }
        return date;
    }

    /** @return the year */
    public int year() {
        return year;
    }

    /** @return the month, 1-12, or 0 when unknown */
    public int month() {
        return month;
    }

    /** @return the day, 1-31, or 0 when unknown */
    public int day() {
        return day;
    }

    /** @return whether the month or the day is unknown ({@code 00}) */
    public boolean isPartial() {
        return month == 0 || day == 0;
    }

    /** @return whether the date is complete and exists in the calendar */
    public boolean isCalendarDate() {
        return toLocalDate().isPresent();
    }

    /** @return the calendar date, or empty for a partial or lunar date */
    public Optional<LocalDate> toLocalDate() {
        if (isPartial()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the {@code YYYY-MM-DD} form, as INSi carries it (patient data: do not log) */
    public String value() {
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BirthDate b && b.year == year && b.month == month && b.day == day;
    }

    @Override
    public int hashCode() {
        return Objects.hash(year, month, day);
    }

    /** @return a masked form: never the date */
    @Override
    public String toString() {
        return "BirthDate{****-**-**}";
    }
}
