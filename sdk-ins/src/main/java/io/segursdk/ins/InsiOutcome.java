package io.segursdk.ins;

import java.util.Optional;

/** What an INSi search answered: its compte rendu code (CodeCR). */
public enum InsiOutcome {
    /** {@code 00}: one identity found; its INS and qualified traits are returned. */
    FOUND("00"),
    /** {@code 01}: no identity matches the traits sent. */
    NOT_FOUND("01"),
    /**
     * {@code 02}: several identities match (homonyms); add the birth place, or check the traits, and search again.
     */
    SEVERAL_FOUND("02");

    private final String code;

    InsiOutcome(String code) {
        this.code = code;
    }

    /** @return the CodeCR value */
    public String code() {
        return code;
    }

    /**
     * @param code a CodeCR value
     * @return the outcome, empty for a code INSi does not document
     */
    public static Optional<InsiOutcome> fromCode(String code) {
        for (InsiOutcome o : values()) {
            if (o.code.equals(code)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
