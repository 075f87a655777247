package io.segursdk.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request or a configuration is invalid. Raised before any network call, listing every violation found at once,
 * so that a vendor fixes them in one pass.
 */
public class InvalidRequestException extends SegurException {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    /**
     * @param violations what is wrong, at least one
     */
    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations), null, null, null, null, false, null);
        this.violations = List.copyOf(violations);
    }

    /**
     * A single violation.
     *
     * @param field the field, in the request's terms (for example {@code "birthDate"})
     * @param rule  the rule that is broken, in plain words
     * @return the exception
     */
    public static InvalidRequestException of(String field, String rule) {
        return new InvalidRequestException(List.of(new Violation(field, rule)));
    }

    /** @return every violation found, in the order they were found */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one violation");
        }
        return "Invalid request: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
