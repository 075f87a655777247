package io.segursdk.ins;

import java.util.Optional;

/**
 * The sex trait, as the INS carries it.
 *
 * <p>INSi searches accept {@code M} and {@code F} only (an empty or other value is refused by the service with its
 * error {@code insi_24}). {@link #UNDETERMINED} ({@code I}) exists for local identities whose sex is not determined;
 * such an identity cannot be searched in INSi. Reading to check: the RNIV's exact use of {@code I}.
 */
public enum Sex {
    /** Male. */
    M,
    /** Female. */
    F,
    /** Undetermined (local identities only). */
    UNDETERMINED;

    /** @return the one-letter code: {@code M}, {@code F} or {@code I} */
    public String code() {
        return this == UNDETERMINED ? "I" : name();
    }

    /** @return whether the INSi service accepts this value in a search */
    public boolean isInsiSearchable() {
        return this != UNDETERMINED;
    }

    /**
     * Reads a one-letter code.
     *
     * @param code {@code M}, {@code F} or {@code I}, in any case; may be {@code null}
     * @return the sex, or empty if the code is not one of those
     */
    public static Optional<Sex> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        switch (code.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "M":
                return Optional.of(M);
            case "F":
                return Optional.of(F);
            case "I":
                return Optional.of(UNDETERMINED);
            default:
                return Optional.empty();
        }
    }
}
