package io.segursdk.ins;

import java.util.Objects;

/**
 * One call made to INSi while searching by traits, so the caller sees the several-first-names strategy at work:
 * which first name (or joined list of first names) was sent, what INSi answered, and under which message id.
 *
 * @param firstNames the {@code Prenom} value sent: one first name, or all of them joined by spaces
 * @param allFirstNames whether this call sent all the first names joined (the strategy's last call)
 * @param outcome    what INSi answered
 * @param messageId  the request's WS-Addressing message id, to quote to the CNAM's support
 */
public record InsiAttempt(String firstNames, boolean allFirstNames, InsiOutcome outcome, String messageId) {

    /** Checks the components are present. */
    public InsiAttempt {
        Objects.requireNonNull(firstNames, "firstNames");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String toString() {
        return "InsiAttempt{" + (allFirstNames ? "all first names" : "one first name") + ", " + outcome
                + ", messageId=" + messageId + "}";
    }
}
