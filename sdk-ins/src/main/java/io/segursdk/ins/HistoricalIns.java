package io.segursdk.ins;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An INS the person had before the active one (INSi's {@code INSHISTO}: after a NIA was replaced by a NIR, or after
 * a change of civil status), with the dates INSi gives for it when it gives them.
 *
 * @param ins   the former INS
 * @param start the date it started being used, or {@code null}
 * @param end   the date it stopped being used, or {@code null}
 */
public record HistoricalIns(Ins ins, LocalDate start, LocalDate end) {

    /** Checks the INS is present. */
    public HistoricalIns {
        Objects.requireNonNull(ins, "ins");
    }

    /** @return the start date, when INSi gave one */
    public Optional<LocalDate> startDate() {
        return Optional.ofNullable(start);
    }

    /** @return the end date, when INSi gave one */
    public Optional<LocalDate> endDate() {
        return Optional.ofNullable(end);
    }

    @Override
    public String toString() {
        return "HistoricalIns{" + ins + ", dates masked}";
    }
}
