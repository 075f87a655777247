package io.segursdk.ins;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an INSi search: {@linkplain #outcome() found, not found or several found}, the identity when found,
 * and every call made to reach that answer ({@link #attempts()}: with several birth first names, one call per first
 * name then one with all of them, see {@link InsiClient#searchByTraits(IdentityTraits)}).
 *
 * <p>A found result is the evidence the RNIV asks for: {@link #toRetrieval(Operator)} turns it into the
 * {@link InsiRetrieval} that {@link PatientIdentity#acceptInsiRetrieval(InsiRetrieval)} takes.
 *
 * <pre>{@code
 * InsiResult result = insi.searchByTraits(traits);
 * switch (result.outcome()) {
 *     case FOUND -> identity = identity.acceptInsiRetrieval(result.toRetrieval(operator));
 *     case NOT_FOUND -> askForTheBirthName();
 *     case SEVERAL_FOUND -> askForTheBirthPlace();
 * }
 * }</pre>
 */
public final class InsiResult {

    private final InsiRetrieval.Operation operation;
    private final InsiOutcome outcome;
    private final InsiIdentity identity;
    private final List<InsiAttempt> attempts;
    private final Instant at;

    /**
     * @param operation the operation that produced the result
     * @param outcome   the final outcome
     * @param identity  the identity, required when found, {@code null} otherwise
     * @param attempts  the calls made, at least one, in order
     * @param at        when the answer was received
     */
    public InsiResult(InsiRetrieval.Operation operation, InsiOutcome outcome, InsiIdentity identity,
                      List<InsiAttempt> attempts, Instant at) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        if ((outcome == InsiOutcome.FOUND) != (identity != null)) {
            throw new IllegalArgumentException("an identity comes with a FOUND outcome, and only then");
        }
        this.identity = identity;
        this.attempts = List.copyOf(attempts);
        if (this.attempts.isEmpty()) {
            throw new IllegalArgumentException("a result comes from at least one call");
        }
        this.at = Objects.requireNonNull(at, "at");
    }

    /** @return the operation: a search by traits, a search with carte Vitale data, or a verification */
    public InsiRetrieval.Operation operation() {
        return operation;
    }

    /** @return the outcome */
    public InsiOutcome outcome() {
        return outcome;
    }

    /** @return whether an identity was found */
    public boolean isFound() {
        return outcome == InsiOutcome.FOUND;
    }

    /** @return the identity, when found */
    public Optional<InsiIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** @return every call made, in order (one for a single first name; several with the first-names strategy) */
    public List<InsiAttempt> attempts() {
        return attempts;
    }

    /** @return the call that found the identity, when one did */
    public Optional<InsiAttempt> matchingAttempt() {
        return attempts.stream().filter(a -> a.outcome() == InsiOutcome.FOUND).findFirst();
    }

    /** @return the message id of the last call, to quote to the CNAM's support */
    public String messageId() {
        return attempts.get(attempts.size() - 1).messageId();
    }

    /** @return when the answer was received (the client's clock) */
    public Instant at() {
        return at;
    }

    /**
     * The RNIV evidence of this retrieval, for {@link PatientIdentity#acceptInsiRetrieval(InsiRetrieval)}.
     *
     * @param by who made the call (the professional, or a secretary acting by delegation)
     * @return the evidence
     * @throws IllegalStateException when no identity was found
     */
    public InsiRetrieval toRetrieval(Operator by) {
        if (identity == null) {
            throw new IllegalStateException("INSi found no single identity (" + outcome + "): nothing to retrieve");
        }
        return new InsiRetrieval(operation, identity.activeIns(), identity.traits(), identity.previousIns(), by, at);
    }

    @Override
    public String toString() {
        return "InsiResult{" + operation + ", " + outcome + (identity == null ? "" : ", " + identity) + ", attempts="
                + attempts.size() + ", messageId=" + messageId() + "}";
    }
}
