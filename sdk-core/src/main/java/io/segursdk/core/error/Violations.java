package io.segursdk.core.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations while a request or a configuration is validated, then throws them all at once.
 *
 * <pre>{@code
 * Violations v = new Violations();
 * v.require(endpoint != null, "endpoint", "is required");
 * v.throwIfAny();
 * }</pre>
 */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    /**
     * Records a violation unless the condition holds.
     *
     * @param condition what must be true
     * @param field     the field checked
     * @param rule      the rule, in plain words
     * @return this collector
     */
    public Violations require(boolean condition, String field, String rule) {
        if (!condition) {
            found.add(new Violation(field, rule));
        }
        return this;
    }

    /**
     * Records a violation.
     *
     * @param field the field
     * @param rule  the rule, in plain words
     * @return this collector
     */
    public Violations add(String field, String rule) {
        found.add(new Violation(field, rule));
        return this;
    }

    /** @return whether any violation was recorded */
    public boolean any() {
        return !found.isEmpty();
    }

    /** @return the violations recorded so far */
    public List<Violation> list() {
        return List.copyOf(found);
    }

    /**
     * @throws InvalidRequestException listing every violation, if any was recorded
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
