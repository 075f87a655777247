package io.segursdk.core.error;

import java.util.Objects;

/**
 * One broken rule in a request or a configuration. Never carries the offending value when it may be patient data.
 *
 * @param field the field, in the request's terms
 * @param rule  the rule, in plain words
 */
public record Violation(String field, String rule) {

    /** Checks both parts are present. */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
